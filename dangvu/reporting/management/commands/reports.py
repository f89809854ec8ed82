"""`dangvu reports generate --year 2019` and `dangvu reports remind`: run by cron or a scheduler."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from dangvu.core.audit import acting_as
from dangvu.reporting import services, tasks


class Command(BaseCommand):
    help = "Chế độ báo cáo: tạo các báo cáo phải nộp trong năm; gửi nhắc hạn hằng ngày."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        generate = sub.add_parser("generate", help="Tạo các báo cáo phải nộp của một năm (chạy lại không tạo trùng).")
        generate.add_argument("--year", type=int, default=None)
        generate.add_argument("--enqueue", action="store_true", help="Đưa vào hàng đợi thay vì chạy ngay.")
        remind = sub.add_parser("remind", help="Đưa việc gửi nhắc hạn hôm nay vào hàng đợi.")
        remind.add_argument("--date", default=None, help="yyyy-mm-dd (mặc định: hôm nay)")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "generate":
            year = options["year"] or timezone.localdate().year
            if options["enqueue"]:
                tasks.generate_submissions.enqueue(year=year)
                self.stdout.write(f"Đã đưa vào hàng đợi: tạo báo cáo năm {year}.")
                return
            with acting_as(None, source="command"):
                created = services.submissions_generate(year=year)
            self.stdout.write(f"Năm {year}: đã tạo {created} báo cáo phải nộp.")
        else:
            result = tasks.send_reminders.enqueue(on=options["date"])
            self.stdout.write(f"Đã đưa việc nhắc hạn vào hàng đợi ({result.id}).")
