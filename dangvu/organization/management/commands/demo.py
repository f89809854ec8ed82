"""`dangvu demo`: the reference organization and demo logins; `dangvu demo --members N`: a load test."""

from __future__ import annotations

import importlib
import time
from argparse import ArgumentParser
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from dangvu.core.audit import acting_as
from dangvu.documents.province import load_province_documents
from dangvu.organization.demo.province import load_province
from dangvu.organization.demo.reference import (
    DEMO_PASSWORD,
    UPPER_CHAIN,
    ReferenceResult,
    load_reference,
    reference_counts,
)

ADDRESS = "http://127.0.0.1:8000/"
# Modules with `LABEL` and `load(root: PartyOrg) -> dict[str, int]` (what was added, by Vietnamese name).
DEMO_EXTENSIONS = [
    "dangvu.planning.demo",
    "dangvu.reporting.demo",
    "dangvu.meetings.demo",
    "dangvu.supervision.demo",
    "dangvu.documents.demo",
    "dangvu.rating.demo",
    "dangvu.annual.demo",  # last: the year-end report reads every other app's records
]
CREATED_LABELS = (
    ("party_orgs", "tổ chức đảng"),
    ("gov_units", "đơn vị chính quyền"),
    ("members", "đảng viên"),
    ("events", "sự kiện đảng viên"),
    ("positions", "chức vụ"),
    ("users", "tài khoản"),
    ("roles", "phân quyền"),
)


def _n(number: int) -> str:
    """Thousands grouped the Vietnamese way: 100.000."""
    return f"{number:,}".replace(",", ".")


class Command(BaseCommand):
    help = (
        "Nạp dữ liệu mẫu: Đảng bộ Tổng cục Giáo dục nghề nghiệp (tháng 1/2020) cùng các tài khoản dùng thử. "
        "Chạy lại không thay đổi gì. Với --members N: thêm một tỉnh thử nghiệm có N đảng viên tổng hợp."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--members",
            type=int,
            metavar="N",
            help="Thêm một Đảng bộ tỉnh thử nghiệm mới với N đảng viên (để đo hiệu năng); mỗi lần chạy thêm một tỉnh.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        members: int | None = options.get("members")
        if members is not None:
            if members < 1:
                raise CommandError("--members phải là số nguyên dương.")
            self._province(members)
            return
        result = load_reference()
        self._summary(result)
        self._extensions(result)

    def _extensions(self, result: ReferenceResult) -> None:
        """The year's records of the other apps (plans, reports...), each idempotent like the reference."""
        for path in DEMO_EXTENSIONS:
            module = importlib.import_module(path)
            with transaction.atomic(), acting_as(None, source="demo"):
                added: dict[str, int] = module.load(result.root)
            label = module.LABEL
            if any(added.values()):
                details = ", ".join(f"{count} {name}" for name, count in added.items() if count)
                self.stdout.write(self.style.SUCCESS(f"  {label}: đã thêm {details}."))
            else:
                self.stdout.write(f"  {label}: đã có đủ.")

    def _province(self, n: int) -> None:
        started = time.perf_counter()
        with acting_as(None, source="demo"):
            result = load_province(n)
            this_year = timezone.localdate().year
            documents = load_province_documents(result.root, years=(this_year - 1, this_year))
        seconds = f"{time.perf_counter() - started:.1f}".replace(".", ",")  # decimal comma
        self.stdout.write(
            self.style.SUCCESS(
                f"Đã thêm «{result.root.name}»: {_n(result.members)} đảng viên, {_n(result.orgs)} tổ chức đảng, "
                f"{_n(result.events)} sự kiện, {_n(documents)} văn bản trong {seconds} giây."
            )
        )
        # bulk inserts send no signals: the search index is rebuilt once at the end
        call_command("search", "reindex", stdout=self.stdout)

    def _summary(self, result: ReferenceResult) -> None:
        counts = reference_counts(result)
        write = self.stdout.write
        write(self.style.MIGRATE_HEADING(f"Dữ liệu mẫu: {result.root.name} (tháng 1/2020)"))
        if result.changed:
            added = ", ".join(f"{result.created[key]} {label}" for key, label in CREATED_LABELS if result.created[key])
            write(self.style.SUCCESS(f"  Lần chạy này đã thêm: {added}."))
        else:
            write("  Dữ liệu mẫu đã có đủ: lần chạy này không thay đổi gì.")
        write(f"  Cấp trên (chỉ ghi tên): {' → '.join(UPPER_CHAIN)}")
        write(f"  Chi bộ trực thuộc: {counts['cells']}; đơn vị chính quyền: {counts['gov_units']}")
        write(
            f"  Đảng viên: {counts['total']} (chính thức {counts['full']}, dự bị {counts['probationary']}, "
            f"miễn sinh hoạt {counts['exempt']}, đã chuyển đi {counts['transferred']})"
        )
        write(f"  Chức vụ đảng và chính quyền: {counts['positions']}")
        write("")
        write(f"Mở {ADDRESS} (DANGVU_DEBUG=true dangvu runserver) và đăng nhập bằng một trong các tài khoản:")
        rows = [("Tên đăng nhập", "Vai trò", "Phạm vi", "Họ và tên")]
        rows += [(user.username, role, scope, user.first_name) for user, role, scope in result.users]
        widths = [max(len(row[i]) for row in rows) for i in range(3)]
        for n, row in enumerate(rows):
            line = "  " + "  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row[:3])) + "  " + row[3]
            write(self.style.MIGRATE_LABEL(line) if n == 0 else line)
        write(f"Mật khẩu chung: {DEMO_PASSWORD}")
