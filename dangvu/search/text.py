"""Tìm kiếm: the text side of search, the same on both databases. No database access.

Stored text and queries go through the same two functions: `words` (the NFC, lower-cased words, diacritics
kept: for "exact" matches) and `folded_words` (the same words folded with vn_text.fold: đ→d, marks removed).
Both full-text engines only ever see folded words joined by single spaces, so SQLite's FTS5 tokenizer and
PostgreSQL's `simple` parser split them the same way, and no user character can reach either query syntax.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from dangvu.lib.vn_text import fold, nfc

MAX_QUERY_LENGTH = 200
MAX_TERMS = 12
# Letters a word needs before the search tries it as the start of longer words. "c" or "ng" as a prefix
# match most of a province and say nothing: "c" matched 841,343 of its 971,733 entries, 3.7 s on SQLite and
# 8 s on PostgreSQL for the office (docs/performance.md).
MIN_PREFIX = 3
_WORD = re.compile(r"[^\W_]+")
_QUOTED = re.compile(r'"([^"]*)"')


def words(text: str | None) -> list[str]:
    """The words of `text`, NFC and lower-cased, diacritics kept ("Đảng ủy," → ["đảng", "ủy"])."""
    return _WORD.findall(nfc(text or "").lower())


def folded_words(text: str | None) -> list[str]:
    """The words of `text` folded ("Đảng ủy," → ["dang", "uy"]): what the full-text index holds."""
    return fold(" ".join(words(text))).split()


def padded(tokens: list[str]) -> str:
    """Words joined by spaces with a space at each end, so that " word " matches whole words only."""
    return f" {' '.join(tokens)} " if tokens else ""


@dataclass
class Part:
    """One term of a query: a word or a quoted phrase (several words in this order)."""

    exact: list[str]  # NFC lower-cased words, diacritics kept
    folded: list[str]

    @property
    def exact_text(self) -> str:
        return " ".join(self.exact)

    @property
    def folded_text(self) -> str:
        return " ".join(self.folded)

    @property
    def prefixable(self) -> bool:
        """Whether the prefix search tries its last word as the start of longer words (MIN_PREFIX)."""
        return len(self.folded[-1]) >= MIN_PREFIX


@dataclass
class Query:
    """A parsed query. `error` is a message for the user when the query cannot be run (too long)."""

    raw: str
    parts: list[Part] = field(default_factory=list)
    error: str = ""

    @property
    def empty(self) -> bool:
        return not self.parts

    @property
    def prefixable(self) -> bool:
        """Whether a prefix search would differ from the exact one: a part long enough to be a prefix."""
        return any(part.prefixable for part in self.parts)

    def fts5(self, *, prefix: bool = False) -> str:
        """An FTS5 MATCH expression: every part double-quoted (a phrase), all parts required; with `prefix`, the
        last word of each part long enough as the start of longer words too."""
        return " AND ".join(f'"{p.folded_text}"' + ("*" if prefix and p.prefixable else "") for p in self.parts)

    def tsquery(self, *, prefix: bool = False) -> str:
        """A PostgreSQL to_tsquery expression: phrases with <->, all parts required (&); `prefix` as fts5()."""
        return " & ".join(
            "("
            + " <-> ".join(
                f"'{w}'" + (":*" if prefix and p.prefixable and i == len(p.folded) - 1 else "")
                for i, w in enumerate(p.folded)
            )
            + ")"
            for p in self.parts
        )


def parse(raw: str | None, *, too_long: str = "") -> Query:
    """Split a query into quoted phrases and single words; anything else (FTS syntax, punctuation) is dropped."""
    text = nfc(raw or "").strip()
    query = Query(raw=text)
    if len(text) > MAX_QUERY_LENGTH:
        query.error = too_long
        return query
    chunks: list[tuple[str, bool]] = []
    last = 0
    for match in _QUOTED.finditer(text):
        chunks.append((text[last : match.start()], False))
        chunks.append((match.group(1), True))
        last = match.end()
    chunks.append((text[last:].replace('"', " "), False))
    seen: set[str] = set()
    for chunk, phrase in chunks:
        exact = words(chunk)
        groups = [exact] if phrase else [[w] for w in exact]
        for group in groups:
            folded = [fold(w) for w in group]
            if not group or not all(folded) or " ".join(group) in seen:
                continue
            seen.add(" ".join(group))
            query.parts.append(Part(exact=group, folded=folded))
    query.parts = query.parts[:MAX_TERMS]
    return query


# --- snippets -------------------------------------------------------------------------------------------


def _fold_char(ch: str) -> str:
    lowered = ch.lower().replace("đ", "d")
    return "".join(c for c in unicodedata.normalize("NFD", lowered) if not unicodedata.combining(c))


class _FoldTable(dict[int, str]):
    """str.translate's table: each character's fold, computed on first sight. The characters that do not fold
    to exactly one character (a lone combining mark, say) go into _UNEVEN."""

    def __missing__(self, code: int) -> str:
        folded = _fold_char(chr(code))
        if len(folded) != 1:
            _UNEVEN.add(chr(code))
        self[code] = folded
        return folded


_FOLD = _FoldTable()
_UNEVEN: set[str] = set()


def _folded_with_map(text: str) -> tuple[str, list[int] | None]:
    """The text folded character by character, and for each folded character the index it came from (None when
    every character folded to one: the indexes are the same). In C through str.translate: an attachment's
    65,000 characters took 41 ms character by character in Python (6.7 ms now), 50 results' snippets 2 s."""
    folded = text.translate(_FOLD)
    if _UNEVEN.isdisjoint(text):
        return folded, None
    where = [i for i, ch in enumerate(text) for _c in _FOLD[ord(ch)]]
    return folded, where


def _spans(text: str, query: Query) -> list[tuple[int, int]]:
    folded, where = _folded_with_map(text)
    spans: list[tuple[int, int]] = []
    for part in query.parts:
        pattern = r"(?<![^\W_])" + r"[\W_]+".join(re.escape(w) for w in part.folded) + r"(?![^\W_])"
        for m in re.finditer(pattern, folded):
            if m.end() > m.start():
                start, last = (m.start(), m.end() - 1) if where is None else (where[m.start()], where[m.end() - 1])
                spans.append((start, last + 1))
    spans.sort()
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and (start <= merged[-1][1] or not text[merged[-1][1] : start].strip()):
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def highlight(text: str, query: Query, *, width: int = 220) -> SafeString:
    """A piece of `text` around the first match (or its beginning), every match in <mark>; HTML-escaped."""
    text = " ".join((text or "").split())
    spans = _spans(text, query)
    if spans:
        start = max(0, spans[0][0] - width // 3)
        if start:
            space = text.find(" ", start)
            start = space + 1 if 0 <= space < spans[0][0] else start
    else:
        start = 0
    end = min(len(text), start + width)
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > (spans[0][1] if spans else start) else end
    pieces: list[str] = ["…" if start else ""]
    cursor = start
    for s, e in spans:
        if e <= start or s >= end:
            continue
        s, e = max(s, start), min(e, end)
        pieces.append(str(escape(text[cursor:s])))
        pieces.append(f"<mark>{escape(text[s:e])}</mark>")
        cursor = e
    pieces.append(str(escape(text[cursor:end])))
    if end < len(text):
        pieces.append("…")
    return mark_safe("".join(pieces))  # noqa: S308 - every piece of user text above went through escape()
