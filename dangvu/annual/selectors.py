"""Reads of the annual summary reports: the list, the report page, the versions and their comparison."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, QuerySet
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from dangvu.annual import access
from dangvu.annual.models import SECTION_KEYS, SECTION_TITLES, AnnualReport, ReportVersion
from dangvu.meetings.models import ConferenceConclusion
from dangvu.planning.access import visible_tasks


def report_list(user: Any, *, year: int | None = None) -> QuerySet[AnnualReport]:
    qs = access.visible_reports(user).select_related("org").annotate(n_versions=Count("versions"))
    if year:
        qs = qs.filter(year=year)
    return qs.order_by("-year", "org__path")


def versions(report: AnnualReport) -> QuerySet[ReportVersion]:
    """Every version, newest first, without the figures (heavy, and not shown in the list)."""
    return report.versions.select_related("created_by").defer("figures").order_by("-number")


def conference_part(report: AnnualReport, user: Any) -> dict[str, Any]:
    """The review conference's agenda, opinions and conclusions, and the key tasks its directives became
    (those the user may see): a fixed number of queries."""
    conference = report.conference
    if conference is None:
        return {}
    conclusions = list(conference.conclusions.order_by("pk"))
    ids = [c.pk for c in conclusions if c.kind == ConferenceConclusion.Kind.DIRECTIVE]
    by_source: dict[int, list[Any]] = {}
    if ids:
        ct = ContentType.objects.get_for_model(ConferenceConclusion)
        tasks = visible_tasks(user).filter(source_type=ct, source_id__in=ids).select_related("plan")
        for task in tasks.order_by("due_date", "pk"):
            by_source.setdefault(task.source_id or 0, []).append(task)
    for item in conclusions:
        item.tasks = by_source.get(item.pk, [])  # type: ignore[attr-defined]
    return {
        "conference": conference,
        "agenda": [line for line in conference.agenda.split("\n") if line.strip()],
        "opinions": list(conference.opinions.order_by("pk")),
        "conclusions": conclusions,
    }


_TOKENS = re.compile(r"\s+|[^\s]+")


def diff_html(before: str, after: str) -> SafeString:
    """Word-level differences, every piece of text HTML-escaped: <del> removed, <ins> added."""
    a, b = _TOKENS.findall(before), _TOKENS.findall(after)
    out: list[str] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            out.append(escape("".join(a[i1:i2])))
            continue
        if i2 > i1:
            out.append(f"<del>{escape(''.join(a[i1:i2]))}</del>")
        if j2 > j1:
            out.append(f"<ins>{escape(''.join(b[j1:j2]))}</ins>")
    return mark_safe("".join(out).replace("\n", "<br>"))  # noqa: S308 - every part is escaped above


@dataclass
class SectionDiff:
    key: str
    title: str
    changed: bool
    html: SafeString


def compare(old: ReportVersion, new: ReportVersion) -> list[SectionDiff]:
    rows = []
    for key in SECTION_KEYS:
        before, after = old.sections.get(key, ""), new.sections.get(key, "")
        rows.append(SectionDiff(key, str(SECTION_TITLES[key]), before != after, diff_html(before, after)))
    return rows
