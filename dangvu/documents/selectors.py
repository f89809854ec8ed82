"""Reads of the document register: the list and the printed book (filtered alike), a document with its files and
linked records, and the documents linked to any record. Query counts do not grow with the rows.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Model, QuerySet

from dangvu.documents import access
from dangvu.documents.models import Document, DocumentFile, DocumentLink


@dataclass
class RegisterFilter:
    direction: str = Document.Direction.INCOMING
    doc_type: str = ""
    confidentiality: str = ""
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None
    org: int | None = None


def register(user: Any, f: RegisterFilter) -> QuerySet[Document]:
    """The register as the list shows it: newest first."""
    qs = access.visible_documents(user).filter(direction=f.direction).select_related("org")
    if f.doc_type:
        qs = qs.filter(doc_type=f.doc_type)
    if f.confidentiality:
        qs = qs.filter(confidentiality=f.confidentiality)
    if f.date_from:
        qs = qs.filter(date__gte=f.date_from)
    if f.date_to:
        qs = qs.filter(date__lte=f.date_to)
    if f.org:
        qs = qs.filter(org_id=f.org)
    return qs.order_by("-date", "-id")


def book(user: Any, f: RegisterFilter) -> QuerySet[Document]:
    """The register as the paper book runs: oldest first (the row number is the entry's order in the period)."""
    return register(user, f).order_by("date", "registered_at", "id")


def document_detail(document: Document) -> dict[str, Any]:
    links = DocumentLink.objects.filter(document=document).select_related("target_type").prefetch_related("target")
    return {
        "files": list(DocumentFile.objects.active().filter(document=document)),
        "links": [link for link in list(links) if link.target is not None],
    }


def documents_for(record: Model, user: Any | None = None) -> QuerySet[Document]:
    """The register entries linked to `record` (any app may show them on its page); with `user`, only visible ones."""
    qs = Document.objects.active() if user is None else access.visible_documents(user)
    return qs.filter(links__target_type=ContentType.objects.get_for_model(record), links__target_id=record.pk).order_by(
        "date", "pk"
    )


def pending_upload(user: Any, pk: str | int | None) -> DocumentFile | None:
    """An upload of this user still waiting to become a register entry."""
    if not pk or not str(pk).isdigit():
        return None
    return DocumentFile.objects.active().filter(pk=pk, document__isnull=True, uploaded_by=user).first()
