"""A location that another directory keeps confidential arrives here confidential.

Our own API gives a confidential location without its address or coordinates
(hsds.serializers.location_record); a sync reads a location given so as confidential, so
it is never shown as a public place without an address. The feed here is a page of our own
API, served by a small server of the test's own after the records it holds were deleted.
"""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from directory.models import Location, Organization, Service
from hsds.models import ImportRun
from tests.factories import make_location, make_organization, make_service
from tests.test_hsds_sync import make_feed, sync_now

pytestmark = pytest.mark.django_db


class Page(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_GET(self):
        body = self.server.body
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture
def feed_of(settings):
    """feed_of(body): a feed whose every page is `body`."""
    settings.HSDS_SYNC_OVERLAP_SECONDS = 0
    settings.HSDS_IMPORT_IN_BACKGROUND = False
    servers = []

    def start(body):
        server = ThreadingHTTPServer(("127.0.0.1", 0), Page)
        server.daemon_threads = True
        server.body = body
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return make_feed(f"http://127.0.0.1:{server.server_address[1]}/api/", "key")

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


def our_api_page(client, settings):
    """What our API says of a shelter at a confidential location and an office at an open
    one; then the records are deleted, as if they had never been here."""
    organization = make_organization("Lantern House")
    shelter = make_service("Lantern Shelter", organization=organization)
    office = make_service("Lantern Office", organization=organization)
    hidden = make_location(
        organization,
        services=[shelter],
        name="Shelter",
        address_1="17 Hidden Lane",
        postal_code="62701",
        latitude=39.8,
        longitude=-89.6,
        confidential=True,
    )
    open_ = make_location(
        organization,
        services=[office],
        name="Office",
        address_1="5 Main Street",
        postal_code="62701",
        latitude=39.7,
        longitude=-89.5,
    )
    settings.HSDS_API_ACCESS = "public"
    body = client.get("/api/services", {"full": "true"}).content
    assert b"Hidden Lane" not in body and b"5 Main Street" in body
    Service.objects.all().delete()
    Location.objects.all().delete()
    Organization.objects.all().delete()
    return body, str(hidden.pk), str(open_.pk)


def test_a_location_the_feed_keeps_confidential_arrives_confidential(client, settings, feed_of):
    body, hidden, open_ = our_api_page(client, settings)

    run = sync_now(feed_of(body))

    assert run.status == ImportRun.Status.DONE, run.progress
    shelter = Location.objects.get(pk=hidden)
    assert shelter.confidential
    assert shelter.address_1 == "" and shelter.latitude is None
    assert not Location.objects.get(pk=open_).confidential


def test_a_location_public_here_turns_confidential_when_the_feed_hides_it(
    client, settings, feed_of
):
    body, hidden, _ = our_api_page(client, settings)
    feed = feed_of(body)
    sync_now(feed)
    Location.objects.filter(pk=hidden).update(confidential=False)

    run = sync_now(feed)

    assert run.status == ImportRun.Status.DONE, run.progress
    assert Location.objects.get(pk=hidden).confidential
    assert json.loads(body)["contents"]  # the page held services
