"""A task for the worker-fault test: it writes, then waits for a signal file before it commits."""

from __future__ import annotations

import time
from pathlib import Path

from django.contrib.auth.models import Group
from django.db import transaction
from django_tasks import task


@task()
def write_then_wait(*, started: str, go_on: str) -> int:
    with transaction.atomic():
        Group.objects.create(name="việc nền: bản ghi 1")
        Path(started).touch()
        while not Path(go_on).exists():  # the test kills the worker here, between two writes
            time.sleep(0.05)
        Group.objects.create(name="việc nền: bản ghi 2")
    return Group.objects.filter(name__startswith="việc nền").count()
