"""Helpers for the curation tests: reports and update requests with keyword defaults."""

from curation.models import ProblemReport, UpdateRequest


def make_report(service, reporter, kind=ProblemReport.Kind.WRONG_PHONE, **fields):
    return ProblemReport.objects.create(service=service, reported_by=reporter, kind=kind, **fields)


def make_update_request(organization, email="intake@provider.example", **fields):
    """A sent update request; returns (request, the token of its link)."""
    update = UpdateRequest.objects.create(organization=organization, email=email, **fields)
    token = update.new_token()
    update.save()
    return update, token
