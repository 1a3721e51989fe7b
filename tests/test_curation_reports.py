"""Problem reports: a reader reports a listing, a curator fixes or dismisses, the reader
sees the outcome."""

import pytest

from curation.models import ProblemReport
from directory.models import Service
from tests.conftest import make_user
from tests.curation_helpers import make_report
from tests.factories import make_organization, make_service

pytestmark = pytest.mark.django_db


def report_url(service):
    return f"/curation/services/{service.pk}/report/"


def test_the_service_page_links_to_the_report_form(caseworker_client):
    service = make_service("Night Shelter")

    page = caseworker_client.get(service.get_absolute_url()).content.decode()

    assert "Report a problem with this listing" in page
    assert report_url(service) in page


def test_the_form_says_it_needs_no_youth_details(caseworker_client):
    service = make_service("Night Shelter")

    page = caseworker_client.get(report_url(service)).content.decode()

    assert "needs no details about a young person" in page
    assert "The phone number is wrong" in page


def test_the_form_offers_only_real_problems_and_picks_none(caseworker_client):
    service = make_service("Night Shelter")

    page = caseworker_client.get(report_url(service)).content.decode()

    assert "---------" not in page  # no blank choice among the radio buttons
    assert 'type="radio" name="kind" value=""' not in page
    assert " checked" not in page
    response = caseworker_client.post(report_url(service), {"comment": "x"})
    assert "This field is required." in response.content.decode()
    assert not ProblemReport.objects.exists()


def test_a_case_worker_reports_a_wrong_phone_and_sees_it_open(caseworker_client, caseworker):
    service = make_service("Night Shelter", intake_phone="555-0100")

    response = caseworker_client.post(
        report_url(service), {"kind": "phone", "comment": "It is 555-0111 now."}, follow=True
    )

    report = ProblemReport.objects.get()
    assert (report.service, report.kind, report.reported_by) == (service, "phone", caseworker)
    assert report.status == "open"
    page = response.content.decode()
    assert "My reports" in page and "Night Shelter" in page and "Open" in page


def test_a_report_without_a_kind_is_a_form_error(caseworker_client):
    service = make_service("Night Shelter")

    response = caseworker_client.post(report_url(service), {"kind": "nonsense", "comment": "x"})

    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not ProblemReport.objects.exists()


def test_a_case_worker_cannot_report_a_draft(caseworker_client):
    draft = make_service("Draft", publication=Service.Publication.DRAFT)

    assert caseworker_client.get(report_url(draft)).status_code == 404


def test_an_open_report_shows_on_the_service_page_until_it_is_closed(
    caseworker_client, caseworker, client
):
    service = make_service("Night Shelter")
    report = make_report(service, caseworker)
    notice = "A problem was reported on"

    assert notice in caseworker_client.get(service.get_absolute_url()).content.decode()

    curator = make_user("cora", groups=["Curator"])
    client.force_login(curator)
    client.post(report.get_absolute_url(), {"outcome": "fixed", "resolution": "New number listed."})
    client.force_login(caseworker)
    assert notice not in client.get(service.get_absolute_url()).content.decode()


def test_the_curator_fixes_and_the_reporter_sees_the_outcome(client, caseworker):
    service = make_service("Night Shelter")
    report = make_report(service, caseworker)
    curator = make_user("cora", groups=["Curator"])
    client.force_login(curator)

    page = client.get(report.get_absolute_url()).content.decode()
    assert "The listing today" in page and "Fix the listing in the admin" in page
    client.post(report.get_absolute_url(), {"outcome": "fixed", "resolution": "Updated."})

    report.refresh_from_db()
    assert (report.status, report.resolved_by, report.resolution) == ("fixed", curator, "Updated.")
    client.force_login(caseworker)
    mine = client.get("/curation/reports/mine/").content.decode()
    assert "Fixed" in mine and "Updated." in mine


def test_a_dismissal_needs_a_reason(curator_client, caseworker):
    report = make_report(make_service(), caseworker)

    response = curator_client.post(report.get_absolute_url(), {"outcome": "dismissed"})

    assert "Say why the report is dismissed." in response.content.decode()
    report.refresh_from_db()
    assert report.status == "open"


def test_a_closed_report_is_not_closed_again(curator_client, caseworker):
    report = make_report(make_service(), caseworker, status="dismissed", resolution="Right.")

    curator_client.post(report.get_absolute_url(), {"outcome": "fixed", "resolution": "No"})

    report.refresh_from_db()
    assert (report.status, report.resolution) == ("dismissed", "Right.")


def test_a_case_worker_cannot_close_a_report(caseworker_client, caseworker):
    report = make_report(make_service(), caseworker)

    response = caseworker_client.post(report.get_absolute_url(), {"outcome": "fixed"})

    assert response.status_code == 403
    report.refresh_from_db()
    assert report.status == "open"


def test_my_reports_shows_only_mine(caseworker_client, caseworker):
    mine = make_report(make_service("Mine"), caseworker)
    make_report(make_service("Theirs"), make_user("other", groups=["Case worker"]))

    page = caseworker_client.get("/curation/reports/mine/").content.decode()

    assert mine.service.name in page
    assert "Theirs" not in page


def test_the_queue_lists_open_reports_oldest_first(curator_client, caseworker):
    first = make_report(make_service("First"), caseworker)
    second = make_report(make_service("Second"), caseworker)
    make_report(make_service("Closed"), caseworker, status="fixed")

    response = curator_client.get("/curation/reports/")

    assert list(response.context["reports"]) == [first, second]
    assert curator_client.get("/curation/reports/?status=nonsense").status_code == 200


@pytest.mark.parametrize("count", [1, 10])
def test_report_pages_query_counts_do_not_grow(
    client, caseworker, count, django_assert_num_queries
):
    organization = make_organization()
    for number in range(count):
        make_report(make_service(f"S{number}", organization=organization), caseworker)
    curator = make_user("cora", groups=["Curator"])

    client.force_login(caseworker)
    # 1-2 session and user, 3 the user's permissions, 4 the reports with their services
    # (the header shows no referral list count here)
    with django_assert_num_queries(4):
        client.get("/curation/reports/mine/")
    client.force_login(curator)
    # 1-2 session and user, 3 the user's permissions, 4 the open reports with their
    # services, organizations and reporters
    with django_assert_num_queries(4):
        client.get("/curation/reports/")


@pytest.mark.parametrize("others", [1, 10])
def test_the_report_page_query_count_does_not_grow(
    curator_client, caseworker, others, django_assert_num_queries
):
    service = make_service("Night Shelter")
    report = make_report(service, caseworker)
    for _number in range(others):
        make_report(service, caseworker)

    # 1-2 session and user, 3 permissions, 4 the report with its service, organization
    # and people, 5 the service's other open reports (a count)
    with django_assert_num_queries(5):
        curator_client.get(report.get_absolute_url())
    # 1 session+user in one, 2 permissions, 3 the service
    with django_assert_num_queries(3):
        curator_client.get(f"/curation/services/{service.pk}/report/")
