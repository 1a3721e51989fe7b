"""While the database is down, a page gets the 500 page and /healthz its 503, and the log
holds one error per failed page: the database's, with nothing chained onto it.

The site runs in a process of its own, pointed at a PostgreSQL port where nothing listens
(whichever database the other tests use)."""

import json

from tests.test_deployment import run
from tests.test_devserver import free_port

SITE = """
import json, sys
import django
django.setup()
from django.core import mail
from django.test import Client
from django.test.utils import setup_test_environment
setup_test_environment(debug=False)  # mail kept in mail.outbox
client = Client(raise_request_exception=False)
client.cookies["sessionid"] = "k" * 32  # a signed-in reader's cookie: the session is read
answers = {}
for path in ["/directory/", "/healthz"]:
    response = client.get(path)
    answers[path] = [response.status_code, response.content.decode()]
print(json.dumps({"answers": answers, "mails": [[m.subject, m.body] for m in mail.outbox]}))
"""


def test_pages_and_healthz_answer_cleanly_while_the_database_is_down():
    result = run(
        "-c",
        SITE,
        DATABASE_URL=f"postgres://postgres@127.0.0.1:{free_port()}/offramps",
        DEBUG="true",  # the static files as they are; the script turns DEBUG off
        ADMINS="ops@example.org",
        LOG_LEVEL="INFO",
    )

    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout.splitlines()[-1])
    status, page = found["answers"]["/directory/"]
    assert status == 500
    assert "Something went wrong" in page
    assert found["answers"]["/healthz"] == [503, "database unavailable\n"]
    log = result.stderr
    assert log.count("ERROR django.request: Internal Server Error: /directory/") == 1
    assert "OperationalError" in log
    # Nothing else went wrong while the error was handled and its page drawn.
    assert "AttributeError" not in log
    assert "During handling of the above exception" not in log
    # The probe's 503 is a warning without a traceback, and nobody is mailed for it.
    assert "WARNING django.request: Database unavailable: /healthz (OperationalError)" in log
    assert "ERROR django.request: Service Unavailable" not in log
    [(subject, body)] = found["mails"]
    assert "Internal Server Error: /directory/" in subject
    assert "OperationalError" in body
    assert "During handling of the above exception" not in body
