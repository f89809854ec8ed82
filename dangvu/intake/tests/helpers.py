"""Reading a page's form as a browser would submit it, so tests post what the person saw and changed."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from typing import Any

REFERENCE = Path(__file__).resolve().parents[1] / "evalset" / "articles" / "00-tcgdnn-2019.txt"


class _FormReader(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.inside = False
        self.all: list[dict[str, Any]] = []
        self.data: dict[str, Any] = {}
        self._textarea: str | None = None
        self._select: str | None = None
        self._first_option: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form" and a.get("method", "").lower() == "post":
            self.inside = True
            self.data = {}
            self.all.append(self.data)
        if not self.inside:
            return
        name = a.get("name", "")
        if tag == "input" and name and a.get("type") not in ("submit", "file"):
            if a.get("type") == "checkbox":
                if "checked" in a:
                    self.data[name] = "on"
            else:
                self.data[name] = a.get("value", "")
        elif tag == "textarea" and name:
            self._textarea = name
            self.data[name] = ""
        elif tag == "select" and name:
            self._select, self._first_option = name, None
        elif tag == "option" and self._select:
            if self._first_option is None:
                self._first_option = a.get("value", "")
                self.data.setdefault(self._select, self._first_option)
            if "selected" in a:
                self.data[self._select] = a.get("value", "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self.inside = False
        elif tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None

    def handle_data(self, data: str) -> None:
        if self.inside and self._textarea:
            self.data[self._textarea] += data


def form_data(html: str, containing: str) -> dict[str, Any]:
    """The fields of the page's POST form that has the field `containing`, with their current values."""
    reader = _FormReader()
    reader.feed(html)
    data = next(form for form in reader.all if containing in form)
    for key, value in data.items():
        # a textarea's content starts with the newline Django's widget writes after the tag
        if isinstance(value, str) and value.startswith("\n"):
            data[key] = value[1:]
    return data
