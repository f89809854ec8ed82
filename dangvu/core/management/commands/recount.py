from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from dangvu.core.aggregates import changed, topics


class Command(BaseCommand):
    help = (
        "Đếm lại các số liệu tổng hợp đang lưu tạm (bảng điều khiển, cây tổ chức, tổng số của các danh sách) "
        "sau khi dữ liệu được sửa ngoài dangvu, ví dụ bằng SQL."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        changed(*topics())
        self.stdout.write(self.style.SUCCESS(f"Các số liệu sẽ được đếm lại: {', '.join(topics())}."))
