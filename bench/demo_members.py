"""Time the bulk load of `dangvu demo --members N` on a fresh database.

    DANGVU_DEBUG=true .venv/bin/python bench/demo_members.py --members 100000
    DANGVU_DEBUG=true DATABASE_URL=postgres://postgres@127.0.0.1:5432/dangvu_bench \\
        .venv/bin/python bench/demo_members.py --members 100000

SQLite: var/bench/bench.sqlite3 is deleted and migrated again first. PostgreSQL: give a freshly created,
empty database (createdb ...); the script migrates it and refuses one that already holds members unless
--allow-existing. The database is left in place for bench/pages.py.
"""

from __future__ import annotations

import argparse
import os
import time

from _setup import choose_database, describe_database, start_django


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--members", type=int, default=100_000, help="members to add (default 100000)")
    parser.add_argument("--allow-existing", action="store_true", help="add to a database that already has members")
    parser.add_argument("--debug", action="store_true", help="keep DEBUG on (Django logs every query: slower)")
    args = parser.parse_args()

    choose_database(fresh=not os.environ.get("DATABASE_URL"))
    start_django(debug=args.debug)

    from django.core.management import call_command
    from django.db import connection

    from dangvu.core.audit import acting_as
    from dangvu.organization.demo.province import load_province
    from dangvu.organization.models import Member

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    migrate_seconds = time.perf_counter() - started
    if Member.objects.exists() and not args.allow_existing:
        raise SystemExit("The database already has members: use a fresh one, or pass --allow-existing.")

    started = time.perf_counter()
    with acting_as(None, source="demo"):
        result = load_province(args.members)
    seconds = time.perf_counter() - started

    print(f"Database:  {describe_database()}")
    print(f"Migrate:   {migrate_seconds:.1f} s")
    print(
        f"Load:      {result.members:,} members, {result.orgs:,} party organizations, {result.events:,} events "
        f"in {seconds:.1f} s ({result.members / seconds:,.0f} members/s)"
    )
    if connection.vendor == "sqlite":
        name = str(connection.settings_dict["NAME"])
        size = sum(os.path.getsize(p) for p in (name, f"{name}-wal") if os.path.exists(p))
        print(f"File size: {size / 1e6:.0f} MB (database and write-ahead log)")


if __name__ == "__main__":
    main()
