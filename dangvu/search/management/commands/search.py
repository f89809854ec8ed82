"""`dangvu search reindex`: rebuild the search index from every registered record."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from dangvu.core.audit import acting_as
from dangvu.search import services


class Command(BaseCommand):
    help = "Search index: `reindex` rebuilds it from the records (after a bulk load, a restore or an upgrade)."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("reindex", help="rebuild the whole index")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "reindex":
            started = time.perf_counter()
            with acting_as(None, source="command"):
                total = services.index_rebuild(log=lambda line: self.stdout.write(f"  {line}"))
            seconds = f"{time.perf_counter() - started:.1f}".replace(".", ",")  # decimal comma
            self.stdout.write(self.style.SUCCESS(f"Đã lập lại chỉ mục tìm kiếm: {total} mục trong {seconds} giây."))
