from django import template

from curation.models import ProblemReport

register = template.Library()


@register.inclusion_tag("curation/_open_report.html")
def open_problem_notice(service):
    """ "A problem was reported on <date>", while a report on the service is open (one query)."""
    problem = (
        ProblemReport.objects.open().filter(service=service).order_by("reported_at", "pk").first()
    )
    return {"problem": problem}
