"""The `dangvu` console script: Django's management utility with dangvu's settings."""

from __future__ import annotations

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dangvu.settings")
    from django.core.management import execute_from_command_line

    if len(sys.argv) > 1:
        import django

        django.setup()
        from dangvu.core.startup import SERVING_COMMANDS, require_serving_settings

        if sys.argv[1] in SERVING_COMMANDS:
            require_serving_settings()
        if sys.argv[1] == "db_worker":
            from dangvu.core.tasks import requeue_stale_tasks

            if requeued := requeue_stale_tasks():
                print(f"Đưa lại vào hàng đợi {requeued} việc nền bị dừng giữa chừng.", file=sys.stderr)
    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
