"""Rows of the role matrix (organization/tests/test_access.py) for the search page: open to every signed-in
role (what it finds is filtered per record, see test_search.py)."""

from __future__ import annotations

from typing import Any

from dangvu.conftest import ROLES

AUTHED = [r for r in ROLES if r != "anonymous"]

MATRIX: dict[str, tuple[str, Any, dict[str, int]]] = {
    "search:results": ("get", None, dict.fromkeys(AUTHED, 200)),
}
