"""Background jobs shared by every app, run through Django's tasks API (django-tasks).

In production the DatabaseBackend queues them and `dangvu db_worker` runs them; tests run them at once.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.mail import send_mail
from django.utils import timezone
from django_tasks import task


@task()
def send_email(*, subject: str, body: str, to: list[str]) -> int:
    """Send one plain-text e-mail. Arguments are JSON values, as every task's must be."""
    return send_mail(subject, body, None, to, fail_silently=False)


def requeue_stale_tasks(now: datetime.datetime | None = None) -> int:
    """Put back in the queue the tasks that a killed worker left "running"; return how many.

    A task does its writes in one transaction, so a worker killed in the middle has written nothing and the task
    can simply run again. A worker calls this when it starts; DANGVU_TASK_STALE_MINUTES (longer than any task
    takes) tells a dead worker's task from a slow one.
    """
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    cutoff = (now or timezone.now()) - datetime.timedelta(minutes=settings.TASK_STALE_MINUTES)
    return (
        DBTaskResult.objects.running()
        .filter(started_at__lt=cutoff)
        .update(status=TaskResultStatus.READY, started_at=None)
    )
