"""Rows of the role matrix for planning pages (merged by organization/tests/test_access.py).

Each builder makes the record it needs, inside cell A (or the root) or outside, in Chi bộ X.
"""

from __future__ import annotations

from typing import Any

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from dangvu.conftest import ROLES, Cast
from dangvu.core.audit import acting_as
from dangvu.planning import services
from dangvu.planning.models import ProgressUpdate
from dangvu.planning.tests.factories import make_plan, make_resolution, make_task

AUTHED = [r for r in ROLES if r != "anonymous"]
EDITORS = ["office", "committee", "cell_secretary"]
EVIDENCE_NAME = "planning/evidence/test/matrix.pdf"


def _all(status: int) -> dict[str, int]:
    return dict.fromkeys(AUTHED, status)


def _cell(c: Cast, inside: bool) -> Any:
    return c.cell_a if inside else c.cell_x


def _plan(c: Cast, inside: bool) -> dict[str, int]:
    return {"pk": make_plan(_cell(c, inside)).pk}


def _submitted_plan(c: Cast, inside: bool) -> dict[str, int]:
    plan = make_plan(_cell(c, inside))
    with acting_as(None, source="test"):
        services.plan_submit(plan=plan, user=None)
    return {"pk": plan.pk}


def _task(c: Cast, inside: bool) -> dict[str, int]:
    return {"pk": make_task(_cell(c, inside), lead=c.member_a2 if inside else c.member_x).pk}


def _evidence(c: Cast, inside: bool) -> dict[str, int]:
    task = make_task(_cell(c, inside))
    with acting_as(None, source="test"):
        update = services.progress_add(task=task, user=None, date=task.start_date, percent=10)
    # one fixed file, so the matrix does not leave a new upload behind on every run
    if not default_storage.exists(EVIDENCE_NAME):
        default_storage.save(EVIDENCE_NAME, ContentFile(b"%PDF-1.4 minh chung"))
    ProgressUpdate.objects.filter(pk=update.pk).update(evidence=EVIDENCE_NAME)
    return {"pk": update.pk}


def _resolution(c: Cast, inside: bool) -> dict[str, int]:
    return {"pk": make_resolution(c.root if inside else c.other_root).pk}


READ = {**_all(200), "outsider": 404}
EDIT = {**_all(403), **dict.fromkeys(EDITORS, 200), "outsider": 404}

MATRIX: dict[str, tuple[str, Any, dict[str, int]]] = {
    "planning:overview": ("get", None, _all(200)),
    "planning:plan_create": ("get", None, {**_all(403), **dict.fromkeys(EDITORS, 200)}),
    "planning:plan_detail": ("get", _plan, READ),
    "planning:plan_edit": ("get", _plan, EDIT),
    "planning:plan_timeline": ("get", _plan, READ),
    "planning:plan_export": ("get", _plan, READ),
    "planning:plan_import": ("get", _plan, EDIT),
    "planning:plan_submit": ("post", _plan, {**_all(403), **dict.fromkeys(EDITORS, 302), "outsider": 404}),
    "planning:plan_approve": (
        "post",
        _submitted_plan,
        {**_all(403), "office": 302, "committee": 302, "outsider": 404},
    ),
    "planning:plan_return": (
        "post",
        _submitted_plan,
        {**_all(403), "office": 302, "committee": 302, "outsider": 404},
    ),
    "planning:my_tasks": ("get", None, _all(200)),
    "planning:overdue": ("get", None, _all(200)),
    "planning:task_create": ("get", None, {**_all(403), **dict.fromkeys(EDITORS, 200)}),
    "planning:task_detail": ("get", _task, READ),
    "planning:task_edit": ("get", _task, EDIT),
    "planning:progress_add": ("get", _task, {**EDIT, "member": 200}),
    "planning:evidence": ("get", _evidence, READ),
    "planning:resolution_list": ("get", None, _all(200)),
    "planning:resolution_create": ("get", None, {**_all(403), "office": 200, "committee": 200}),
    "planning:resolution_detail": ("get", _resolution, READ),
}
