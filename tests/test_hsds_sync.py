"""Sync with another directory (README "Sync with another directory"), end to end: a second
instance of Off-Ramps, started by the test in a process of its own (Django's server on its own
SQLite file, loaded with the demo directory, its API open to tokens only), is the feed.

A sync brings its services in, a second one changes nothing, a service changed upstream
arrives with the next, a hand edit here is kept and a conflict reported; a feed that fails
mid-way (an HTTP error, a page that is not JSON, no answer in time, a redirect to another
host, the same page again, an invalid record) leaves nothing written and the run failed
with its reason.
Between the test and the instance, a small proxy of the test's own can break a page.
"""

import os
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from directory.models import Category, Location, Service
from hsds import sync, tasks
from hsds.mapping import TermMapper
from hsds.models import Feed, ImportRun, TermMapping
from tests.conftest import run_jobs
from tests.test_deployment import BASE_DIR, NOT_INHERITED
from tests.test_devserver import free_port, wait_for

TOKEN_ENV = "OFF_RAMPS_TEST_FEED_TOKEN"
# The demo directory cut to UPSTREAM_SERVICES services (three pages of HSDS_SYNC_PER_PAGE), its
# services at confidential locations among them: each test syncs them all at least once.
UPSTREAM_SERVICES = 12
UPSTREAM_SET_UP = f"""
from django.core.management import call_command
from directory.models import Service
from hsds.exporter import services_for_hsds
from hsds.models import ApiToken
call_command("migrate", verbosity=0)
call_command("load_demo", verbosity=0)
published = services_for_hsds().order_by("name")
kept = list(published.filter(serviceatlocation__location__confidential=True).distinct())
kept += [s for s in published if s not in kept][: {UPSTREAM_SERVICES} - len(kept)]
Service.objects.exclude(pk__in=[s.pk for s in kept]).delete()
token = ApiToken(name="sync test")
key = token.set_new_key()
token.save()
ids = ",".join(str(pk) for pk in services_for_hsds().values_list("pk", flat=True))
print("KEY=" + key + " PUBLISHED=" + ids)
"""


class Upstream:
    """The other directory: its own database file and server process."""

    def __init__(self, folder):
        self.env = {
            **{k: v for k, v in os.environ.items() if k not in NOT_INHERITED},
            "DATABASE_URL": f"sqlite:///{folder / 'upstream.sqlite3'}",
            "HSDS_API_ACCESS": "token",
            "CACHE_URL": "",
            "PYTHONUNBUFFERED": "1",
        }
        self.env.pop("TEST_DB_NAME", None)
        made = self.shell(UPSTREAM_SET_UP)
        self.key, self.published = made.removeprefix("KEY=").split(" PUBLISHED=")
        self.published = self.published.split(",")
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/api/"
        self.log = (folder / "upstream.log").open("w")
        self.server = subprocess.Popen(
            [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{self.port}"],
            cwd=BASE_DIR,
            env=self.env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        wait_for(self.answers)

    def answers(self):
        try:
            urllib.request.urlopen(self.url, timeout=2)
        except urllib.error.HTTPError:
            return True  # 401 without a token: it is up
        except OSError:
            return False
        return True

    def shell(self, code):
        done = subprocess.run(
            [sys.executable, "manage.py", "shell", "-c", code],
            cwd=BASE_DIR,
            env=self.env,
            capture_output=True,
            text=True,
            check=True,
        )
        return done.stdout.strip().rpartition("\n")[2]  # the last line: after the shell's notes

    def published_ids(self):
        """The ids of the services it publishes, as its set-up listed them: no test changes
        which are published."""
        return set(self.published)

    def stop(self):
        self.server.terminate()
        self.server.wait(timeout=30)
        self.log.close()


@pytest.fixture(scope="module")
def upstream(tmp_path_factory):
    started = Upstream(tmp_path_factory.mktemp("upstream"))
    yield started
    started.stop()


class Proxy(ThreadingHTTPServer):
    """Passes requests on to the upstream, unless told to break a page: `mode` is what
    page `from_page` and after get."""

    daemon_threads = True

    def __init__(self, upstream_url):
        super().__init__(("127.0.0.1", 0), ProxyHandler)
        self.upstream = upstream_url.rstrip("/").rpartition("/api")[0]
        self.mode, self.from_page = "pass", 2
        self.seen = []  # (path, Authorization) of each request
        self.url = f"http://127.0.0.1:{self.server_address[1]}/api/"


class ProxyHandler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_GET(self):
        proxy = self.server
        proxy.seen.append((self.path, self.headers.get("Authorization")))
        page = int(parse_qs(urlsplit(self.path).query).get("page", ["1"])[0])
        mode = proxy.mode if page >= proxy.from_page else "pass"
        if mode == "error":
            return self.answer(503, b'{"message": "down for maintenance"}')
        if mode == "html":
            return self.answer(200, b"<!DOCTYPE html><title>Sign in</title>", "text/html")
        if mode == "slow":
            time.sleep(3)
        if mode == "elsewhere":
            self.send_response(302)
            self.send_header("Location", "http://elsewhere.example/api/services")
            self.end_headers()
            return None
        if mode == "moved" and not self.path.startswith("/moved"):
            self.send_response(301)
            self.send_header("Location", "/moved" + self.path)
            self.end_headers()
            return None
        path = self.path.removeprefix("/moved")
        if mode == "stuck":  # a feed that ignores `page`
            path = path.replace(f"page={page}", "page=1")
        request = urllib.request.Request(
            proxy.upstream + path,
            headers={"Authorization": self.headers.get("Authorization", "")},
        )
        try:
            with urllib.request.urlopen(request, timeout=30) as answer:
                status, body = answer.status, answer.read()
        except urllib.error.HTTPError as exc:
            status, body = exc.code, exc.read()
        if mode == "invalid":
            # A service without its name: an error the import's check finds.
            body = body.replace(b'"name":', b'"nom":', 1)
        return self.answer(status, body)

    def answer(self, status, body, content_type="application/json"):
        try:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except OSError:  # the sync gave up waiting
            pass


@pytest.fixture
def proxy(upstream):
    server = Proxy(upstream.url)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture
def sync_settings(settings):
    settings.HSDS_SYNC_PER_PAGE = 5  # several pages, so that one can fail mid-way
    settings.HSDS_SYNC_OVERLAP_SECONDS = 0  # one machine, one clock
    settings.HSDS_IMPORT_IN_BACKGROUND = False
    return settings


def make_feed(url, key, **fields):
    feed = Feed(name="Neighbouring county", url=url, as_draft=False, **fields)
    feed.set_token(key)
    feed.save()
    return feed


def sync_now(feed):
    run = sync.create_run(feed)
    assert run is not None
    sync.execute(run)
    run.refresh_from_db()
    return run


def counts(run):
    return run.report["counts"]["service"]


@pytest.mark.django_db
def test_a_sync_brings_the_services_in_and_a_second_changes_nothing(upstream, proxy, sync_settings):
    feed = make_feed(proxy.url, upstream.key)
    first = sync_now(feed)

    assert first.status == ImportRun.Status.DONE, first.progress
    theirs = upstream.published_ids()
    assert len(theirs) > 5  # more than one page
    assert {str(pk) for pk in Service.objects.values_list("pk", flat=True)} == theirs
    assert counts(first)["created"] == len(theirs)
    # Every page asked for full services, with the token, as the feed expects it.
    assert all("full=true" in path for path, _ in proxy.seen)
    assert {auth for _, auth in proxy.seen} == {f"Bearer {upstream.key}"}
    assert first.modified_after is None

    second = sync_now(feed)
    assert second.status == ImportRun.Status.DONE
    assert second.modified_after == first.fetch_started_at
    assert "modified_after=" in proxy.seen[-1][0]
    assert not any(counts(second).get(o) for o in ("created", "updated"))
    assert Service.objects.count() == len(theirs)


@pytest.mark.django_db
def test_a_service_changed_upstream_arrives_and_hand_edits_stay(upstream, proxy, sync_settings):
    feed = make_feed(proxy.url, upstream.key)
    assert sync_now(feed).status == ImportRun.Status.DONE
    edited, clashing = Service.objects.order_by("name")[:2]
    # Here, a curator edits one service's eligibility, and the other's description.
    Service.objects.filter(pk=edited.pk).update(eligibility_description="Ages 12 to 24 here.")
    Service.objects.filter(pk=clashing.pk).update(description="Our own words.")
    # Upstream, the first service's description changes (a field nobody edited here), and the
    # second's description too (the field the curator edited here).
    upstream.shell(
        "from directory.models import Service\n"
        f"for pk, text in [('{edited.pk}', 'New upstream words.'), "
        f"('{clashing.pk}', 'Their new words.')]:\n"
        "    s = Service.objects.get(pk=pk); s.description = text; s.save()"
    )

    run = sync_now(feed)

    assert run.status == ImportRun.Status.DONE
    edited.refresh_from_db()
    clashing.refresh_from_db()
    assert edited.description == "New upstream words."
    assert edited.eligibility_description == "Ages 12 to 24 here."
    assert clashing.description == "Our own words."
    assert run.report["conflicts"] == [
        {
            "kind": "service",
            "id": str(clashing.pk),
            "name": clashing.name,
            "fields": ["description"],
        }
    ]
    assert counts(run)["updated"] == 1
    assert sum(counts(run).values()) == 2  # only what changed upstream was read
    # Upstream put back as it was, for the other tests.
    upstream.shell(
        "from directory.models import Service\n"
        f"Service.objects.filter(pk='{edited.pk}').update(description={edited.name!r})"
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    "mode, reason",
    [
        ("error", "Page 2: the feed's server failed (HTTP 503)"),
        ("html", "Page 2 is not JSON (a web page: a sign-in page, or the wrong address?)."),
        ("slow", "Page 2: no answer within 1 seconds."),
        ("elsewhere", "Page 2: the feed sent us to another host (elsewhere.example)"),
        ("stuck", "Page 2: the feed answered with page 1 instead."),
    ],
)
def test_a_feed_failing_mid_way_writes_nothing_and_says_why(
    upstream, proxy, sync_settings, mode, reason
):
    sync_settings.HSDS_SYNC_TIMEOUT = 1
    feed = make_feed(proxy.url, upstream.key)
    proxy.mode = mode

    run = sync_now(feed)

    assert run.status == ImportRun.Status.FAILED
    assert run.progress.startswith(reason)
    assert run.report["errors"][0]["message"].startswith(reason)
    assert not Service.objects.exists()
    assert not Location.objects.exists()
    if mode == "elsewhere":
        assert not any("elsewhere" in path for path, _ in proxy.seen)

    # The next sync starts again from the last successful one (here: none, so everything).
    proxy.mode = "pass"
    again = sync_now(feed)
    assert again.modified_after is None
    assert again.status == ImportRun.Status.DONE
    assert Service.objects.count() == len(upstream.published_ids())


@pytest.mark.django_db
def test_an_invalid_record_mid_way_rejects_the_whole_sync(upstream, proxy, sync_settings):
    feed = make_feed(proxy.url, upstream.key)
    proxy.mode = "invalid"

    run = sync_now(feed)

    assert run.status == ImportRun.Status.REJECTED
    assert any(error["field"] == "name" for error in run.report["errors"])
    assert not Service.objects.exists()


@pytest.mark.django_db
def test_redirects_on_the_feeds_own_host_are_followed(upstream, proxy, sync_settings):
    feed = make_feed(proxy.url, upstream.key)
    proxy.mode, proxy.from_page = "moved", 1

    run = sync_now(feed)

    assert run.status == ImportRun.Status.DONE, run.progress
    assert Service.objects.count() == len(upstream.published_ids())


@pytest.mark.django_db
def test_a_wrong_token_is_named_as_the_reason(upstream, sync_settings):
    feed = make_feed(upstream.url, "ofr_not-the-key")

    run = sync_now(feed)

    assert run.status == ImportRun.Status.FAILED
    assert run.progress == "Page 1: the feed refused us (HTTP 401): check the token."
    assert not Service.objects.exists()


@pytest.mark.django_db
def test_a_feed_that_does_not_answer_is_named_as_the_reason(sync_settings):
    feed = make_feed(f"http://127.0.0.1:{free_port()}/api/", "key")

    run = sync_now(feed)

    assert run.status == ImportRun.Status.FAILED
    assert run.progress == "Page 1: the feed could not be reached (ConnectionError)."


@pytest.mark.django_db
def test_confidential_locations_from_a_feed_stay_without_their_address(upstream, sync_settings):
    hidden = upstream.shell(
        "from directory.models import Location\n"
        "print(','.join(str(pk) for pk in Location.objects.filter(confidential=True)"
        ".values_list('pk', flat=True)))"
    ).strip()
    assert hidden
    feed = make_feed(upstream.url, upstream.key)

    assert sync_now(feed).status == ImportRun.Status.DONE

    arrived = Location.objects.filter(pk__in=hidden.split(","))
    assert len(arrived) == len(hidden.split(","))  # they came, without their address
    for location in arrived:
        assert (location.address_1, location.postal_code) == ("", "")
        assert (location.latitude, location.longitude) == (None, None)


@pytest.mark.django_db
def test_a_feed_never_gives_an_address_to_a_location_confidential_here(upstream, sync_settings):
    feed = make_feed(upstream.url, upstream.key)
    assert sync_now(feed).status == ImportRun.Status.DONE
    location = Location.objects.exclude(address_1="").first()
    Location.objects.filter(pk=location.pk).update(
        confidential=True, address_1="", postal_code="", latitude=None, longitude=None
    )

    # Everything again, the open address upstream of this location included.
    run = sync_now_everything(feed)

    location.refresh_from_db()
    assert location.address_1 == "" and location.latitude is None
    assert run.status == ImportRun.Status.DONE


def sync_now_everything(feed):
    run = sync.create_run(feed, everything=True)
    sync.execute(run)
    run.refresh_from_db()
    return run


@pytest.mark.django_db
def test_the_command_adds_the_feed_saves_its_token_and_syncs(upstream, sync_settings, monkeypatch):
    monkeypatch.setenv(TOKEN_ENV, upstream.key)
    call_command("sync_hsds", upstream.url, "--name", "County 211", "--token-env", TOKEN_ENV)

    feed = Feed.objects.get()
    assert (feed.name, feed.every) == ("County 211", Feed.Every.MANUAL)
    assert upstream.key not in feed.token_sealed
    assert feed.runs.get().status == ImportRun.Status.DONE
    assert Service.objects.exists()

    # Again, without the token: the saved one is used; nothing changed.
    call_command("sync_hsds", upstream.url)
    assert feed.runs.filter(status=ImportRun.Status.DONE).count() == 2


@pytest.mark.django_db
def test_the_command_fails_with_the_reason(sync_settings):
    with pytest.raises(CommandError, match="could not be reached"):
        call_command("sync_hsds", f"http://127.0.0.1:{free_port()}/api/")
    with pytest.raises(CommandError, match="is not an http"):
        call_command("sync_hsds", "ftp://example.org/api/")


@pytest.mark.django_db
def test_a_feeds_term_mappings_apply_to_its_syncs_only():
    feed = make_feed("https://one.example/api/", "key")
    other = make_feed("https://other.example/api/", "key")
    shelter = Category.objects.get(slug="emergency-shelter")
    TermMapping.objects.create(feed=feed, match_on="code", value="x-1", category=shelter)
    TermMapping.objects.create(feed=other, match_on="code", value="x-2", category=shelter)

    assert TermMapper(feed.pk).categories_for({"id": "t1", "code": "x-1"}) == {str(shelter.pk)}
    assert TermMapper(feed.pk).categories_for({"id": "t2", "code": "x-2"}) == set()
    assert TermMapper().categories_for({"id": "t1", "code": "x-1"}) == set()


@pytest.mark.django_db(transaction=True)
def test_the_worker_syncs_the_feeds_that_are_due(upstream, sync_settings):
    sync_settings.HSDS_IMPORT_IN_BACKGROUND = True
    due = make_feed(upstream.url, upstream.key, every=Feed.Every.HOURLY)
    make_feed("http://manual.example/api/", "key", every=Feed.Every.MANUAL)
    Feed.objects.create(name="Off", url="http://off.example/api/", enabled=False)

    queued = tasks.queue_due_feeds()
    assert [run.feed for run in queued] == [due]
    assert tasks.queue_due_feeds() == []  # queued already: not twice
    run_jobs()

    run = due.runs.get()
    assert run.status == ImportRun.Status.DONE
    assert Service.objects.count() == len(upstream.published_ids())
    assert tasks.queue_due_feeds() == []  # synced within the hour


@pytest.mark.django_db
def test_a_curator_adds_a_feed_whose_token_is_never_shown_again(curator_client, curator):
    add = reverse("admin:hsds_feed_add")
    answer = curator_client.post(
        add,
        {
            "name": "State 211",
            "url": "https://211.example.org/api/",
            "token": "s3cret-feed-key",
            "auth_scheme": "Bearer",
            "every": "24",
            "enabled": "on",
            "term_mappings-TOTAL_FORMS": "0",
            "term_mappings-INITIAL_FORMS": "0",
        },
    )
    assert answer.status_code == 302, answer.content.decode()[:3000]
    feed = Feed.objects.get()
    assert feed.token() == "s3cret-feed-key"
    assert "s3cret" not in feed.token_sealed

    page = curator_client.get(reverse("admin:hsds_feed_change", args=[feed.pk]))
    assert page.status_code == 200
    assert "s3cret" not in page.content.decode()

    # Saved again with the token left empty: the saved one stays.
    data = {
        "name": "State 211",
        "url": "https://211.example.org/api/",
        "token": "",
        "auth_scheme": "Token",
        "every": "6",
        "enabled": "on",
        "term_mappings-TOTAL_FORMS": "0",
        "term_mappings-INITIAL_FORMS": "0",
    }
    curator_client.post(reverse("admin:hsds_feed_change", args=[feed.pk]), data)
    feed.refresh_from_db()
    assert (feed.token(), feed.auth_scheme, feed.every) == ("s3cret-feed-key", "Token", 6)
    curator_client.post(
        reverse("admin:hsds_feed_change", args=[feed.pk]), {**data, "forget_token": "on"}
    )
    feed.refresh_from_db()
    assert not feed.has_token


@pytest.mark.django_db
def test_a_case_worker_cannot_see_the_feeds(caseworker_client):
    assert caseworker_client.get(reverse("admin:hsds_feed_changelist")).status_code in (302, 403)


@pytest.mark.django_db
def test_sync_now_in_the_admin_runs_and_its_report_says_why_it_failed(curator_client, settings):
    settings.HSDS_IMPORT_IN_BACKGROUND = False
    feed = make_feed(f"http://127.0.0.1:{free_port()}/api/", "key")

    answer = curator_client.post(
        reverse("admin:hsds_feed_changelist"),
        {"action": "sync_now", "_selected_action": [feed.pk]},
        follow=True,
    )

    assert "Sync started: Neighbouring county" in answer.content.decode()
    run = feed.runs.get()
    report = curator_client.get(reverse("admin:hsds_importrun_report", args=[run.pk]))
    text = report.content.decode()
    assert "Sync of the feed “Neighbouring county”" in text
    assert "Page 1: the feed could not be reached (ConnectionError)." in text
    listing = curator_client.get(reverse("admin:hsds_importrun_changelist"))
    assert "Sync: Neighbouring county" in listing.content.decode()


@pytest.mark.django_db
def test_the_feed_list_queries_stay_flat(curator_client, django_assert_num_queries):
    def feeds(start, n):
        for i in range(start, start + n):
            feed = make_feed(f"https://f{i}.example/api/", "key")
            ImportRun.objects.create(feed=feed, source=feed.url, status=ImportRun.Status.DONE)

    url = reverse("admin:hsds_feed_changelist")
    feeds(0, 1)
    curator_client.get(url)
    with django_assert_num_queries(5) as few:
        curator_client.get(url)
    feeds(1, 5)
    with django_assert_num_queries(len(few.captured_queries)):
        assert "f5.example" in curator_client.get(url).content.decode()


@pytest.mark.django_db
def test_a_feeds_page_and_its_sync_report_queries_stay_flat(
    curator_client, django_assert_num_queries
):
    feed = make_feed("https://f.example/api/", "key")
    shelter = Category.objects.get(slug="emergency-shelter")
    TermMapping.objects.create(feed=feed, match_on="code", value="x-1", category=shelter)

    def runs(n):
        for _ in range(n):
            ImportRun.objects.create(feed=feed, source=feed.url, status=ImportRun.Status.DONE)
        return feed.runs.order_by("-created_at").first().get_absolute_url()

    page = reverse("admin:hsds_feed_change", args=[feed.pk])
    report = runs(1)
    curator_client.get(page)
    with django_assert_num_queries(11) as few:
        assert curator_client.get(page).status_code == 200
    with django_assert_num_queries(5) as report_few:
        assert curator_client.get(report).status_code == 200
    report = runs(15)
    with django_assert_num_queries(len(few.captured_queries)):
        curator_client.get(page)
    with django_assert_num_queries(len(report_few.captured_queries)):
        curator_client.get(report)
