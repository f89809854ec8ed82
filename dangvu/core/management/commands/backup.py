from __future__ import annotations

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand

from dangvu.core.backup import backup_write


class Command(BaseCommand):
    help = "Sao lưu toàn bộ cơ sở dữ liệu vào một tệp (.json.gz), phục hồi được trên SQLite và PostgreSQL."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("file", type=Path, help="tệp sao lưu sẽ ghi, ví dụ dangvu-2026-11-27.json.gz")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        partial = path.with_name(path.name + ".part")
        with partial.open("wb") as out:
            manifest = backup_write(out)
        partial.replace(path)  # a backup stopped halfway never looks complete
        rows = sum(manifest["counts"].values())
        self.stdout.write(self.style.SUCCESS(f"Đã sao lưu {rows:,} bản ghi vào {path}.".replace(",", ".")))
