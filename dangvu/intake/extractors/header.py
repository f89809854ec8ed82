"""The header of a Party (or State) document: number and symbol, date, type and issuer, for the register to propose.

Pure functions over plain text (the lines of a DOCX, or a PDF's text layer); a person confirms what they return.
Party style is "Số 15-BC/ĐU" (HD 36-HD/VPTW); State style "Số: 15/BC-UBND" is read too.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field

from dangvu.lib.vn_text import clean, fold

# the title word (folded) -> the type's abbreviation (documents.models.DocType values)
TITLE_TYPES: dict[str, str] = {
    "nghi quyet": "NQ",
    "quyet dinh": "QĐ",
    "quy dinh": "QĐ",
    "quy che": "QC",
    "chi thi": "CT",
    "ket luan": "KL",
    "huong dan": "HD",
    "bao cao": "BC",
    "ke hoach": "KH",
    "chuong trinh": "CTr",
    "thong bao": "TB",
    "to trinh": "TTr",
    "de an": "ĐA",
    "cong van": "CV",
    "bien ban": "BB",
}
# an abbreviation as printed (folded) -> the canonical one
SYMBOL_TYPES: dict[str, str] = {fold(v): v for v in TITLE_TYPES.values()}

_PARTY_NUMBER = re.compile(r"Số\s*:?\s*(\d{1,5})\s*[-–]\s*([A-Za-zĐđ]{1,4})\s*/\s*([^\s,;]+)", re.IGNORECASE)
_STATE_NUMBER = re.compile(r"Số\s*:?\s*(\d{1,5})\s*/\s*([A-Za-zĐđ]{1,4})\s*[-–]\s*([^\s,;]+)", re.IGNORECASE)
_DATE = re.compile(r"ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})", re.IGNORECASE)
_NUMERIC_DATE = re.compile(r"ngày\s+(\d{1,2})\s*/\s*(\d{1,2})\s*/\s*(\d{4})", re.IGNORECASE)
_ISSUER = re.compile(
    r"^(ĐẢNG\s+ỦY|ĐẢNG\s+UỶ|BAN\s+THƯỜNG\s+VỤ|BAN\s+CHẤP\s+HÀNH|CHI\s+BỘ|ỦY\s+BAN|UỶ\s+BAN|BAN|VĂN\s+PHÒNG)\b"
)
_SKIP = re.compile(r"^(ĐẢNG\s+CỘNG\s+SẢN\s+VIỆT\s+NAM|CỘNG\s+HÒA|CỘNG\s+HOÀ|Độc\s+lập|\*+$|-+$)", re.IGNORECASE)
_PARTY_TITLE = re.compile(r"ĐẢNG\s+CỘNG\s+SẢN\s+VIỆT\s+NAM")
_BODY_START = re.compile(r"^(Căn\s+cứ|Thực\s+hiện|Kính\s+gửi|I\.|1\.|Phần\s+)", re.IGNORECASE)


@dataclass
class Header:
    """What the register proposes from a document's first lines."""

    number: int | None = None
    symbol: str = ""
    doc_type: str = ""
    date: datetime.date | None = None
    place: str = ""
    issuer: str = ""
    upper_body: str = ""
    summary: str = ""
    found: list[str] = field(default_factory=list)


def _lines(text: str) -> list[str]:
    return [line for line in (clean(raw) for raw in clean(text).split("\n")) if line]


def _is_upper(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def _name_lines(lines: list[str]) -> list[str]:
    """The upper-case lines that continue an organization's name, up to the first that is something else."""
    taken: list[str] = []
    for raw in lines:
        line = _PARTY_TITLE.sub(" ", raw).strip()
        folded = fold(line)
        if (
            not line
            or not _is_upper(line)
            or _SKIP.match(line)
            or _PARTY_NUMBER.search(line)
            or folded in TITLE_TYPES
            or (taken and _ISSUER.match(line) and line.startswith("ĐẢNG"))
        ):
            break
        taken.append(line)
    return taken


def parse_header(text: str, *, head_lines: int = 40) -> Header:
    """Read the header of a document: "Số 15-BC/ĐU", "Hà Nội, ngày 17 tháng 01 năm 2020", "BÁO CÁO", ..."""
    lines = _lines(text)[:head_lines]
    header = Header()
    title_at: int | None = None
    for index, raw in enumerate(lines):
        # a PDF's text layer may put both header columns on one line: read each part on its own
        line = _PARTY_TITLE.sub(" ", raw).strip()
        if not header.symbol:
            match = _PARTY_NUMBER.search(line)
            state = _STATE_NUMBER.search(line) if not match else None
            found_number = match or state
            if found_number:
                number, kind, body = found_number.groups()
                pattern = "{n:02d}-{k}/{b}" if match else "{n:02d}/{k}-{b}"
                header.symbol = pattern.format(n=int(number), k=kind, b=body)
                header.number = int(number)
                header.doc_type = SYMBOL_TYPES.get(fold(kind), "")
                header.found.append("symbol")
                line = (line[: found_number.start()] + " " + line[found_number.end() :]).strip()
        if header.date is None:
            found = _DATE.search(line) or _NUMERIC_DATE.search(line)
            if found:
                day, month, year = (int(g) for g in found.groups())
                try:
                    header.date = datetime.date(year, month, day)
                except ValueError:
                    pass
                else:
                    header.place = line[: found.start()].strip(" ,*")
                    header.found.append("date")
                    line = ""
        if not line:
            continue
        if not header.issuer and _ISSUER.match(line) and _is_upper(line):
            # a long name wraps over several lines in a narrow header column (and in a PDF's text layer)
            header.issuer = " ".join([line, *_name_lines(lines[index + 1 :])])
            header.upper_body = " ".join(reversed(_name_lines(lines[:index][::-1])))
            header.found.append("issuer")
            continue
        folded = fold(line)
        if title_at is None and _is_upper(line) and folded in TITLE_TYPES:
            title_at = index
            if not header.doc_type:
                header.doc_type = TITLE_TYPES[folded]
            header.found.append("type")
    if title_at is not None:
        summary: list[str] = []
        for line in lines[title_at + 1 : title_at + 5]:
            if _BODY_START.match(line) or line.startswith("-") or _SKIP.match(line):
                break
            summary.append(line)
            if line.endswith("."):
                break
        header.summary = " ".join(summary).strip()
    else:
        # a công văn carries its trích yếu under the number: "V/v ..."
        for line in lines:
            if fold(line).startswith("v/v"):
                header.summary = line[3:].strip(" :")
                if not header.doc_type:
                    header.doc_type = "CV"
                break
    return header
