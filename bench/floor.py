"""What a signed-in page costs before its own content: the floor under the throughput ratios of bench/load.py.

    DANGVU_DEBUG=true .venv/bin/python bench/floor.py [--runs 500]
    DANGVU_DEBUG=true DATABASE_URL=postgres://postgres@127.0.0.1:5432/dangvu_bench_load .venv/bin/python bench/floor.py

Without DATABASE_URL it uses bench/load.py's SQLite database (var/bench/load.sqlite3): run bench/load.py once
first, which builds the province and the benchmark's office account. In one process, through Django's test
client (every middleware, no HTTP server), as that office account, median in milliseconds of --runs requests
after a warm-up, each layer of a signed-in page added to the one before:

  /health/                      the load test's floor: no session, one SELECT 1
  signed in, empty answer       a view behind login_required: the session and the user read, the middleware
  + the user's scope            organization.access.scope_for: the roles and the member record
  + the page's frame            base.html with nothing inside: header, navigation, language switch
  then a few of the light pages of the load test, whole (or those given with --pages URL...); with --all,
  every page of the load test (bench/load.py's targets, which it prepares as load.py does) and their sum:
  the time in process one request of each costs, what the mixed phase asks of the server about once a second.

bench/load.py's throughput phases divide a page's requests per second by /health/'s. Over HTTP a /health/
request costs the two cores 2 ÷ its requests per second, the HTTP server's and the load generator's share
included; a third of its rate leaves a page three times that per request, of which all but /health/'s own
time here is the budget for a page in process. The layers show how much of it a signed-in page spends
before it shows anything (docs/performance.md, ninth run).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
import types

from _setup import PROJECT, describe_database, start_django

LAYERS = ["/health/", "/bench-floor/empty/", "/bench-floor/scope/", "/bench-floor/frame/"]
PAGES = ["/", "/org/", "/supervision/", "/members/", "/plans/"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=500, help="timed requests per layer or page (default 500)")
    parser.add_argument("--all", action="store_true", help="every page of the load test, and their sum")
    parser.add_argument("--pages", nargs="+", metavar="URL", default=PAGES, help="these pages, not the light ones")
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL"):
        os.environ["DATABASE_URL"] = f"sqlite:///{PROJECT / 'var' / 'bench' / 'load.sqlite3'}"
    start_django(debug=False)

    from django.contrib.auth.decorators import login_required
    from django.http import HttpRequest, HttpResponse
    from django.shortcuts import render
    from django.test import Client, override_settings
    from django.urls import path

    import dangvu.urls
    from dangvu.accounts.models import User
    from dangvu.organization.access import scope_for

    @login_required
    def empty(request: HttpRequest) -> HttpResponse:
        return HttpResponse("ok")

    @login_required
    def scope(request: HttpRequest) -> HttpResponse:
        scope_for(request.user)
        return HttpResponse("ok")

    @login_required
    def frame(request: HttpRequest) -> HttpResponse:
        return render(request, "base.html", {})

    urls = types.ModuleType("bench_floor_urls")
    urls.urlpatterns = [  # type: ignore[attr-defined]
        path("bench-floor/empty/", empty),
        path("bench-floor/scope/", scope),
        path("bench-floor/frame/", frame),
        *dangvu.urls.urlpatterns,
    ]
    sys.modules[urls.__name__] = urls

    pages = [(url, url) for url in args.pages]
    if args.all:
        import load

        pages = [(url, label) for label, url in load.prepare(200_000)["pages"]]
    office = User.objects.filter(username="bench-load-office").first()
    if office is None:
        raise SystemExit("No benchmark office account: run bench/load.py once on this database first.")
    # The test client's host and HTTPS: the production settings' allowed hosts and redirect to HTTPS.
    with override_settings(ROOT_URLCONF=urls.__name__, ALLOWED_HOSTS=["testserver"], SECURE_SSL_REDIRECT=False):
        client = Client(secure=True)
        client.force_login(office)
        print(f"Database: {describe_database()}")
        print(f"Median of {args.runs} requests in one process, milliseconds:")
        floor = 0.0
        total = 0.0
        for url, label in [(url, url) for url in LAYERS] + pages:
            for _ in range(20):
                response = client.get(url)
            if response.status_code != 200:
                raise SystemExit(f"{url} answered {response.status_code}")
            timings = []
            for _ in range(args.runs):
                started = time.perf_counter()
                client.get(url)
                timings.append((time.perf_counter() - started) * 1000)
            median = statistics.median(timings)
            floor = floor or median
            total += median if url not in LAYERS else 0.0
            print(f"  {label:28} {median:7.2f}   {median - floor:+7.2f} over /health/")
        print(f"  {'sum of the pages':28} {total:7.1f}")


if __name__ == "__main__":
    main()
