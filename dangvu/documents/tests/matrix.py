"""Rows of the role matrix (organization/tests/test_access.py) for the document register.

The record inside: a normal incoming document in the Đảng ủy's register (a cell secretary reads only their cell's
register, so it is a 404 for them). Secret documents have their own tests (test_views.py).
"""

from __future__ import annotations

from typing import Any

from dangvu.conftest import ROLES, Cast
from dangvu.documents.tests.helpers import attached, incoming

AUTHED = [r for r in ROLES if r != "anonymous"]


def _all(status: int) -> dict[str, int]:
    return dict.fromkeys(AUTHED, status)


def _doc(c: Cast, inside: bool) -> dict[str, Any]:
    return {"pk": incoming(c, inside=inside).pk}


def _file(c: Cast, inside: bool) -> dict[str, Any]:
    return {"pk": attached(c, inside=inside).pk}


LIST = {**_all(200), "member": 403, "outsider": 403}
OFFICE_ONLY = {**_all(403), "office": 200}
READ = {**_all(200), "cell_secretary": 404, "member": 404, "outsider": 404}
WRITE = {**_all(403), "office": 200, "cell_secretary": 404, "member": 404, "outsider": 404}
WRITE_POST = {**WRITE, "office": 302}

MATRIX: dict[str, tuple[str, Any, dict[str, int]]] = {
    "documents:document_list": ("get", None, LIST),
    "documents:book_xlsx": ("get", None, LIST),
    "documents:book_docx": ("get", None, LIST),
    "documents:incoming_create": ("get", None, OFFICE_ONLY),
    "documents:outgoing_create": ("get", None, OFFICE_ONLY),
    "documents:document_detail": ("get", _doc, READ),
    "documents:document_edit": ("get", _doc, WRITE),
    "documents:document_archive": ("post", _doc, WRITE_POST),
    "documents:file_add": ("post", _doc, WRITE_POST),
    "documents:file_download": ("get", _file, READ),
}
