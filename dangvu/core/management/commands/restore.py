from __future__ import annotations

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from dangvu.core.backup import BackupError, backup_restore


class Command(BaseCommand):
    help = "Phục hồi toàn bộ cơ sở dữ liệu từ một tệp của `dangvu backup` (thay thế mọi dữ liệu hiện có)."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--yes", action="store_true", help="không hỏi lại trước khi thay thế dữ liệu")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(f"Không tìm thấy tệp {path}.")
        if not options["yes"] and input("Mọi dữ liệu hiện có sẽ bị thay thế. Gõ 'co' để tiếp tục: ").strip() != "co":
            raise CommandError("Đã hủy: dữ liệu không thay đổi.")
        try:
            restored = backup_restore(path)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        rows = sum(restored.values())
        self.stdout.write(self.style.SUCCESS(f"Đã phục hồi {rows:,} bản ghi từ {path}.".replace(",", ".")))
