"""Where each proposal came from: character offsets of the extractor's items in the source text.

The extractor returns items as spans of the text with small changes (a leading connective dropped, the first
letter capitalised, runs of spaces joined), so an item is found again by its words in order, case-insensitive,
with any whitespace between them. Lists are searched forward from the previous item of the same list, which keeps
the work linear in the text; an item not found gets no span (it is still proposed, only not highlighted).
"""

from __future__ import annotations

import datetime
import re
from typing import Any

Span = tuple[int, int]


def _pattern(item: str) -> re.Pattern[str] | None:
    words = item.split()
    if not words:
        return None
    return re.compile(r"\s+".join(re.escape(w) for w in words), re.IGNORECASE)


def _overlaps(span: Span, taken: list[Span]) -> bool:
    return any(span[0] < end and start < span[1] for start, end in taken)


def find_span(text: str, item: str, *, start: int = 0, taken: list[Span] | None = None) -> Span | None:
    """The first place at or after `start` where `item` is written, not overlapping `taken`; None if nowhere."""
    pattern = _pattern(item)
    if pattern is None:
        return None
    position = start
    while True:
        match = pattern.search(text, position)
        if match is None:
            return None
        span = (match.start(), match.end())
        if not taken or not _overlaps(span, taken):
            return span
        position = match.start() + 1


def _date_spellings(iso: str) -> list[str]:
    try:
        day = datetime.date.fromisoformat(iso)
    except ValueError:
        return []
    d, m, y = day.day, day.month, day.year
    return [
        f"{d:02d}/{m:02d}/{y}",
        f"{d}/{m}/{y}",
        f"{d:02d}-{m:02d}-{y}",
        f"{d}-{m}-{y}",
        f"ngày {d} tháng {m} năm {y}",
        f"ngày {d:02d} tháng {m:02d} năm {y}",
        f"{d}/{m}",
        f"{d:02d}/{m:02d}",
    ]


def add_spans(text: str, result: dict[str, Any]) -> dict[str, Any]:
    """Add a "span" [start, end] (or None) to every item of an extractor result, in the page's proposal shape.

    Statements are plain strings in the extractor's output; here each becomes {"text": ..., "span": ...}.
    Statements are placed first, then the people at a mention outside every statement if there is one (so
    each highlight is its own), then the event date.
    """
    taken: list[Span] = []
    out: dict[str, Any] = {key: value for key, value in result.items() if key not in ("people", "event")}
    for key in ("achievements", "shortcomings"):
        cursor = 0
        items = []
        for item in result.get(key, []):
            span = find_span(text, item, start=cursor, taken=taken) or find_span(text, item, taken=taken)
            if span:
                taken.append(span)
                cursor = span[1]
            items.append({"text": item, "span": list(span) if span else None})
        out[key] = items
    cursor = 0
    directives = []
    for directive in result.get("directives", []):
        span = find_span(text, directive["text"], start=cursor, taken=taken) or find_span(
            text, directive["text"], taken=taken
        )
        if span:
            taken.append(span)
            cursor = span[1]
        directives.append({**directive, "span": list(span) if span else None})
    out["directives"] = directives
    people = []
    for person in result.get("people", []):
        span = find_span(text, person["name"], taken=taken)
        if span:
            taken.append(span)
        people.append({**person, "span": list(span) if span else None})
    out["people"] = people
    event = dict(result.get("event", {}))
    event["span"] = None
    for spelling in _date_spellings(event.get("date") or ""):
        span = find_span(text, spelling, taken=taken)
        if span:
            taken.append(span)
            event["span"] = list(span)
            break
    out["event"] = event
    return out


def segments(text: str, marks: list[tuple[int, int, str, str]]) -> list[tuple[str, str, str]]:
    """Cut `text` into (piece, mark id, kind) for the page; pieces outside every mark have an empty id.

    `marks` are (start, end, id, kind); a mark overlapping one already placed is left out (spans edited by hand
    can overlap).
    """
    pieces: list[tuple[str, str, str]] = []
    position = 0
    for start, end, mark_id, kind in sorted(marks):
        if start < position or end > len(text) or start >= end:
            continue
        if start > position:
            pieces.append((text[position:start], "", ""))
        pieces.append((text[start:end], mark_id, kind))
        position = end
    if position < len(text):
        pieces.append((text[position:], "", ""))
    return pieces
