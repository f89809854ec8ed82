"""Vietnamese text helpers: NFC normalisation and the diacritics fold used by every search.

Pure functions, no Django imports.
"""

from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"[^\S\n]+")
_BLANK_LINES = re.compile(r"\n{3,}")


def nfc(text: str) -> str:
    """Return the text in NFC, the form every stored string uses (keyboards send NFD too)."""
    return unicodedata.normalize("NFC", text)


def clean(text: str | None) -> str:
    """NFC, trimmed, runs of spaces collapsed to one; line breaks kept (a note's paragraphs are the user's)."""
    if not text:
        return ""
    lines = (_SPACES.sub(" ", line).strip() for line in nfc(text).replace("\r\n", "\n").split("\n"))
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


def fold(text: str | None) -> str:
    """Lower-case, strip every diacritic and map đ→d: "Đặng Thị Hồng" → "dang thi hong".

    Unicode decomposition does not split "đ" (it is a letter of its own), hence the explicit map.
    """
    if not text:
        return ""
    lowered = " ".join(clean(text).split()).lower().replace("đ", "d")
    decomposed = unicodedata.normalize("NFD", lowered)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def given_name_sort_key(full_name: str) -> str:
    """Vietnamese lists sort by the given name (the last word), then by the whole name."""
    folded = fold(full_name)
    given = folded.rsplit(" ", 1)[-1] if folded else ""
    return f"{given} {folded}"
