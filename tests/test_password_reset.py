"""The password reset: the same answer and the same work for every address, and the email
sent later by the worker (accounts/forms.py, accounts/tasks.py).

How long the page takes for a known and an unknown address is measured by
bench/password_reset_bench.py, not here: timings on a shared machine are too noisy to test.
"""

import re

import pytest
from django.core import mail
from django_tasks_db.models import DBTaskResult

from tests.conftest import make_user, run_jobs

RESET = "/accounts/password/reset/"
SENT = "/accounts/password/reset/sent/"
LINK = re.compile(r"http://testserver(/accounts/password/reset/\S+/)")
NEW_PASSWORD = "a brand new passphrase"
# Every page's forms (the language switch) carry a CSRF token, masked anew on each page.
CSRF_TOKEN = re.compile(rb'name="csrfmiddlewaretoken" value="[^"]+"')


@pytest.fixture
def casey(db):
    return make_user("casey", password="correct horse battery staple")


def set_new_password(client, link):
    form = client.get(link, follow=True)
    return client.post(
        form.redirect_chain[-1][0], {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    )


@pytest.mark.parametrize("email", ["casey@example.org", "nobody@example.org"])
def test_any_address_gets_the_same_answer_and_one_job_with_no_email_sent_yet(
    client, casey, email, django_assert_num_queries
):
    # 1. the accounts with that address, 2. the job queued: the same for any address.
    with django_assert_num_queries(2):
        response = client.post(RESET, {"email": email})

    assert response.status_code == 302
    assert response["Location"] == SENT
    assert mail.outbox == []
    [job] = DBTaskResult.objects.all()
    assert job.task_path == "accounts.tasks.send_password_reset"
    assert "example.org" not in str(job.args_kwargs)  # the queue holds no address


def test_the_sent_page_says_the_same_whatever_the_address(client, casey):
    known = client.post(RESET, {"email": "casey@example.org"}, follow=True)
    unknown = client.post(RESET, {"email": "nobody@example.org"}, follow=True)

    assert CSRF_TOKEN.sub(b"", known.content) == CSRF_TOKEN.sub(b"", unknown.content)


@pytest.mark.django_db(transaction=True)
def test_the_worker_emails_a_working_link_to_a_known_address_only(client, casey):
    client.post(RESET, {"email": "nobody@example.org"})
    client.post(RESET, {"email": "casey@example.org"})

    run_jobs()

    assert [message.to for message in mail.outbox] == [["casey@example.org"]]
    assert mail.outbox[0].subject == "Off-Ramps: choose a new password"
    assert set(DBTaskResult.objects.values_list("status", flat=True)) == {"SUCCESSFUL"}
    link = LINK.search(mail.outbox[0].body)[1]
    done = set_new_password(client, link)
    assert done["Location"] == "/accounts/password/reset/done/"
    signed_in = client.post("/accounts/login/", {"username": "casey", "password": NEW_PASSWORD})
    assert signed_in.status_code == 302
    assert client.get(link, follow=True).context["validlink"] is False  # used once


@pytest.mark.django_db(transaction=True)
def test_an_account_closed_before_the_worker_runs_gets_no_email(client, casey):
    client.post(RESET, {"email": "casey@example.org"})
    casey.is_active = False
    casey.save()

    run_jobs()

    assert mail.outbox == []


@pytest.mark.django_db(transaction=True)
def test_an_account_without_a_password_to_reset_gets_no_email(client, casey):
    casey.set_unusable_password()  # e.g. one that signs in some other way
    casey.save()
    client.post(RESET, {"email": "casey@example.org"})

    run_jobs()

    assert mail.outbox == []
