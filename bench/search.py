"""Time the search page (issue 7) on the province-sized demo.

    DANGVU_DEBUG=true .venv/bin/python bench/search.py [--members 200000] [--runs 21]
    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/dangvu_search_bench  # createdb it first
    DANGVU_DEBUG=true .venv/bin/python bench/search.py

Without DATABASE_URL it uses its own SQLite file, var/bench/search.sqlite3. A database without members is
migrated and loaded with `dangvu demo --members N` (load_province) first; one that has them is reused. The
index is then rebuilt (`dangvu search reindex`, timed: the demo's bulk load sends no signals), and each query
is run --runs times after one warm-up, through the selector (the SQL of the page: counts per kind and the
first page of 50 ranked entries with their snippets) and through the page itself with Django's test client.
Prints the median and the 95th percentile in milliseconds, per query, for a committee office scoped to the
first test province and for a superuser. With --recompiled, each page request alternates with one whose kept
visibility SQL is dropped first (selectors._VISIBILITY_SQL), as every search compiled it before the thirteenth
run (docs/performance.md): the last column is that request's median.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from typing import Any
from urllib.parse import urlencode

from _setup import PROJECT, describe_database, maintain_database, start_django

QUERIES = [
    "nguyen van",  # very common: tens of thousands of hits
    "Nguyễn Thị Hồng",  # with diacritics: exact matches ranked first
    '"chi bo"',  # a phrase in many organization names
    "dang uy",
    "xuan",  # one word, several thousand hits
    "zzqx",  # nothing: falls back to prefixes (and to trigrams on PostgreSQL)
    "nguye",  # a shortened word: the prefix fallback
]


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--members", type=int, default=200_000, help="members of the demo to load (default 200000)")
    parser.add_argument("--runs", type=int, default=21, help="timed runs per query (default 21)")
    parser.add_argument("--skip-reindex", action="store_true", help="reuse the index already built")
    parser.add_argument(
        "--recompiled", action="store_true", help="also time the page with its visibility SQL compiled anew"
    )
    args = parser.parse_args()

    if not os.environ.get("DATABASE_URL"):
        path = PROJECT / "var" / "bench" / "search.sqlite3"
        path.parent.mkdir(parents=True, exist_ok=True)
        os.environ["DATABASE_URL"] = f"sqlite:///{path}"
    start_django(debug=False)

    from django.core.management import call_command
    from django.test import Client
    from django.urls import reverse

    from dangvu.accounts.models import User
    from dangvu.core.audit import acting_as
    from dangvu.organization.demo.province import PREFIX, load_province
    from dangvu.organization.models import Member, PartyOrg, RoleAssignment
    from dangvu.search import selectors, services
    from dangvu.search.models import SearchEntry
    from dangvu.search.text import highlight, parse

    call_command("migrate", verbosity=0)
    if not Member.objects.exists():
        started = time.perf_counter()
        with acting_as(None, source="demo"):
            load_province(args.members)
        print(f"Demo load: {time.perf_counter() - started:.1f} s")
    if not args.skip_reindex or not SearchEntry.objects.exists():
        started = time.perf_counter()
        with acting_as(None, source="bench"):
            total = services.index_rebuild()
        print(f"Reindex: {total:,} entries in {time.perf_counter() - started:.1f} s")
    maintain_database()

    province = PartyOrg.objects.filter(name__startswith=PREFIX, parent__isnull=True).order_by("path").first()
    assert province is not None
    office, _ = User.objects.get_or_create(username="bench-office", defaults={"first_name": "Văn phòng (đo)"})
    RoleAssignment.objects.get_or_create(user=office, role=RoleAssignment.Role.OFFICE, org=province)
    admin, _ = User.objects.get_or_create(
        username="bench-admin", defaults={"is_superuser": True, "is_staff": True, "first_name": "Quản trị (đo)"}
    )

    print(f"Database: {describe_database()}")
    print(f"Members: {Member.objects.count():,}; index entries: {SearchEntry.objects.count():,}")
    print(f"Runs per query: {args.runs} after one warm-up; times in milliseconds")
    for label, user in (("Committee office, scope: test province 1", office), ("Superuser", admin)):
        user = User.objects.get(pk=user.pk)  # a fresh scope cache per user, as per request
        client = Client(HTTP_HOST="localhost")
        client.force_login(user)
        print()
        print(label)
        recompiled_head = f" {'recompiled':>11}" if args.recompiled else ""
        print(
            f"  {'Query':20} {'hits':>8} {'sel. median':>12} {'sel. p95':>9} {'page median':>12} {'page p95':>9}"
            + recompiled_head
        )
        for q in QUERIES:
            query = parse(q)

            def run(user: Any = user, query: Any = query) -> int:
                with selectors.search_transaction():
                    found = selectors.search(user, query, selectors.Filters(), 1, 50)
                    for entry in selectors.results_page(found):  # as the page reads its rows
                        highlight(entry.body, query)
                return found.total

            hits = run()
            timings = []
            for _ in range(args.runs):
                started = time.perf_counter()
                run()
                timings.append((time.perf_counter() - started) * 1000)
            url = f"{reverse('search:results')}?{urlencode({'q': q})}"
            assert client.get(url).status_code == 200
            page: list[float] = []
            recompiled: list[float] = []
            for _ in range(args.runs):
                for times in (page, recompiled) if args.recompiled else (page,):
                    if times is recompiled:
                        selectors._VISIBILITY_SQL.clear()
                    started = time.perf_counter()
                    client.get(url)
                    times.append((time.perf_counter() - started) * 1000)
            print(
                f"  {q:20} {hits:8,} {statistics.median(timings):12.0f} {_p95(timings):9.0f} "
                f"{statistics.median(page):12.0f} {_p95(page):9.0f}"
                + (f" {statistics.median(recompiled):11.0f}" if args.recompiled else "")
            )


if __name__ == "__main__":
    main()
