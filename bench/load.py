"""Load test over HTTP: gunicorn serving a province-sized database, locust driving it from a second process.

    .venv/bin/python bench/load.py                          # SQLite: var/bench/load.sqlite3
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/dangvu_bench_load .venv/bin/python bench/load.py

Steps: (1) migrate the benchmark database and, if it has no test province yet, build one with
`--members` members and two years of plans, reports and meetings (`dangvu demo --members N`);
(2) create the benchmark users with a known password: bench-load-office (committee office of the test
province), bench-load-secretary (cell secretary of a cell in the middle of the tree), bench-load-member
(a party member of that cell, no role); (3) collect the static files into a temporary STATIC_ROOT and
start gunicorn on a free port of 127.0.0.1 with production settings (DANGVU_DEBUG=false, a generated
secret key); (4) fetch every page once (warm-up; a page that does not answer 200, e.g. an app not
installed yet, is left out with a warning); (5) run locust headless in a second process:

  - the mixed phase: --users users (default 50) for --time seconds; 47 office users read the main pages
    and /health/, each equally often, one cell secretary posts progress updates, one clerk of the office
    corrects members' records (bench-load-clerk), one member reads their own pages; --wait is the think
    time of each user between two requests (default 1–3 s, people clicking). Gives each page's latency
    (p50/p95/p99) under that load, and the write checks.
  - the throughput phases: for each page alone, then /health/ alone, --users office users without think
    time for --phase-seconds seconds (statistics reset once all have started): the requests per second
    the server sustains on that page, and its ratio to /health/'s (the framework's floor). A page none of
    whose requests finished within the phase shows 0 requests/s.

(6) print the tables and write them, as Markdown, to var/bench/load-<database>.md; (7) count the progress
updates this run wrote in the database, and the audit entries of the clerk's member edits, and compare them
with the successful POSTs in locust's statistics; (8) stop the server. The exit status is non-zero if a
request failed or the counts differ.
"""

from __future__ import annotations

import argparse
import csv
import datetime
import http.cookiejar
import json
import os
import platform
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from pathlib import Path
from typing import Any

from _setup import PROJECT, choose_database, describe_database, maintain_database, start_django
from requests.cookies import RequestsCookieJar

BIN = Path(sys.executable).parent
PASSWORD = "Bench-load-2026!"  # the benchmark users' password (a throw-away database)
USERS = {
    "office": "bench-load-office",
    "secretary": "bench-load-secretary",
    "member": "bench-load-member",
    "clerk": "bench-load-clerk",
}
LOAD_DB = PROJECT / "var" / "bench" / "load.sqlite3"
WRITE = "write: progress update"
EDIT = "write: member edit"


class PlainHTTPCookieJar(RequestsCookieJar):
    """Keeps the cookies the server marks Secure, but sends them over plain HTTP too: the benchmark's
    server is on 127.0.0.1 without TLS, and requests would otherwise drop the session and CSRF cookies."""

    def set_cookie(self, cookie: http.cookiejar.Cookie, *args: Any, **kwargs: Any) -> Any:
        cookie.secure = False
        return super().set_cookie(cookie, *args, **kwargs)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def server_env(static_root: str) -> dict[str, str]:
    """Production-like settings for the server and for this process."""
    return {
        "DANGVU_DEBUG": "false",
        "DANGVU_SECRET_KEY": secrets.token_urlsafe(50),
        "DANGVU_ALLOWED_HOSTS": "127.0.0.1",
        "DANGVU_SSL_REDIRECT": "false",
        "DANGVU_HSTS_SECONDS": "0",
        "DANGVU_STATIC_ROOT": static_root,
        "DANGVU_LOG_LEVEL": "WARNING",
        "DANGVU_LOGIN_FAILURE_LIMIT": "1000",
    }


# --- (1)–(2) database and users ---------------------------------------------------------------------------


def prepare(members: int) -> dict[str, Any]:
    from django.core.management import call_command

    from dangvu.accounts.models import User
    from dangvu.organization.demo.province import PREFIX
    from dangvu.organization.models import Member, PartyOrg, RoleAssignment
    from dangvu.planning.models import KeyTask

    call_command("migrate", verbosity=0)
    province = PartyOrg.objects.filter(name__startswith=PREFIX, parent__isnull=True).order_by("path").first()
    if province is None:
        # As `dangvu demo --members N`: the province, two years of records, the registers, the search index.
        print(f"Building a test province of {members:,} members with two years of records...", flush=True)
        started = time.perf_counter()
        call_command("demo", members=members)
        print(f"  built in {time.perf_counter() - started:.0f} s", flush=True)
        province = PartyOrg.objects.filter(name__startswith=PREFIX, parent__isnull=True).order_by("path").first()
        assert province is not None
    maintain_database()

    year = datetime.date.today().year
    cells = PartyOrg.objects.filter(path__startswith=province.path, kind=PartyOrg.Kind.CHI_BO).order_by("path")
    cell = cells[cells.count() // 2]
    people = list(Member.objects.filter(cell=cell).order_by("pk")[:3])
    tasks = list(KeyTask.objects.filter(org=cell, plan__year=year).order_by("pk").values_list("pk", flat=True))
    if len(people) < 2 or not tasks:
        raise SystemExit(f"The cell «{cell.name}» has no members or no key tasks of {year}: rebuild the database.")

    accounts = {}
    for role, username in USERS.items():
        user, _ = User.objects.get_or_create(username=username, defaults={"first_name": f"{role} (đo tải)"})
        user.set_password(PASSWORD)
        user.save()
        accounts[role] = user
    for role in ("office", "clerk"):
        RoleAssignment.objects.get_or_create(user=accounts[role], role=RoleAssignment.Role.OFFICE, org=province)
    RoleAssignment.objects.get_or_create(user=accounts["secretary"], role=RoleAssignment.Role.CELL_SECRETARY, org=cell)
    for person, role in zip(people[:2], ("secretary", "member"), strict=True):
        Member.objects.filter(user=accounts[role]).exclude(pk=person.pk).update(user=None)
        Member.objects.filter(pk=person.pk).update(user=accounts[role])
    from axes.models import AccessAttempt

    AccessAttempt.objects.filter(username__in=USERS.values()).delete()

    members_url = "/members/"
    pages = [
        ("dashboard", "/"),
        ("member list", members_url),
        ("member search 'nguyen van'", f"{members_url}?q=nguyen+van"),
        ("member list page 50", f"{members_url}?page=50"),
        ("organization tree", "/org/"),
        ("cell page", f"/org/{cell.pk}/"),
        ("member profile", f"/members/{people[2 if len(people) > 2 else 0].pk}/"),
        ("plans overview", "/plans/"),
        ("meetings list", "/meetings/"),
        ("reports compliance", "/reports/dashboard/"),
        ("supervision list", "/supervision/"),
        ("self-inspection coverage", "/supervision/coverage/"),
        ("search 'nguyen van'", "/search/?q=nguyen+van"),
        ("documents", "/documents/"),
        ("key-task form", "/plans/tasks/new/"),
        ("lead lookup 'nguyen van'", "/plans/tasks/new/?_lookup=lead&lead_q=nguyen+van"),
        ("api: members", "/api/members"),
        ("api: plans", "/api/plans"),
        ("api: meetings", "/api/meetings"),
        ("api: reports", "/api/reports"),
    ]
    return {
        "province": province.name,
        "province_path": province.path,
        "members_in_province": Member.objects.filter(cell__path__startswith=province.path).count(),
        "members_total": Member.objects.count(),
        "cells": cells.count(),
        "cell": cell.name,
        "users": {role: {"username": username, "password": PASSWORD} for role, username in USERS.items()},
        "pages": pages,
        "write_tasks": tasks,
        # Members the clerk corrects, from across the province (every 200th): the edits are counted by their
        # audit entries, whatever members they touch.
        "edit_members": list(
            Member.objects.filter(cell__path__startswith=province.path, archived_at__isnull=True)
            .order_by("pk")
            .values_list("pk", flat=True)[::200][:500]
        ),
    }


# --- (3) the server ----------------------------------------------------------------------------------------


def start_server(env: dict[str, str], port: int, workers: int, log: Path, threads: int = 1) -> subprocess.Popen[bytes]:
    command = [
        str(BIN / "gunicorn"),
        "dangvu.wsgi:application",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(workers),
        "--threads",  # more than 1: gunicorn's gthread worker
        str(threads),
        "--backlog",
        "256",
        "--timeout",
        "60",
    ]
    server = subprocess.Popen(  # noqa: S603
        command, cwd=PROJECT, env=env, stdout=log.open("wb"), stderr=subprocess.STDOUT, start_new_session=True
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"gunicorn stopped (exit {server.returncode}); see {log}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/health/", timeout=2) as response:  # noqa: S310
                if response.status == 200:
                    return server
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.3)
    stop_server(server)
    raise SystemExit(f"gunicorn did not answer /health/ within 60 s; see {log}")


def stop_server(server: subprocess.Popen[bytes]) -> None:
    if server.poll() is None:
        os.killpg(server.pid, signal.SIGTERM)  # its own session: the master and its workers
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()


def sign_in(host: str, account: dict[str, str]) -> Any:
    """A requests session signed in through the login form (the CSRF token read from the form)."""
    import requests

    session = requests.Session()
    session.cookies = PlainHTTPCookieJar()
    form = session.get(f"{host}/accounts/login/", timeout=60)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.text)
    assert token is not None, "no CSRF token on the login page"
    response = session.post(
        f"{host}/accounts/login/",
        data={"username": account["username"], "password": account["password"], "csrfmiddlewaretoken": token[1]},
        headers={"Referer": f"{host}/accounts/login/"},
        allow_redirects=False,
        timeout=60,
    )
    if response.status_code != 302:
        raise SystemExit(f"{account['username']} could not sign in (status {response.status_code}).")
    return session


def drain(host: str, *, limit: float = 180.0) -> float:
    """Wait until the server is idle again: /health/ answering within 0.3 s twice in a row.

    A phase ends with its users gone but their last requests still queued at the server (a sync worker
    does not know that the client has left); without this, the next phase would begin behind them.
    Returns the seconds waited."""
    started = time.monotonic()
    quick = 0
    while quick < 2 and time.monotonic() - started < limit:
        t0 = time.monotonic()
        try:
            with urllib.request.urlopen(f"{host}/health/", timeout=limit) as response:  # noqa: S310
                response.read()
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(1)
            continue
        quick = quick + 1 if time.monotonic() - t0 < 0.3 else 0
        time.sleep(0.2)
    return time.monotonic() - started


def warm_up(host: str, session: Any, pages: list[tuple[str, str]], *, workers: int) -> list[tuple[str, str]]:
    """Fetch each page once as the office user and keep the pages that answer 200; then fetch each of them
    2 × `workers` times at once, so that every worker process has computed its cached counts
    (dangvu/core/aggregates.py keeps one cache per process), as on a server that has been running.

    The first request's time is printed: it is what the first user pays after a change of the data."""
    import requests

    kept = []
    for label, url in pages:
        started = time.perf_counter()
        page = session.get(f"{host}{url}", allow_redirects=False, timeout=120)
        ms = (time.perf_counter() - started) * 1000
        if page.status_code == 200:
            kept.append((label, url))
            print(f"  first    {label:29} {url:34} {ms:7.0f} ms {len(page.content) / 1024:6.0f} KB", flush=True)
        else:
            print(f"  left out {label:29} {url:34} status {page.status_code}", flush=True)
    with ThreadPoolExecutor(workers) as pool:
        for _label, url in kept:
            fetch = partial(requests.get, f"{host}{url}", cookies=session.cookies, allow_redirects=False, timeout=300)
            list(pool.map(lambda _i, fetch=fetch: fetch().status_code, range(2 * workers)))
    return kept


# --- (5) locust --------------------------------------------------------------------------------------------


def run_locust(
    host: str, targets_file: Path, csv_prefix: Path, *, users: int, seconds: int, wait: str, only: str = ""
) -> None:
    env = os.environ | {"BENCH_TARGETS": str(targets_file), "BENCH_ONLY": only, "BENCH_WAIT": wait}
    if not only:
        env["BENCH_WRITE_UNTIL"] = str(time.time() + seconds - 5)
    command = [
        str(BIN / "locust"),
        "-f",
        str(PROJECT / "bench" / "locustfile.py"),
        "--headless",
        "--host",
        host,
        "-u",
        str(users),
        "-r",
        str(users if only else min(users, 10)),
        "-t",
        f"{seconds}s",
        "--stop-timeout",
        "5" if only else "30",  # the mixed phase lets every write finish; a read phase need not
        "--csv",
        str(csv_prefix),
        "--only-summary",
        "--loglevel",
        "WARNING",
    ]
    if only:
        command += ["--reset-stats", "OfficeUser"]
    log = csv_prefix.with_suffix(".log")
    with log.open("wb") as out:
        subprocess.run(command, cwd=PROJECT, env=env, stdout=out, stderr=subprocess.STDOUT, check=False)  # noqa: S603


def _succeeded(stats: dict[str, dict[str, float]], name: str) -> int:
    row = stats.get(name, {"count": 0, "failures": 0})
    return int(row["count"] - row["failures"])


def number(text: str) -> float:
    """locust writes N/A for the percentiles of a name without a completed request."""
    try:
        return float(text)
    except ValueError:
        return 0.0


def read_stats(csv_prefix: Path) -> dict[str, dict[str, float]]:
    rows: dict[str, dict[str, float]] = {}
    path = Path(f"{csv_prefix}_stats.csv")
    if not path.exists():
        raise SystemExit(f"locust wrote no statistics: see {csv_prefix.with_suffix('.log')}")
    with path.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            name = row["Name"] if row["Type"] else "Aggregated"
            if name == "Aggregated":
                name = "(all)"
            rows[name] = {
                "count": number(row["Request Count"]),
                "failures": number(row["Failure Count"]),
                "rps": number(row["Requests/s"]),
                "p50": number(row["50%"]),
                "p95": number(row["95%"]),
                "p99": number(row["99%"]),
            }
    return rows


# --- (6) report ---------------------------------------------------------------------------------------------


def table(rows: list[list[str]], head: list[str]) -> str:
    lines = ["| " + " | ".join(head) + " |", "|" + "|".join("---:" if i else "---" for i in range(len(head))) + "|"]
    lines += ["| " + " | ".join(r) + " |" for r in rows]
    return "\n".join(lines)


def main() -> None:  # noqa: PLR0915
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--members", type=int, default=200_000, help="members of the test province (default 200000)")
    parser.add_argument("--users", type=int, default=50, help="concurrent simulated users (default 50)")
    parser.add_argument(
        "--time", type=int, default=180, help="seconds of the mixed phase (default 180: about 230 requests a page)"
    )
    parser.add_argument("--wait", default="1,3", help="think time of the mixed phase, 'min,max' s (default 1,3)")
    parser.add_argument("--phase-seconds", type=int, default=15, help="seconds per throughput phase (default 15)")
    parser.add_argument("--no-phases", action="store_true", help="the mixed phase only")
    parser.add_argument(
        "--skip", default="", help="pages to leave out, by label, comma-separated (e.g. 'plans overview,meetings list')"
    )
    parser.add_argument("--workers", type=int, default=2 * (os.cpu_count() or 1), help="gunicorn workers (2×cores)")
    parser.add_argument("--threads", type=int, default=1, help="threads per worker (default 1: sync workers)")
    parser.add_argument("--out", type=Path, help="Markdown report (default var/bench/load-<database>.md)")
    args = parser.parse_args()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit("stopped (SIGTERM)"))  # still stop the server

    if not os.environ.get("DATABASE_URL"):
        LOAD_DB.parent.mkdir(parents=True, exist_ok=True)
        os.environ["DATABASE_URL"] = f"sqlite:///{LOAD_DB}"
    choose_database(fresh=False)
    work = Path(tempfile.mkdtemp(prefix="dangvu-load-"))
    env = server_env(str(work / "static"))
    os.environ.update(env)
    start_django(debug=False)
    from django.core.management import call_command
    from django.db import connection

    from dangvu.core.models import AuditEntry
    from dangvu.organization.models import Member
    from dangvu.planning.models import ProgressUpdate

    targets = prepare(args.members)
    database = describe_database()
    vendor = connection.vendor
    tag = f"bench-load {datetime.datetime.now():%Y-%m-%d %H:%M:%S} {secrets.token_hex(3)}"
    targets["write_tag"] = tag
    started = datetime.datetime.now(datetime.UTC)
    call_command("collectstatic", interactive=False, verbosity=0)
    connection.close()

    port = free_port()
    host = f"http://127.0.0.1:{port}"
    server = start_server(os.environ.copy(), port, args.workers, work / "gunicorn.log", args.threads)
    print(
        f"gunicorn: {args.workers} workers × {args.threads} threads on {host} (log {work / 'gunicorn.log'})", flush=True
    )
    try:
        office = sign_in(host, targets["users"]["office"])
        skip = {label.strip() for label in args.skip.split(",") if label.strip()}
        unknown = skip - {label for label, _url in targets["pages"]}
        if unknown:
            raise SystemExit(f"--skip: no page labelled {', '.join(sorted(unknown))}")
        targets["pages"] = warm_up(
            host, office, [p for p in targets["pages"] if p[0] not in skip], workers=args.workers
        )
        print(f"Signing in {args.users} office sessions...", flush=True)
        targets["office_sessions"] = [dict(office.cookies)] + [
            dict(sign_in(host, targets["users"]["office"]).cookies) for _ in range(args.users - 1)
        ]
        targets_file = work / "targets.json"
        targets_file.write_text(json.dumps(targets, ensure_ascii=False), encoding="utf-8")

        print(f"Mixed phase: {args.users} users, think time {args.wait} s, {args.time} s...", flush=True)
        run_locust(host, targets_file, work / "mixed", users=args.users, seconds=args.time, wait=args.wait)
        drain(host)  # every request of the mixed phase is served before the rows are counted
        mixed = read_stats(work / "mixed")
        alone: dict[str, dict[str, float]] = {}
        if not args.no_phases:
            labels = [label for label, _url in targets["pages"]] + ["health"]
            for i, label in enumerate(labels):
                waited = drain(host)
                print(f"Throughput phase {i + 1}/{len(labels)}: {label} (server idle after {waited:.0f} s)", flush=True)
                prefix = work / f"alone-{i:02d}"
                run_locust(
                    host, targets_file, prefix, users=args.users, seconds=args.phase_seconds, wait="", only=label
                )
                alone[label] = read_stats(prefix).get(label, {}) or {
                    "count": 0,
                    "failures": 0,
                    "rps": 0.0,
                    "p50": 0,
                    "p95": 0,
                    "p99": 0,
                }  # no request of this page finished within the phase
    finally:
        stop_server(server)

    written = ProgressUpdate.objects.filter(note__startswith=tag).count()
    succeeded = _succeeded(mixed, WRITE)
    edits = AuditEntry.objects.filter(
        actor__username=USERS["clerk"],
        action=AuditEntry.Action.UPDATE,
        content_type__model=Member._meta.model_name,
        content_type__app_label=Member._meta.app_label,
        at__gte=started,
    ).count()
    edited = _succeeded(mixed, EDIT)
    failures = int(sum(s["failures"] for name, s in mixed.items() if name != "(all)"))
    failures += int(sum(s.get("failures", 0) for s in alone.values()))

    floor = alone.get("health", {}).get("rps", 0.0)
    fmt = lambda v: f"{v:.0f}"  # noqa: E731
    mixed_rows = []
    for label, s in sorted(mixed.items(), key=lambda kv: (kv[0] == "(all)", kv[0])):
        mixed_rows.append(
            [
                label,
                f"{s['count']:.0f}",
                f"{s['rps']:.1f}",
                fmt(s["p50"]),
                fmt(s["p95"]),
                fmt(s["p99"]),
                f"{s['failures']:.0f}",
            ]
        )
    alone_rows = []
    for label, s in alone.items():
        if not s:
            alone_rows.append([label, "–", "–", "–", "–", "–", "–"])
            continue
        ratio = f"{s['rps'] / floor:.2f}" if floor else "–"
        alone_rows.append(
            [label, f"{s['rps']:.1f}", ratio, fmt(s["p50"]), fmt(s["p95"]), fmt(s["p99"]), f"{s['failures']:.0f}"]
        )

    server_kind = "sync workers" if args.threads == 1 else f"gthread workers × {args.threads} threads"
    header = [
        f"Run: {datetime.datetime.now():%Y-%m-%d %H:%M} · {database}",
        f"Province: {targets['province']} ({targets['members_in_province']:,} members, {targets['cells']:,} cells;"
        f" {targets['members_total']:,} members in the database)",
        f"Machine: {os.cpu_count()} cores, {platform.python_implementation()} {platform.python_version()},"
        f" gunicorn {args.workers} {server_kind},"
        " locust on the same machine",
        f"Pages left out: {args.skip}" if args.skip else "All pages",
        f"Mixed phase: {args.users} users, think time {args.wait} s, {args.time} s;"
        f" throughput phases: {args.users} users, no think time, {args.phase_seconds} s per page",
    ]
    report = "\n".join(
        [
            *(f"- {line}" for line in header),
            "",
            "Mixed phase (times in ms):",
            "",
            table(mixed_rows, ["page", "requests", "req/s", "p50", "p95", "p99", "failures"]),
            "",
            "Throughput phases, one page at a time (times in ms; ratio = req/s ÷ /health/'s req/s):",
            "",
            table(alone_rows, ["page", "req/s", "ratio", "p50", "p95", "p99", "failures"])
            if alone_rows
            else "(skipped)",
            "",
            f"Writes: {succeeded} successful progress-update POSTs, {written} rows written with this run's tag;"
            f" {edited} successful member edits, {edits} audit entries of the clerk's member edits in this run.",
        ]
    )
    print()
    print(report)
    out = args.out or PROJECT / "var" / "bench" / f"load-{vendor}.md"
    out.write_text(report + "\n", encoding="utf-8")
    print(f"\nReport written to {out}")
    shutil.rmtree(work / "static", ignore_errors=True)
    problems = []
    if written != succeeded:
        problems.append(f"rows written ({written}) differ from successful writes ({succeeded})")
    if edits != edited:
        problems.append(f"audit entries of member edits ({edits}) differ from successful edits ({edited})")
    if failures:
        problems.append(f"{failures} requests failed (see {work}/*.log and *_failures.csv)")
    if problems:
        raise SystemExit("FAILED: " + "; ".join(problems))
    print("OK: no failed request, nothing lost.")


if __name__ == "__main__":
    main()
