"""Background jobs of the reporting regime: thin wrappers over services, JSON arguments only."""

from __future__ import annotations

import datetime

from django_tasks import task

from dangvu.core.audit import acting_as
from dangvu.reporting import services


@task()
def send_reminders(on: str | None = None) -> int:
    """The daily reminder job (enqueued by `dangvu reports remind`): safe to run twice."""
    today = datetime.date.fromisoformat(on) if on else None
    with acting_as(None, source="task"):
        return services.reminders_send(today=today)


@task()
def generate_submissions(year: int) -> int:
    """Create the expected submissions of a year; enqueued by `dangvu reports generate --enqueue`."""
    with acting_as(None, source="task"):
        return services.submissions_generate(year=year)
