"""Time the annual summary report (figures + drafting + DOCX + XLSX) for a province of N members.

    DANGVU_DEBUG=true .venv/bin/python bench/annual_report.py --members 10000 --runs 7
    createdb -h 127.0.0.1 -U postgres dangvu_annual_bench
    DANGVU_DEBUG=true DATABASE_URL=postgres://postgres@127.0.0.1:5432/dangvu_annual_bench \\
        .venv/bin/python bench/annual_report.py --members 10000 --runs 7

Without DATABASE_URL it uses its own SQLite file, var/bench/annual.sqlite3 (not the shared bench.sqlite3).
The first run migrates, loads `dangvu demo --members N` (a test province) and adds its 2019 year, as the
province demo has none: one key task per cell and per district (a share overdue), 12 monthly reports per
cell (some late, some missing), 12 meetings per cell with the roll-call of every member (one month skipped
in one cell in 40), a self-inspection program per cell (concluded in most), the province's 2020 plan. Later
runs reuse that data. Each timed run regenerates the draft (report_refresh: figures, drafting, a new version)
and writes the DOCX and the XLSX; the median and the fastest of --runs are printed, with the SQL queries.
"""

from __future__ import annotations

import argparse
import datetime
import os
import statistics
import time
import zoneinfo
from pathlib import Path

from _setup import PROJECT, describe_database, start_django

YEAR = 2019
HCM = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")


def add_year(root: object) -> None:
    """Bulk-insert the province's 2019 records (benchmark data: no audit trail, no services)."""
    from dangvu.meetings.models import Attendance, Meeting
    from dangvu.organization.models import Member, PartyOrg
    from dangvu.planning.models import AnnualPlan, KeyTask
    from dangvu.reporting.models import ReportKind, Submission
    from dangvu.supervision.models import Activity, Program

    cells = list(PartyOrg.objects.filter(path__startswith=root.path, kind__in=PartyOrg.CELL_KINDS).order_by("path"))
    districts = list(PartyOrg.objects.filter(parent=root).order_by("path"))
    plan = AnnualPlan.objects.create(owner=root, year=YEAR, title="Kế hoạch công tác năm 2019 (đo)")
    AnnualPlan.objects.create(owner=root, year=YEAR + 1, title="Kế hoạch công tác năm 2020 (đo)")
    next_plan = AnnualPlan.objects.get(owner=root, year=YEAR + 1)
    tasks = []
    for i, org in enumerate([*districts, *cells]):
        done = i % 5 != 0
        tasks.append(
            KeyTask(
                title=f"Nhiệm vụ trọng tâm {i}",
                plan=plan,
                org=org,
                start_date=datetime.date(YEAR, 1, 15),
                due_date=datetime.date(YEAR, 11, 30),
                status=KeyTask.Status.DONE if done else KeyTask.Status.IN_PROGRESS,
                percent=100 if done else 60,
            )
        )
    tasks += [
        KeyTask(
            title=f"Nhiệm vụ trọng tâm năm 2020 số {i}",
            plan=next_plan,
            org=root,
            start_date=datetime.date(YEAR + 1, 1, 15),
            due_date=datetime.date(YEAR + 1, 12, 15),
        )
        for i in range(8)
    ]
    KeyTask.objects.bulk_create(tasks, batch_size=500)

    kind = ReportKind.objects.create(org=root, name="Báo cáo tháng (đo)", period="monthly", due_rule="day_next_month")
    subs = []
    for i, cell in enumerate(cells):
        for month in range(1, 13):
            start = datetime.date(YEAR, month, 1)
            end = (start + datetime.timedelta(days=32)).replace(day=1) - datetime.timedelta(days=1)
            due = end + datetime.timedelta(days=5)
            late, missing = (i + month) % 9 == 0, (i + month) % 31 == 0
            sent = None if missing else due + datetime.timedelta(days=3 if late else -1)
            subs.append(
                Submission(
                    kind=kind,
                    org=cell,
                    period_start=start,
                    period_end=end,
                    label=f"{month}/{YEAR}",
                    due_date=due,
                    submitted_on=sent,
                )
            )
    Submission.objects.bulk_create(subs, batch_size=500)

    meetings = []
    for i, cell in enumerate(cells):
        for month in range(1, 13):
            if i % 40 == 0 and month == 7:
                continue
            planned = datetime.datetime(YEAR, month, 10, 14, tzinfo=HCM)
            meetings.append(
                Meeting(
                    org=cell,
                    kind=Meeting.Kind.COMBINED if month % 3 == 0 else Meeting.Kind.REGULAR,
                    status=Meeting.Status.HELD,
                    planned_at=planned,
                    prepare_deadline=planned - datetime.timedelta(days=3),
                    prepared_at=planned - datetime.timedelta(days=1 if (i + month) % 6 == 0 else 5),
                    topic="Sinh hoạt thường kỳ",
                )
            )
    Meeting.objects.bulk_create(meetings, batch_size=500)
    roster: dict[int, list[int]] = {}
    for member_id, cell_id in Member.objects.filter(cell__in=cells).values_list("pk", "cell_id"):
        roster.setdefault(cell_id, []).append(member_id)
    rows = []
    for meeting in Meeting.objects.filter(org__in=cells, planned_at__year=YEAR).values_list("pk", "org_id"):
        for member_id in roster.get(meeting[1], []):
            status = Attendance.Status.EXCUSED if member_id % 13 == 0 else Attendance.Status.PRESENT
            rows.append(Attendance(meeting_id=meeting[0], member_id=member_id, status=status))
        if len(rows) > 20_000:
            Attendance.objects.bulk_create(rows, batch_size=1000)
            rows = []
    Attendance.objects.bulk_create(rows, batch_size=1000)

    programs = Program.objects.bulk_create(
        [Program(org=cell, body=Program.Body.CELL, year=YEAR, title="Tự kiểm tra (đo)") for cell in cells]
    )
    Activity.objects.bulk_create(
        [
            Activity(
                program=program,
                kind=Activity.Kind.SELF,
                content="Tự kiểm tra việc chấp hành Điều lệ Đảng",
                planned_month=9,
                concluded_on=None if i % 12 == 0 else datetime.date(YEAR, 9, 30),
            )
            for i, program in enumerate(programs)
        ],
        batch_size=500,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--members", type=int, default=10_000, help="members of the test province (default 10000)")
    parser.add_argument("--runs", type=int, default=7, help="timed runs (default 7)")
    args = parser.parse_args()

    if not os.environ.get("DATABASE_URL"):
        path = PROJECT / "var" / "bench" / "annual.sqlite3"
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        os.environ["DATABASE_URL"] = f"sqlite:///{path}"
    start_django(debug=False)

    from django.core.management import call_command
    from django.db import connection, transaction
    from django.test.utils import CaptureQueriesContext

    from dangvu.annual import exports, services
    from dangvu.annual.models import AnnualReport
    from dangvu.core.audit import acting_as
    from dangvu.organization.demo.province import PREFIX, load_province
    from dangvu.organization.models import Member, PartyOrg
    from dangvu.planning.models import AnnualPlan

    call_command("migrate", verbosity=0)
    province = PartyOrg.objects.filter(name__startswith=PREFIX, parent__isnull=True).order_by("path").first()
    if province is None:
        started = time.perf_counter()
        with acting_as(None, source="demo"):
            province = load_province(args.members).root
        print(f"Loaded a province of {args.members:,} members in {time.perf_counter() - started:.1f} s")
    if not AnnualPlan.objects.filter(owner=province, year=YEAR).exists():
        started = time.perf_counter()
        with transaction.atomic():
            add_year(province)
        print(f"Added the province's {YEAR} records in {time.perf_counter() - started:.1f} s")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")

    members = Member.objects.filter(cell__path__startswith=province.path).count()
    orgs = PartyOrg.objects.filter(path__startswith=province.path).count()
    with acting_as(None, source="bench"):
        report = services.report_generate(org=province, year=YEAR)

    def generate() -> tuple[int, int]:
        with acting_as(None, source="bench"):
            services.report_refresh(report=AnnualReport.objects.get(pk=report.pk))
        version = services.current_version(report)
        docx = exports.report_docx(report, version)
        xlsx = exports.report_xlsx(report, version)
        return len(docx), len(xlsx)

    generate()  # warm-up
    with CaptureQueriesContext(connection) as ctx:
        sizes = generate()
    times = []
    for _ in range(args.runs):
        started = time.perf_counter()
        generate()
        times.append(time.perf_counter() - started)
    print(f"Database: {describe_database()}")
    print(f"Province: «{province.name}», {members:,} members, {orgs:,} party organizations")
    print(
        f"Report {YEAR}: figures + drafting + new version + DOCX ({sizes[0] / 1024:.0f} KB) + XLSX "
        f"({sizes[1] / 1024:.0f} KB); {len(ctx.captured_queries)} SQL queries"
    )
    print(f"Runs: {' · '.join(f'{t:.2f}' for t in times)} s")
    print(f"Median {statistics.median(times):.2f} s, fastest {min(times):.2f} s")


if __name__ == "__main__":
    main()
