"""Rows of the role matrix (organization/tests/test_access.py) for the rating pages.

The record inside: the 2019 cycle of "Đảng bộ Thử nghiệm", the rating of Đặng Thị Lan (member_a2, the "member"
user) in Chi bộ A, the collective rating of Chi bộ A. Outside: the cycle of "Đảng bộ khác", Trần Văn Xa, Chi bộ X.
"""

from __future__ import annotations

from typing import Any

from dangvu.conftest import ROLES, Cast
from dangvu.rating.tests.helpers import collective, cycle, rating

AUTHED = [r for r in ROLES if r != "anonymous"]
READERS = ["office", "committee", "inspection", "observer"]


def _all(status: int) -> dict[str, int]:
    return dict.fromkeys(AUTHED, status)


def _cycle(c: Cast, inside: bool) -> dict[str, Any]:
    return {"pk": cycle(c, inside=inside).pk}


def _cell(c: Cast, inside: bool) -> dict[str, Any]:
    return {"pk": cycle(c, inside=inside).pk, "cell_pk": (c.cell_a if inside else c.cell_x).pk}


def _rating(c: Cast, inside: bool) -> dict[str, Any]:
    return {"pk": rating(c, inside=inside).pk}


def _collective(c: Cast, inside: bool) -> dict[str, Any]:
    return {"pk": collective(c, inside=inside).pk}


def _only(role: str, status: int = 200, **others: int) -> dict[str, int]:
    return {**_all(403), role: status, "outsider": 404, **others}


READ = {**_all(200), "outsider": 404}
CELL_TABLE = {**_all(200), "member": 403, "outsider": 404}

MATRIX: dict[str, tuple[str, Any, dict[str, int]]] = {
    "rating:cycle_list": ("get", None, {**_all(200), "outsider": 403}),
    "rating:cycle_create": ("get", None, {**_all(403), "office": 200}),
    "rating:cycle_detail": ("get", _cycle, READ),
    "rating:cycle_close": ("post", _cycle, _only("office", 302)),
    "rating:cycle_export": ("get", _cycle, {**_all(200), "cell_secretary": 403, "member": 403, "outsider": 404}),
    "rating:cell_detail": ("get", _cell, CELL_TABLE),
    "rating:cell_export": ("get", _cell, CELL_TABLE),
    "rating:collective_list": ("get", _cycle, READ),
    "rating:rating_detail": ("get", _rating, READ),
    "rating:rating_self": ("get", _rating, _only("member")),
    "rating:rating_review": ("get", _rating, _only("cell_secretary")),
    "rating:rating_decide": ("get", _rating, _only("committee")),
    "rating:rating_docx": ("get", _rating, READ),
    "rating:collective_self": ("get", _collective, _only("cell_secretary", member=404)),
    "rating:collective_propose": ("get", _collective, _only("office", member=404)),
    "rating:collective_decide": ("get", _collective, _only("committee", member=404)),
    "rating:my_rating": ("get", None, _all(200)),
    "rating:commitment_list": ("get", None, {**_all(200), "outsider": 403}),
    "rating:commitment_create": ("get", None, {**_all(403), "office": 200, "member": 200}),
}
