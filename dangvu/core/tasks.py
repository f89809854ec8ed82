"""Background jobs shared by every app, run through Django's tasks API (django-tasks).

In production the DatabaseBackend queues them and `dangvu db_worker` runs them; tests run them at once.
"""

from __future__ import annotations

from django.core.mail import send_mail
from django_tasks import task


@task()
def send_email(*, subject: str, body: str, to: list[str]) -> int:
    """Send one plain-text e-mail. Arguments are JSON values, as every task's must be."""
    return send_mail(subject, body, None, to, fail_silently=False)
