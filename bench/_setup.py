"""Shared set-up of the benchmark scripts: choose the database, then start Django.

Without DATABASE_URL the benchmarks use their own SQLite file, var/bench/bench.sqlite3, never the
development database.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
BENCH_DB = PROJECT / "var" / "bench" / "bench.sqlite3"


def choose_database(*, fresh: bool) -> str:
    """Point Django at the benchmark database; with `fresh`, start the SQLite file from nothing."""
    if os.environ.get("DATABASE_URL"):
        return os.environ["DATABASE_URL"]
    BENCH_DB.parent.mkdir(parents=True, exist_ok=True)
    if fresh:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{BENCH_DB}{suffix}").unlink(missing_ok=True)
    os.environ["DATABASE_URL"] = f"sqlite:///{BENCH_DB}"
    return os.environ["DATABASE_URL"]


def start_django(*, debug: bool) -> None:
    """Start Django. DANGVU_DEBUG=true is needed for the development secret key; unless `debug`, DEBUG is
    switched off again so that timings are not inflated by Django's per-query logging (as in production)."""
    sys.path.insert(0, str(PROJECT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dangvu.settings")
    import django
    from django.conf import settings

    django.setup()
    settings.DEBUG = debug


def maintain_database() -> None:
    """On PostgreSQL, VACUUM ANALYZE, as autovacuum does on a production server after a bulk load: this machine's
    PostgreSQL runs with autovacuum off, and without a vacuum no index-only scan skips the table (the search's
    visibility check reads the members' (id, cell) index alone). About 5 s on the 200,000-member province.
    SQLite: nothing; the application does not run ANALYZE there (docs/performance.md, seventh run)."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")


def describe_database() -> str:
    from django.db import connection

    if connection.vendor == "sqlite":
        return f"SQLite {connection.Database.sqlite_version} ({connection.settings_dict['NAME']})"
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        version = cursor.fetchone()[0]
    return f"PostgreSQL {version} ({connection.settings_dict['NAME']})"
