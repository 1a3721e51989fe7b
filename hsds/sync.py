"""Sync with another directory's HSDS API (a Feed): read its services changed since the last
successful sync, page by page, then import them as an uploaded package is imported
(runs.execute, importer.import_package): checked first, hand edits kept, conflicts named in
the report, everything written in one transaction or nothing.

Every page is read before anything is written, into a file of the run's own: a page that
fails (no answer in time, an HTTP error, an answer that is not JSON or not a page of
services, a redirect to another host) fails the whole run, with its reason, and nothing is
written. The next sync asks again from the last successful one (Feed.since()).

A location the feed gives as our own API gives a confidential one, a physical place with
neither an address nor coordinates, is marked confidential here in the same transaction
(mark_confidential): it is never shown as a public place without an address. A sync never
makes a location public.

A run is an ImportRun with its feed: the admin lists it with the imports, with its report,
and a worker's sweep fails it like an import if its worker dies (runs.sweep_runs).
"""

import json
import logging
import tempfile
import uuid
from datetime import timedelta
from decimal import Decimal
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import requests
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext, ngettext

from directory.models import Location
from hsds import runs
from hsds.fields import column_limit
from hsds.models import Feed, ImportRun
from hsds.reader.json_source import TooDeep, load_json
from hsds.report import Report, grouped
from hsds.sealing import Unreadable

logger = logging.getLogger(__name__)
MAX_PAGES = 100_000
MAX_REDIRECTS = 5
UNFINISHED = (ImportRun.Status.QUEUED, ImportRun.Status.RUNNING)


class FeedError(Exception):
    """Why a feed could not be read, in words a curator can act on."""


def since(feed):
    """What the next sync of `feed` asks for: the services changed since the last
    successful sync began reading (less HSDS_SYNC_OVERLAP_SECONDS, as clocks differ);
    None (every service) before the first."""
    last = (
        feed.runs.filter(status=ImportRun.Status.DONE, fetch_started_at__isnull=False)
        .order_by("-fetch_started_at")
        .values_list("fetch_started_at", flat=True)
        .first()
    )
    if last is None:
        return None
    return last - timedelta(seconds=settings.HSDS_SYNC_OVERLAP_SECONDS)


def is_due(feed, now=None):
    """Whether a scheduled sync of `feed` should start now."""
    if not feed.enabled or feed.every == Feed.Every.MANUAL:
        return False
    latest = feed.runs.order_by("-created_at").values_list("created_at", flat=True).first()
    return latest is None or latest <= (now or timezone.now()) - timedelta(hours=feed.every)


def create_run(feed, user=None, everything=False):
    """A queued sync run of `feed`, or None if one is queued or running already (or the feed
    is off). Inside a transaction that locks the feed, so two workers make one."""
    with transaction.atomic():
        feed = Feed.objects.select_for_update().filter(pk=feed.pk, enabled=True).first()
        if feed is None or feed.runs.filter(status__in=UNFINISHED).exists():
            return None
        return ImportRun.objects.create(
            feed=feed,
            user=user,
            source=feed.url[: column_limit(ImportRun, "source")],
            skip_invalid=feed.skip_invalid,
            as_draft=feed.as_draft,
            modified_after=None if everything else since(feed),
        )


def services_url(feed_url):
    return urljoin(feed_url if feed_url.endswith("/") else feed_url + "/", "services")


def origin(url):
    parts = urlsplit(url)
    port = parts.port or {"http": 80, "https": 443}.get(parts.scheme)
    return (parts.scheme, parts.hostname, port)


class Reader:
    """Reads the pages of a feed's /services?full=true, with its token."""

    def __init__(self, feed_url, authorization, progress):
        self.url = services_url(feed_url)
        self.origin = origin(self.url)
        self.headers = {"Accept": "application/json"}
        if authorization:
            self.headers["Authorization"] = authorization
        self.progress = progress
        self.session = requests.Session()
        self.session.trust_env = False  # no .netrc: the feed's own token, or none

    def pages(self, modified_after):
        """Each page's list of services, in order, until the feed says it was the last."""
        params = {"full": "true", "per_page": settings.HSDS_SYNC_PER_PAGE}
        if modified_after is not None:
            params["modified_after"] = modified_after.isoformat()
        number, total = 1, None
        while True:
            self.progress(
                gettext("Reading page %(page)s of %(total)s")
                % {"page": number, "total": total or "?"}
            )
            page = self.page({**params, "page": number}, number)
            given = page.get("page_number")
            if isinstance(given, int) and not isinstance(given, bool) and given != number:
                raise FeedError(
                    gettext("Page %(asked)s: the feed answered with page %(given)s instead.")
                    % {"asked": number, "given": given}
                )
            yield page["contents"]
            total = page.get("total_pages") if isinstance(page.get("total_pages"), int) else None
            if page.get("last_page") is True or not page["contents"]:
                return
            if total is not None and number >= total:
                return
            number += 1
            if number > MAX_PAGES:
                raise FeedError(gettext("The feed gave more than %s pages.") % MAX_PAGES)

    def page(self, params, number):
        where = gettext("Page %s") % number
        try:
            response = self.get(params, where)
            body = self.read(response, where)
        except requests.Timeout:
            raise FeedError(
                gettext("%(where)s: no answer within %(seconds)s seconds.")
                % {"where": where, "seconds": settings.HSDS_SYNC_TIMEOUT}
            ) from None
        except requests.RequestException as exc:
            raise FeedError(
                gettext("%(where)s: the feed could not be reached (%(error)s).")
                % {"where": where, "error": type(exc).__name__}
            ) from None
        return self.parse(body, where)

    def get(self, params, where):
        """The answer to GET, following redirects on the feed's own host only: the token is
        never sent anywhere else."""
        url = self.url
        for _ in range(MAX_REDIRECTS + 1):
            response = self.session.get(
                url,
                params=params,
                headers=self.headers,
                timeout=settings.HSDS_SYNC_TIMEOUT,
                allow_redirects=False,
                stream=True,
            )
            if not response.is_redirect:
                return response
            target = urljoin(response.url, response.headers.get("Location", ""))
            response.close()
            if origin(target) != self.origin:
                raise FeedError(
                    gettext(
                        "%(where)s: the feed sent us to another host (%(host)s); not followed, "
                        "so the token goes nowhere else. Check the feed's address."
                    )
                    % {"where": where, "host": (urlsplit(target).hostname or "?")[:60]}
                )
            url, params = target, None  # the Location carries the query
        raise FeedError(gettext("%s: too many redirects.") % where)

    def read(self, response, where):
        with response:
            if response.status_code != 200:
                raise FeedError(refused(response, where))
            limit = settings.HSDS_SYNC_MAX_PAGE_BYTES
            body = bytearray()
            for chunk in response.iter_content(64 * 1024):
                body += chunk
                if len(body) > limit:
                    raise FeedError(
                        gettext("%(where)s is larger than %(size)s MB.")
                        % {"where": where, "size": limit // (1024 * 1024)}
                    )
            return bytes(body)

    @staticmethod
    def parse(body, where):
        try:
            data = load_json(body.decode("utf-8-sig"))
        except UnicodeDecodeError:
            raise FeedError(gettext("%s is not UTF-8 text.") % where) from None
        except TooDeep:
            raise FeedError(gettext("%s nests deeper than any HSDS record.") % where) from None
        except ValueError:
            looks = body.lstrip()[:1]
            hint = gettext(" (a web page: a sign-in page, or the wrong address?)")
            raise FeedError(
                gettext("%(where)s is not JSON%(hint)s.")
                % {"where": where, "hint": hint if looks == b"<" else ""}
            ) from None
        if not isinstance(data, dict) or not isinstance(data.get("contents"), list):
            raise FeedError(
                gettext(
                    "%s is not a page of services (no “contents” list): is the address the "
                    "root of an HSDS API?"
                )
                % where
            )
        return data


def refused(response, where):
    status = response.status_code
    if status in (401, 403):
        text = gettext("the feed refused us (HTTP %s): check the token.")
    elif status == 404:
        text = gettext("not found (HTTP %s): check the feed's address.")
    elif status >= 500:
        text = gettext("the feed's server failed (HTTP %s); the next sync tries again.")
    else:
        text = gettext("the feed answered HTTP %s.")
    return f"{where}: {text % status}"


def default(value):
    if isinstance(value, Decimal):
        return float(value)
    raise TypeError(type(value).__name__)


def given_without_place(location):
    """Whether a feed's location comes as our API sends a confidential one
    (hsds.serializers.location_record): physical, with no address and no coordinates."""
    return (
        location.get("location_type") in (None, "", "physical")
        and not location.get("addresses")
        and (location.get("latitude") is None or location.get("longitude") is None)
    )


def hidden_locations(service):
    """The ids of a feed's service's locations given without their place."""
    links = service.get("service_at_locations") if isinstance(service, dict) else None
    found = set()
    for link in links if isinstance(links, list) else []:
        location = link.get("location") if isinstance(link, dict) else None
        if isinstance(location, dict) and location.get("id") and given_without_place(location):
            found.add(str(location["id"]))
    return found


def mark_confidential(location_ids):
    """Mark these locations confidential, those the import wrote or had already; each change
    kept in the location's history."""
    from simple_history.utils import bulk_update_with_history

    ids = sorted(location_ids)
    for start in range(0, len(ids), 500):
        chunk = []
        for location in Location.objects.filter(
            pk__in=[i for i in ids[start : start + 500] if valid_uuid(i)], confidential=False
        ):
            location.confidential = True
            chunk.append(location)
        bulk_update_with_history(
            chunk, Location, ["confidential"], default_change_reason="HSDS sync: confidential"
        )


def valid_uuid(value):
    try:
        uuid.UUID(value)
    except ValueError:
        return False
    return True


def fetch(run, folder, progress):
    """Read every page into folder/<feed>.json, a list of services; their number, and the
    ids of the locations the feed gives without their place (hidden_locations)."""
    feed = run.feed
    try:
        token = feed.token()
    except Unreadable:
        raise FeedError(
            gettext(
                "The feed's saved token cannot be read (the site's key changed): enter it "
                "again in the feed's settings."
            )
        ) from None
    authorization = f"{feed.auth_scheme} {token}".strip() if token else ""
    reader = Reader(feed.url, authorization, progress)
    path = Path(folder) / "feed.json"
    count, hidden = 0, set()
    with path.open("w", encoding="utf-8") as out:
        out.write("[")
        for services in reader.pages(run.modified_after):
            for service in services:
                out.write("," if count else "")
                out.write(json.dumps(service, default=default))
                hidden |= hidden_locations(service)
                count += 1
        out.write("]")
    return path, count, hidden


def execute(run, echo=None, heartbeat=False):
    """Sync as `run` says (claimed for this process if need be), record the outcome, return
    the Report (None if the feed failed: the run says why)."""
    if run.status != ImportRun.Status.RUNNING:
        runs.claim(run)
    tracker = runs.Progress(run, echo=echo)
    started = timezone.now()
    ImportRun.objects.filter(pk=run.pk).update(fetch_started_at=started)
    run.fetch_started_at = started
    with tempfile.TemporaryDirectory(prefix="hsds-sync-") as folder:
        try:
            path, count, hidden = fetch(run, folder, tracker)
        except FeedError as exc:
            fail(run, str(exc))
            return None
        except Exception:
            logger.exception("HSDS sync %s failed at: %s", run.pk, tracker.message)
            runs.mark_failed(run, tracker.message)
            raise
        tracker(
            ngettext(
                "Read %(count)s service; checking it",
                "Read %(count)s services; checking them",
                count,
            )
            % {"count": grouped(count)}
        )
        return runs.execute(
            run,
            path,
            progress=tracker,
            heartbeat=heartbeat,
            label=run.feed.name,
            after_write=lambda: mark_confidential(hidden),
        )


def fail(run, reason):
    """Fail the run with `reason`, in its report too; unless a sweep failed it meanwhile."""
    report = Report(source=run.feed.name if run.feed else run.source)
    report.error(run.source, "", reason)
    outcome = {
        "status": ImportRun.Status.FAILED,
        "progress": reason[: column_limit(ImportRun, "progress")],
        "report": report.to_dict(),
        "finished_at": timezone.now(),
    }
    ImportRun.objects.running().filter(pk=run.pk, worker=run.worker).update(**outcome)
    for name, value in outcome.items():
        setattr(run, name, value)
    logger.warning("HSDS sync %s of %s failed: %s", run.pk, run.source, reason)


def run_queued(run_id, task_id):
    """Run a queued sync in the worker (hsds/tasks.py), unless it is no longer queued."""
    if not runs.take_queued(run_id, task_id):
        return
    run = ImportRun.objects.select_related("user", "feed").get(pk=run_id)
    if run.feed is None:
        fail(run, gettext("Its feed was deleted."))
        return
    execute(run, heartbeat=True)
