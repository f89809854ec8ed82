"""Time the member list and the organization tree against the big benchmark database.

Run bench/demo_members.py first, then:

    DANGVU_DEBUG=true .venv/bin/python bench/pages.py [--runs 7]
    DANGVU_DEBUG=true DATABASE_URL=postgres://postgres@127.0.0.1:5432/dangvu_bench .venv/bin/python bench/pages.py

Pages are fetched with Django's test client (no HTTP server, no network: this is the time Django and
the database spend), as a committee-office user whose scope is the first test province, and as a
superuser. Each page is fetched once to warm up, then --runs times; the median and the fastest run are
printed, with the SQL queries of one more run and the size of the HTML.
"""

from __future__ import annotations

import argparse
import statistics
import time

from _setup import choose_database, describe_database, start_django


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=7, help="timed runs per page (default 7)")
    parser.add_argument("--analyze", action="store_true", help="run ANALYZE first (planner statistics)")
    args = parser.parse_args()

    choose_database(fresh=False)
    start_django(debug=False)

    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from dangvu.accounts.models import User
    from dangvu.organization.demo.province import PREFIX
    from dangvu.organization.models import Member, PartyOrg, RoleAssignment

    province = PartyOrg.objects.filter(name__startswith=PREFIX, parent__isnull=True).order_by("path").first()
    if province is None:
        raise SystemExit("No test province in this database: run bench/demo_members.py first.")
    if args.analyze:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")

    office, _ = User.objects.get_or_create(username="bench-office", defaults={"first_name": "Văn phòng (đo)"})
    RoleAssignment.objects.get_or_create(user=office, role=RoleAssignment.Role.OFFICE, org=province)
    admin, _ = User.objects.get_or_create(
        username="bench-admin", defaults={"is_superuser": True, "is_staff": True, "first_name": "Quản trị (đo)"}
    )

    cells = PartyOrg.objects.filter(path__startswith=province.path, kind__in=PartyOrg.CELL_KINDS).order_by("path")
    cell = cells[cells.count() // 2]  # a cell in the middle of the tree, not the first one
    district = PartyOrg.objects.filter(parent=province).order_by("path").first()
    assert district is not None
    members = Member.objects.filter(cell__path__startswith=province.path).count()
    total = Member.objects.count()

    members_url = reverse("organization:member_list")
    pages = [
        ("Member list, page 1", members_url),
        ('Search "nguyen van"', f"{members_url}?q=nguyen+van"),
        ("Filter: one cell", f"{members_url}?cell={cell.pk}"),
        ("Filter: one district committee", f"{members_url}?cell={district.pk}"),
        ("Member list, page 100", f"{members_url}?page=100"),
        ("Organization tree", reverse("organization:org_tree")),
        ("Dashboard", reverse("organization:dashboard")),
    ]

    print(f"Database: {describe_database()}")
    print(f"Members: {total:,} in all, {members:,} in «{province.name}»; filter cell «{cell.name}», {cell.path}")
    print(f"Runs per page: {args.runs} after one warm-up; times in milliseconds")
    for label, user in (("Committee office, scope: test province 1", office), ("Superuser", admin)):
        client = Client(HTTP_HOST="localhost")
        client.force_login(user)
        print()
        print(label)
        print(f"  {'Page':32} {'median':>8} {'fastest':>8} {'queries':>8} {'HTML KB':>8}")
        for name, url in pages:
            response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)
            timings = []
            for _run in range(args.runs):
                started = time.perf_counter()
                client.get(url)
                timings.append((time.perf_counter() - started) * 1000)
            with CaptureQueriesContext(connection) as queries:
                response = client.get(url)
            print(
                f"  {name:32} {statistics.median(timings):8.0f} {min(timings):8.0f} "
                f"{len(queries.captured_queries):8d} {len(response.content) / 1024:8.0f}"
            )


if __name__ == "__main__":
    main()
