"""Issue outgoing document numbers: one locked row per sequence, so two clerks never get the same number."""

from __future__ import annotations

import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone

from dangvu.documents.models import DocType, IssuedNumber, NumberSequence
from dangvu.organization.models import PartyOrg


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
