"""Rows of the role matrix (organization/tests/test_access.py) for the annual summary report.

The record inside: the 2019 draft report of the cast's Đảng bộ (root); outside: the other Đảng bộ's.
Office drafts, committee finalises, inspection and observer read; a cell secretary and a member belong to
the organization but get 403; a record outside the scope is a 404 for everyone.
"""

from __future__ import annotations

from typing import Any

from dangvu.annual.tests.helpers import make_report
from dangvu.conftest import ROLES, Cast

AUTHED = [r for r in ROLES if r != "anonymous"]


def _all(status: int) -> dict[str, int]:
    return dict.fromkeys(AUTHED, status)


def _report(c: Cast, inside: bool) -> dict[str, Any]:
    return {"pk": make_report(c.root if inside else c.other_root).pk}


def _section(c: Cast, inside: bool) -> dict[str, Any]:
    return {**_report(c, inside), "key": "lessons"}


READ = {**_all(200), "cell_secretary": 403, "member": 403, "outsider": 404}
WRITE = {**_all(403), "outsider": 404}

MATRIX: dict[str, tuple[str, Any, dict[str, int]]] = {
    "annual:report_list": ("get", None, {**_all(200), "cell_secretary": 403, "member": 403, "outsider": 403}),
    "annual:report_create": ("get", None, {**_all(403), "office": 200}),
    "annual:report_detail": ("get", _report, READ),
    "annual:section_save": ("post", _section, {**WRITE, "office": 302}),
    "annual:report_refresh": ("post", _report, {**WRITE, "office": 302}),
    "annual:report_finalise": ("post", _report, {**WRITE, "committee": 302}),
    "annual:report_versions": ("get", _report, READ),
    "annual:report_compare": ("get", _report, READ),
    "annual:report_docx": ("get", _report, READ),
    "annual:report_xlsx": ("get", _report, READ),
    "annual:conference_open": ("get", _report, {**WRITE, "office": 200}),
}
