"""Writes of the document register: outgoing numbers (one locked row per sequence, so two clerks never get the
same number), incoming entries, attachments with their text, and links to the records a document concerns.
"""

from __future__ import annotations

import datetime
import io
import re
from collections.abc import Iterable
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from dangvu.core.uploads import validate_upload
from dangvu.documents.models import (
    Confidentiality,
    DocType,
    Document,
    DocumentFile,
    DocumentLink,
    IssuedNumber,
    NumberSequence,
)
from dangvu.lib.vn_text import clean, fold
from dangvu.organization.models import PartyOrg

ATTACHMENT_TYPES = (".docx", ".pdf")


def term_label(on: datetime.date) -> str:
    """The committee term a date falls in: congresses are held in the first half of years divisible by 5.

    A default rule (a term runs 1 July Y – 30 June Y+5) until the register records each committee's terms.
    """
    start = on.year - on.year % 5
    if on < datetime.date(start, 7, 1):
        start -= 5
    return f"{start}–{start + 5}"


def issuer_abbr(issuer: PartyOrg) -> str:
    return issuer.abbr or ("CB" if issuer.is_cell else "ĐU")


@transaction.atomic
def number_issue(
    *, issuer: PartyOrg, doc_type: str, title: str = "", user: Any = None, on: datetime.date | None = None
) -> IssuedNumber:
    """Give the next number of `doc_type` for `issuer` in the current term: "12-BC/ĐU"."""
    term = term_label(on or timezone.localdate())
    NumberSequence.objects.get_or_create(issuer=issuer, doc_type=doc_type, term=term)
    sequence = NumberSequence.objects.select_for_update().get(issuer=issuer, doc_type=doc_type, term=term)
    sequence.last_number += 1
    sequence.save(update_fields=["last_number"])
    number = sequence.last_number
    symbol = f"{number:02d}-{DocType(doc_type).value}/{issuer_abbr(issuer)}"
    return IssuedNumber.objects.create(
        issuer=issuer,
        doc_type=doc_type,
        term=term,
        number=number,
        symbol=symbol,
        title=title[:500],
        issued_by=user if getattr(user, "is_authenticated", False) else None,
    )


# --- the register -----------------------------------------------------------------------------------------


def _user(user: Any) -> Any:
    return user if getattr(user, "is_authenticated", False) else None


def _check_type(doc_type: str) -> None:
    if doc_type not in DocType.values:
        raise ValidationError(_("Thể loại văn bản “%(t)s” không có trong danh mục.") % {"t": doc_type})


def _check_date(date: datetime.date) -> None:
    if date > timezone.localdate():
        raise ValidationError(_("Ngày văn bản %(d)s ở tương lai.") % {"d": f"{date:%d/%m/%Y}"})


_LEADING_NUMBER = re.compile(r"^\s*(?:số\s*:?\s*)?", re.IGNORECASE)


def clean_symbol(symbol: str) -> str:
    """ "Số: 15-BC/ĐU" → "15-BC/ĐU" (the register stores the number and symbol without the word "Số")."""
    return _LEADING_NUMBER.sub("", clean(symbol)).replace(" ", "")


def _number_of(symbol: str) -> int | None:
    found = re.match(r"(\d{1,6})", symbol)
    return int(found.group(1)) if found else None


def _incoming_collision(document: Document) -> Document | None:
    """Another active entry of the same register with the same issuer, number and symbol, and date."""
    same_day = Document.objects.active().filter(
        org=document.org, direction=Document.Direction.INCOMING, date=document.date
    )
    key = (fold(document.issuer_name), fold(document.symbol))
    for other in same_day.exclude(pk=document.pk):
        if (fold(other.issuer_name), fold(other.symbol)) == key:
            return other
    return None


def link_add(*, document: Document, target: models.Model) -> DocumentLink:
    """Link `document` to the record it concerns (a plan, a report, a meeting, an inspection...); idempotent."""
    link, _created = DocumentLink.objects.get_or_create(
        document=document, target_type=ContentType.objects.get_for_model(target), target_id=target.pk
    )
    return link


def document_for(record: models.Model, *, doc_type: str | None = None) -> Document | None:
    """The outgoing document already issued for `record`, if any (regenerating its DOCX reuses the number)."""
    qs = Document.objects.active().filter(
        direction=Document.Direction.OUTGOING,
        links__target_type=ContentType.objects.get_for_model(record),
        links__target_id=record.pk,
    )
    if doc_type:
        qs = qs.filter(doc_type=doc_type)
    return qs.order_by("pk").first()


@transaction.atomic
def document_issue_outgoing(
    *,
    issuer: PartyOrg,
    doc_type: str,
    summary: str,
    user: Any,
    date: datetime.date | None = None,
    recipients: str = "",
    confidentiality: str = Confidentiality.NORMAL,
    links: Iterable[models.Model] = (),
    note: str = "",
) -> Document:
    """Cấp số văn bản đi: take the next number of the register and enter the document, in one transaction.

    If the first linked record already has an outgoing document of this type, that document is returned
    unchanged: a record's DOCX generated twice keeps its number.
    """
    links = list(links)
    _check_type(doc_type)
    if links:
        existing = document_for(links[0], doc_type=doc_type)
        if existing is not None:
            for target in links[1:]:
                link_add(document=existing, target=target)
            return existing
    date = date or timezone.localdate()
    _check_date(date)
    summary = clean(summary)
    if not summary:
        raise ValidationError(_("Cần ghi trích yếu của văn bản."))
    issued = number_issue(issuer=issuer, doc_type=doc_type, title=summary, user=user, on=date)
    document = Document(
        org=issuer,
        direction=Document.Direction.OUTGOING,
        doc_type=doc_type,
        number=issued.number,
        symbol=issued.symbol,
        issued_number=issued,
        date=date,
        issuer_name=issuer.name,
        recipients=clean(recipients),
        summary=summary,
        confidentiality=confidentiality,
        note=clean(note),
        registered_by=_user(user),
    )
    document.full_clean()
    document.save()
    for target in links:
        link_add(document=document, target=target)
    return document


@transaction.atomic
def document_register_incoming(
    *,
    org: PartyOrg,
    doc_type: str,
    symbol: str,
    date: datetime.date,
    issuer_name: str,
    summary: str,
    user: Any,
    recipients: str = "",
    confidentiality: str = Confidentiality.NORMAL,
    note: str = "",
    links: Iterable[models.Model] = (),
    upload: DocumentFile | None = None,
) -> Document:
    """Vào sổ văn bản đến: number and symbol as printed; one issuer's number and date are entered once."""
    _check_type(doc_type)
    _check_date(date)
    document = Document(
        org=org,
        direction=Document.Direction.INCOMING,
        doc_type=doc_type,
        symbol=clean_symbol(symbol),
        date=date,
        issuer_name=clean(issuer_name),
        recipients=clean(recipients),
        summary=clean(summary),
        confidentiality=confidentiality,
        note=clean(note),
        registered_by=_user(user),
    )
    document.number = _number_of(document.symbol)
    _refuse_collision(document)
    document.full_clean()
    document.save()
    for target in links:
        link_add(document=document, target=target)
    if upload is not None:
        _attach(document, upload)
    return document


def _refuse_collision(document: Document) -> None:
    other = _incoming_collision(document)
    if other is not None:
        raise ValidationError(
            _("Văn bản số %(s)s ngày %(d)s của %(i)s đã có trong sổ (vào sổ ngày %(r)s): không vào sổ lần hai.")
            % {
                "s": other.symbol,
                "d": f"{other.date:%d/%m/%Y}",
                "i": other.issuer_name,
                "r": f"{timezone.localtime(other.registered_at):%d/%m/%Y}",
            }
        )


EDITABLE = ("summary", "recipients", "confidentiality", "note")
EDITABLE_INCOMING = ("symbol", "date", "issuer_name", "doc_type")


@transaction.atomic
def document_update(*, document: Document, user: Any, **fields: Any) -> Document:
    """Sửa văn bản: an outgoing document's number, type and date never change once issued."""
    allowed = EDITABLE + (EDITABLE_INCOMING if document.direction == Document.Direction.INCOMING else ())
    for name, value in fields.items():
        if name not in allowed:
            raise ValidationError(_("Không sửa được số, thể loại hay ngày của văn bản đi đã cấp số."))
        if name == "symbol":
            value = clean_symbol(value)
        elif isinstance(value, str):
            value = clean(value)
        setattr(document, name, value)
    _check_type(document.doc_type)
    _check_date(document.date)
    if document.direction == Document.Direction.INCOMING:
        document.number = _number_of(document.symbol)
        _refuse_collision(document)
    document.full_clean()
    document.save()
    return document


@transaction.atomic
def document_archive(*, document: Document, user: Any) -> Document:
    """Lưu trữ: the entry leaves the lists; an outgoing number stays taken (the sequence never goes back)."""
    document.archived_at = timezone.now()
    document.save()
    return document


# --- attachments ------------------------------------------------------------------------------------------


def extract_text(data: bytes, name: str) -> str:
    """The text of a DOCX (paragraphs and table cells in order) or of a PDF's text layer; "" if unreadable."""
    suffix = name.lower().rsplit(".", 1)[-1]
    try:
        if suffix == "docx":
            return _docx_text(data)
        if suffix == "pdf":
            from pypdf import PdfReader

            reader = PdfReader(io.BytesIO(data))
            return clean("\n".join(page.extract_text() or "" for page in reader.pages))
    except Exception:  # noqa: BLE001 - a damaged file is still kept; it has no searchable text
        return ""
    return ""


def _docx_text(data: bytes) -> str:
    from docx import Document as Docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    lines: list[str] = []
    for block in Docx(io.BytesIO(data)).iter_inner_content():
        if isinstance(block, Paragraph):
            lines.append(block.text)
        elif isinstance(block, Table):
            for row in block.rows:
                for cell in row.cells:
                    lines.extend(p.text for p in cell.paragraphs)
    return clean("\n".join(lines))


@transaction.atomic
def file_upload(*, upload: UploadedFile, user: Any, document: Document | None = None) -> DocumentFile:
    """Keep a DOCX or PDF with its text; without `document` it waits for the clerk to confirm the entry."""
    validate_upload(upload, allowed=ATTACHMENT_TYPES)
    data = upload.read()
    upload.seek(0)
    stored = DocumentFile(
        name=clean(upload.name or "")[:255],
        size=upload.size or 0,
        text=extract_text(data, upload.name or ""),
        uploaded_by=_user(user),
    )
    stored.file.save(upload.name or "tep", upload, save=False)
    stored.save()
    if document is not None:
        _attach(document, stored)
    return stored


def _attach(document: Document, stored: DocumentFile) -> None:
    stored.document = document
    stored.save()
    if stored.text:
        document.text = "\n\n".join(part for part in (document.text, stored.text) if part)
        document.save()
