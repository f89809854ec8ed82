"""Rows of the role matrix (organization/tests/test_access.py) for inspection and supervision pages.

The record inside: a thematic inspection of Chi bộ A in the Đảng ủy's 2019 program (not confidential).
Confidential records have their own tests (test_confidential.py).
"""

from __future__ import annotations

from typing import Any

from dangvu.conftest import ROLES, Cast
from dangvu.supervision.models import Activity
from dangvu.supervision.tests.helpers import activity, run_to

AUTHED = [r for r in ROLES if r != "anonymous"]


def _all(status: int) -> dict[str, int]:
    return dict.fromkeys(AUTHED, status)


def _activity(c: Cast, inside: bool) -> Activity:
    return activity(c, inside=inside)


def _act(c: Cast, inside: bool) -> dict[str, Any]:
    return {"pk": _activity(c, inside).pk}


def _program(c: Cast, inside: bool) -> dict[str, Any]:
    return {"pk": _activity(c, inside).program_id}


def _concluded(c: Cast, inside: bool) -> dict[str, Any]:
    return {"pk": run_to(_activity(c, inside), Activity.State.CONCLUDED).pk}


def _rec(c: Cast, inside: bool) -> dict[str, Any]:
    act = run_to(_activity(c, inside), Activity.State.FOLLOW_UP)
    return {"pk": act.findings.get().recommendations.get().pk}


READ = {**_all(200), "member": 404, "outsider": 404}
MANAGE = {**_all(403), "office": 200, "committee": 200, "member": 404, "outsider": 404}

MATRIX: dict[str, tuple[str, Any, dict[str, int]]] = {
    "supervision:program_list": ("get", None, {**_all(200), "outsider": 403}),
    "supervision:program_create": (
        "get",
        None,
        {**_all(403), **dict.fromkeys(["office", "committee", "inspection", "cell_secretary"], 200)},
    ),
    "supervision:program_detail": ("get", _program, READ),
    "supervision:program_export": ("get", _program, READ),
    "supervision:program_issue": ("post", _program, {**MANAGE, "office": 302, "committee": 302}),
    "supervision:activity_create": ("get", _program, MANAGE),
    "supervision:activity_detail": ("get", _act, READ),
    "supervision:activity_advance": ("get", _act, MANAGE),
    "supervision:finding_add": ("get", _act, MANAGE),
    "supervision:recommendation_add": ("get", _act, MANAGE),
    "supervision:activity_notice": ("get", _concluded, READ),
    "supervision:follow_up_add": ("get", _rec, MANAGE),
    "supervision:recommendation_task": ("post", _rec, {**MANAGE, "office": 302, "committee": 302}),
    "supervision:coverage": (
        "get",
        None,
        {**_all(403), **dict.fromkeys(["office", "committee", "inspection", "observer"], 200)},
    ),
}
