"""Rows of the role matrix (organization/tests/test_access.py) for the intake pages.

The office and the committee members of a Đảng bộ take in reports; the other roles that see the Đảng bộ get 403;
a role that does not see it (a cell's secretary or member, an outsider) gets 404 on its drafts.
"""

from __future__ import annotations

from typing import Any

from dangvu.conftest import ROLES, Cast
from dangvu.core.audit import acting_as
from dangvu.intake import services
from dangvu.intake.models import IntakeDraft

AUTHED = [r for r in ROLES if r != "anonymous"]
TEXT = "Sáng 17/01/2020, Đảng bộ Thử nghiệm tổ chức Hội nghị tổng kết công tác Đảng năm 2019."


def _all(status: int) -> dict[str, int]:
    return dict.fromkeys(AUTHED, status)


def draft_of(cast: Cast, inside: bool) -> IntakeDraft:
    org = cast.root if inside else cast.other_root
    found = IntakeDraft.objects.filter(org=org).first()
    if found is not None:
        return found
    with acting_as(None, source="test"):
        return services.draft_create(org=org, text=TEXT, user=None)


def _d(cast: Cast, inside: bool) -> dict[str, Any]:
    return {"pk": draft_of(cast, inside).pk}


_WRITERS = {"office": 200, "committee": 200}
_SEES_ROOT = {"inspection": 403, "observer": 403}
_BLIND = {"cell_secretary": 404, "member": 404, "outsider": 404}

MATRIX: dict[str, tuple[str, Any, dict[str, int]]] = {
    "intake:draft_list": ("get", None, {**_all(403), **_WRITERS}),
    "intake:draft_create": ("get", None, {**_all(403), **_WRITERS}),
    "intake:draft_detail": ("get", _d, {**_WRITERS, **_SEES_ROOT, **_BLIND}),
    "intake:draft_discard": ("post", _d, {"office": 302, "committee": 302, **_SEES_ROOT, **_BLIND}),
}
