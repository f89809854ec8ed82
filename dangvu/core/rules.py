"""Which rule version is in force on a date (see core.models.RuleSet)."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils.translation import gettext as _

from dangvu.core.models import RuleSet


class NoRuleInForce(LookupError):
    pass


def rules_in_force(kind: str, on: datetime.date) -> RuleSet:
    """The latest version of `kind` that started on or before `on` (one query)."""
    rule = RuleSet.objects.filter(kind=kind, effective_from__lte=on).select_related("regulation").first()
    if rule is None:
        message = _("Chưa có quy tắc %(kind)s áp dụng cho ngày %(d)s.") % {"kind": kind, "d": f"{on:%d/%m/%Y}"}
        raise NoRuleInForce(message)
    return rule


def rule_timeline(kind: str) -> list[RuleSet]:
    """All versions of `kind`, oldest first: for judging a period that spans a change, in one query."""
    return list(RuleSet.objects.filter(kind=kind).select_related("regulation").order_by("effective_from"))


def pick(timeline: list[RuleSet], on: datetime.date) -> dict[str, Any] | None:
    """The params of the version in force on `on`, from a timeline already fetched (no query)."""
    current = None
    for rule in timeline:
        if rule.effective_from <= on:
            current = rule
    return current.params if current else None
