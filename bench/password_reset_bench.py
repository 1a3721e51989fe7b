"""How long the password reset takes for an address with an account and for one without.

    .venv/bin/python bench/password_reset_bench.py [--requests 200] [--database-url URL]

The two must take the same time, or timing the page tells who has an account
(accounts/forms.py). It migrates a fresh SQLite database in a temporary folder, adds one
account, then posts the reset form for that account's address and for an unknown one, in
turn, through the whole site (middleware included), and prints the median time of each and
their ratio. For comparison it does the same with Django's own PasswordResetView, which
sends the email inside the request; emails go to memory here, the cheapest sending there is,
so its gap is the smallest it can be. --database-url uses that PostgreSQL database instead:
it adds an account and jobs there, so give it one of its own, never one with real data.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
import types
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
KNOWN, UNKNOWN = "bench@example.org", "nobody@example.org"


def post(client, url, email):
    """Seconds that one post of the form takes."""
    start = time.perf_counter()
    response = client.post(url, {"email": email})
    elapsed = time.perf_counter() - start
    assert response.status_code == 302, response.status_code
    return elapsed


def measure(requests):
    import django

    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    django.setup()
    from django.contrib.auth import views as auth_views
    from django.contrib.auth.models import User
    from django.core.management import call_command
    from django.test import Client, override_settings
    from django.urls import include, path

    call_command("migrate", verbosity=0)
    User.objects.filter(username="bench").delete()
    User.objects.create_user("bench", KNOWN, "a bench passphrase")
    stock = types.ModuleType("stock_urls")
    stock.urlpatterns = [
        path("stock/reset/", auth_views.PasswordResetView.as_view()),
        path("", include("config.urls")),
    ]
    pages = [("Off-Ramps", "/accounts/password/reset/"), ("Django's own view", "/stock/reset/")]
    client = Client()
    print(f"Password reset, median of {requests} requests per address (ms)")
    print(f"{'':<20}{'account':>10}{'none':>10}   ratio")
    with override_settings(
        ROOT_URLCONF=stock, EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"
    ):
        for name, url in pages:
            for _ in range(5):  # warm up
                post(client, url, KNOWN), post(client, url, UNKNOWN)
            # In turns, so that a slow spell of the machine hits both alike.
            known, unknown = zip(
                *[(post(client, url, KNOWN), post(client, url, UNKNOWN)) for _ in range(requests)],
                strict=True,
            )
            a, b = statistics.median(known) * 1000, statistics.median(unknown) * 1000
            print(f"{name:<20}{a:>10.2f}{b:>10.2f}   {a / b:5.2f}x")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--database-url")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        os.environ["DATABASE_URL"] = args.database_url or f"sqlite:///{folder}/bench.sqlite3"
        os.environ.setdefault("DEBUG", "true")
        measure(args.requests)


if __name__ == "__main__":
    main()
