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
    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
