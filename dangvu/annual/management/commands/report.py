"""`dangvu report annual YEAR [--org ID] [--output FILE]`: draft (or refresh) the annual summary report and
write it as DOCX, with its XLSX annexes beside it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db.models import Q

from dangvu.annual import exports, services
from dangvu.core.audit import acting_as
from dangvu.organization.models import PartyOrg


def default_org() -> PartyOrg:
    """The first top-level Party committee of the app (its upper committees are recorded by name only)."""
    org = (
        PartyOrg.objects.active()
        .filter(Q(parent__isnull=True) | Q(parent__is_external=True), is_external=False)
        .exclude(kind__in=PartyOrg.CELL_KINDS)
        .order_by("depth", "path")
        .first()
    )
    if org is None:
        raise CommandError("Chưa có tổ chức đảng nào: hãy chạy `dangvu demo` hoặc nhập dữ liệu trước.")
    return org


class Command(BaseCommand):
    help = "Báo cáo: `report annual NĂM` lập (hoặc cập nhật) dự thảo báo cáo tổng kết năm và ghi ra tệp DOCX, XLSX."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        annual = sub.add_parser("annual", help="Báo cáo tổng kết công tác xây dựng Đảng của một năm.")
        annual.add_argument("year", type=int, help="Năm tổng kết, ví dụ 2019.")
        annual.add_argument("--org", type=int, help="Mã tổ chức đảng (mặc định: đảng bộ cấp trên cùng đầu tiên).")
        annual.add_argument("--output", help="Tệp DOCX ghi ra (mặc định: bao-cao-tong-ket-NĂM-MÃ.docx).")

    def handle(self, *args: Any, **options: Any) -> None:
        year: int = options["year"]
        if not 2000 <= year <= 2100:
            raise CommandError(f"Năm không hợp lệ: {year} (từ 2000 đến 2100).")
        if options.get("org"):
            org = PartyOrg.objects.active().filter(pk=options["org"]).first()
            if org is None:
                raise CommandError(f"Không có tổ chức đảng mã {options['org']}.")
        else:
            org = default_org()
        try:
            with acting_as(None, source="command"):
                report = services.report_generate(org=org, year=year)
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        version = services.current_version(report)
        output = Path(options.get("output") or exports.filename(report, "docx"))
        output.write_bytes(exports.report_docx(report, version))
        annexes = output.with_suffix(".xlsx")
        annexes.write_bytes(exports.report_xlsx(report, version))
        state = report.get_state_display()
        self.stdout.write(
            self.style.SUCCESS(
                f"Báo cáo tổng kết năm {year} của {org.name} ({state}, phiên bản {version.number}): "
                f"đã ghi {output} và phụ lục {annexes}."
            )
        )
