from __future__ import annotations

import os
import secrets
import subprocess
import sys

import pytest
from django.conf import settings
from django.core import mail

from dangvu.core.tasks import send_email


def _run(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    """Run the `dangvu` command in a fresh process with only the given dangvu settings."""
    full_env = {k: v for k, v in os.environ.items() if not k.startswith(("DANGVU_", "DATABASE_URL", "DJANGO_"))}
    full_env.update(env)
    return subprocess.run(
        [sys.executable, "-m", "dangvu", *args], env=full_env, capture_output=True, text=True, timeout=120
    )


def _run_check(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return _run(env, "check", *args)


def test_settings_speak_vietnamese_in_hanoi_time() -> None:
    assert settings.LANGUAGE_CODE == "vi"
    assert settings.TIME_ZONE == "Asia/Ho_Chi_Minh"
    assert [code for code, _ in settings.LANGUAGES] == ["vi", "en"]
    from dangvu import settings as module  # the module itself: tests swap in a fast hasher

    assert module.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"


def test_passwords_are_stored_with_argon2(db: object, settings: object) -> None:
    from django.contrib.auth.hashers import make_password

    from dangvu import settings as module

    settings.PASSWORD_HASHERS = module.PASSWORD_HASHERS  # type: ignore[attr-defined]
    assert make_password("dangvu-demo-2020").startswith("argon2$")


def test_production_settings_pass_check_deploy(tmp_path: object) -> None:
    result = _run_check(
        {
            "DANGVU_SECRET_KEY": secrets.token_urlsafe(48),
            "DANGVU_ALLOWED_HOSTS": "dangvu.example.org",
            "DANGVU_DEBUG": "false",
            "DATABASE_URL": f"sqlite:///{tmp_path}/deploy.sqlite3",
        },
        "--deploy",
        "--fail-level",
        "WARNING",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"DANGVU_DEBUG": "maybe"}, "DANGVU_DEBUG must be true or false"),
        ({"DANGVU_DEBUG": "true", "DANGVU_EMAIL_URL": "pigeon://x"}, "DANGVU_EMAIL_URL"),
        ({"DANGVU_DEBUG": "true", "DANGVU_LOGIN_FAILURE_LIMIT": "five"}, "DANGVU_LOGIN_FAILURE_LIMIT"),
    ],
)
def test_a_bad_setting_stops_start_up_with_its_name(env: dict[str, str], message: str, tmp_path: object) -> None:
    env = {"DATABASE_URL": f"sqlite:///{tmp_path}/x.sqlite3", **env}
    result = _run_check(env)
    assert result.returncode != 0
    assert message in result.stderr


def test_tasks_run_through_the_tasks_api() -> None:
    result = send_email.enqueue(subject="Nhắc hạn báo cáo", body="Báo cáo tháng 1 đến hạn.", to=["a@example.org"])
    assert result.status == "SUCCESSFUL"
    assert len(mail.outbox) == 1
    assert mail.outbox[0].subject == "Nhắc hạn báo cáo"


def test_the_database_queue_and_db_worker_run_a_queued_task(tmp_path: object) -> None:
    env = {
        "DANGVU_DEBUG": "true",
        "DATABASE_URL": f"sqlite:///{tmp_path}/queue.sqlite3",
        "DANGVU_EMAIL_URL": "console://",
    }
    assert _run(env, "migrate", "-v0").returncode == 0
    enqueue = (
        "from dangvu.core.tasks import send_email; "
        "r = send_email.enqueue(subject='Kiểm tra hàng đợi', body='x', to=['a@example.org']); print(r.status)"
    )
    queued = _run(env, "shell", "-c", enqueue)
    assert queued.stdout.strip().endswith("READY"), queued.stderr
    worker = _run(env, "db_worker", "--batch", "--no-startup-delay")
    assert worker.returncode == 0, worker.stderr
    assert "Subject: =?utf-8?" in worker.stdout  # the console mail backend printed the mail
    assert "state=SUCCESSFUL" in worker.stderr
    status = _run(
        env, "shell", "-c", "from django_tasks_db.models import DBTaskResult; print(DBTaskResult.objects.get().status)"
    )
    assert status.stdout.strip().endswith("SUCCESSFUL")


@pytest.mark.parametrize("missing", ["DANGVU_SECRET_KEY", "DANGVU_ALLOWED_HOSTS"])
def test_nothing_serves_without_a_secret_key_and_host_names(missing: str, tmp_path: object) -> None:
    env = {
        "DANGVU_DEBUG": "false",
        "DANGVU_SECRET_KEY": secrets.token_urlsafe(48),
        "DANGVU_ALLOWED_HOSTS": "dangvu.example.org",
        "DATABASE_URL": f"sqlite:///{tmp_path}/x.sqlite3",
    }
    del env[missing]
    for args in (["runserver", "--noreload"], ["db_worker"]):
        result = _run(env, *args)
        assert result.returncode != 0 and missing in result.stderr
    full_env = {k: v for k, v in os.environ.items() if not k.startswith(("DANGVU_", "DATABASE_URL", "DJANGO_"))}
    wsgi = subprocess.run(
        [sys.executable, "-c", "import dangvu.wsgi"],
        env={**full_env, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert wsgi.returncode != 0 and missing in wsgi.stderr


def test_commands_that_need_no_secret_run_without_one(tmp_path: object) -> None:
    result = _run({"DATABASE_URL": f"sqlite:///{tmp_path}/x.sqlite3"}, "makemigrations", "--check", "--dry-run")
    assert result.returncode == 0, result.stderr
    assert "No changes detected" in result.stdout
