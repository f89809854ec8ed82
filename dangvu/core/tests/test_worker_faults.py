"""A worker killed in the middle of a task leaves nothing half-done, and the task runs again exactly once.

Real processes on a real database file: `dangvu db_worker` is started, killed with SIGKILL while the task is inside
its transaction, then a new worker starts, puts the task back in the queue and runs it to the end.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

DANGVU = [sys.executable, "-m", "dangvu"]


def _run(env: dict[str, str], *args: str) -> str:
    return subprocess.run([*DANGVU, *args], env=env, check=True, capture_output=True, text=True, timeout=300).stdout


def _query(env: dict[str, str], code: str) -> str:
    return _run(env, "shell", "--no-imports", "-c", code).strip()


def test_a_killed_worker_leaves_no_half_done_work_and_the_task_runs_again_once(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "DANGVU_DEBUG": "true",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'worker.sqlite3'}",
        "DANGVU_TASK_STALE_MINUTES": "0",
        "DANGVU_TESTING": "0",
    }
    env.pop("PYTEST_CURRENT_TEST", None)
    _run(env, "migrate", "-v", "0")
    started, go_on = tmp_path / "started", tmp_path / "go-on"
    _query(
        env,
        "from dangvu.core.tests.sample_tasks import write_then_wait; "
        f"write_then_wait.enqueue(started={str(started)!r}, go_on={str(go_on)!r})",
    )

    worker = subprocess.Popen(
        [*DANGVU, "db_worker", "--no-reload", "--interval", "0.1"], env=env, stderr=subprocess.DEVNULL
    )
    try:
        for _ in range(300):
            if started.exists():
                break
            time.sleep(0.1)
        assert started.exists(), "the worker never started the task"
    finally:
        worker.send_signal(signal.SIGKILL)
        worker.wait(timeout=30)

    count = (
        "from django.contrib.auth.models import Group; print(Group.objects.filter(name__startswith='việc nền').count())"
    )
    status = (
        "from django_tasks_db.models import DBTaskResult; "
        "r = DBTaskResult.objects.get(); print(r.status, len(r.worker_ids))"
    )
    assert _query(env, count) == "0"  # the first write was rolled back with the killed worker
    assert _query(env, status) == "RUNNING 1"  # the queue still thinks it runs

    go_on.touch()
    _run(env, "db_worker", "--batch", "--no-startup-delay")  # a new worker: requeues the stale task and runs it
    assert _query(env, count) == "2"
    assert _query(env, status) == "SUCCESSFUL 2"  # two attempts, one success

    _run(env, "db_worker", "--batch", "--no-startup-delay")  # and never again
    assert _query(env, count) == "2"
