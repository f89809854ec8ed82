"""Writes of the annual summary report. Each in one transaction; every change of text keeps a new version."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from dangvu.annual.drafting import draft_sections
from dangvu.annual.exports import report_title
from dangvu.annual.figures import year_figures
from dangvu.annual.models import SECTION_KEYS, SECTION_TITLES, AnnualReport, ReportVersion
from dangvu.core.models import save_versioned
from dangvu.documents.models import DocType
from dangvu.documents.services import document_issue_outgoing
from dangvu.lib.vn_text import clean
from dangvu.meetings import services as meetings_services
from dangvu.meetings.models import Conference
from dangvu.organization.models import PartyOrg


class NoYearData(ValidationError):
    """The organization has no record of the year: nothing to sum up."""


def _user(user: Any) -> Any:
    return user if getattr(user, "is_authenticated", False) else None


def current_version(report: AnnualReport) -> ReportVersion:
    version = report.versions.order_by("-number").first()
    if version is None:  # a report is always created with its first version
        raise ReportVersion.DoesNotExist
    return version


def _add_version(
    report: AnnualReport,
    *,
    sections: dict[str, str],
    edited: list[str],
    figures: dict[str, Any],
    note: str,
    user: Any,
    number: int,
) -> ReportVersion:
    version = ReportVersion(
        report=report,
        number=number,
        sections=sections,
        edited=sorted(edited),
        figures=figures,
        note=note[:255],
        created_by=_user(user),
    )
    version.full_clean()
    version.save()
    return version


def _refuse_final(report: AnnualReport) -> None:
    if report.is_final:
        raise ValidationError(
            _(
                "Báo cáo đã ban hành (số %(number)s): không sửa được nữa. Nội dung bạn vừa nhập vẫn còn trong ô "
                "bên dưới."
            )
            % {"number": report.number}
        )


def _year_figures(org: PartyOrg, year: int, today: datetime.date | None) -> dict[str, Any]:
    figures = year_figures(org, year, today=today)
    if not figures["has_data"]:
        raise NoYearData(
            _(
                "Năm %(year)d chưa có số liệu nào của %(org)s (nhiệm vụ, báo cáo, sinh hoạt chi bộ, kiểm tra giám "
                "sát): chưa lập được báo cáo tổng kết."
            )
            % {"year": year, "org": org.name}
        )
    return figures


@transaction.atomic
def report_create(*, org: PartyOrg, year: int, user: Any = None, today: datetime.date | None = None) -> AnnualReport:
    """Draft the report of `year` for `org` from the records; refused when the year has no data."""
    if AnnualReport.objects.filter(org=org, year=year).exists():
        raise ValidationError(_("Tổ chức này đã có báo cáo tổng kết của năm này."))
    figures = _year_figures(org, year, today)
    report = AnnualReport(org=org, year=year)
    report.full_clean()
    report.save()
    _add_version(
        report,
        sections=draft_sections(figures),
        edited=[],
        figures=figures,
        note=_("Lập dự thảo từ số liệu"),
        user=user,
        number=1,
    )
    return report


@transaction.atomic
def report_refresh(
    *, report: AnnualReport, user: Any = None, expected_version: int | None = None, today: datetime.date | None = None
) -> ReportVersion:
    """Recompute the figures and the generated sections; a section a person edited keeps their text."""
    _refuse_final(report)
    figures = _year_figures(report.org, report.year, today)
    current = current_version(report)
    drafted = draft_sections(figures)
    sections = {k: current.sections.get(k, "") if k in current.edited else drafted[k] for k in SECTION_KEYS}
    save_versioned(report, expected_version=expected_version)
    return _add_version(
        report,
        sections=sections,
        edited=list(current.edited),
        figures=figures,
        note=_("Cập nhật số liệu"),
        user=user,
        number=current.number + 1,
    )


@transaction.atomic
def report_edit_section(
    *, report: AnnualReport, key: str, text: str, user: Any = None, expected_version: int | None = None
) -> ReportVersion:
    """Save a person's text of one section as a new version; the section is then kept on refresh."""
    _refuse_final(report)
    if key not in SECTION_KEYS:
        raise ValidationError(_("Không có phần này trong báo cáo."))
    text = clean(text)
    current = current_version(report)
    if text == current.sections.get(key, ""):
        return current
    save_versioned(report, expected_version=expected_version)
    return _add_version(
        report,
        sections={**current.sections, key: text},
        edited=sorted(set(current.edited) | {key}),
        figures=current.figures,
        note=_("Sửa %(section)s") % {"section": SECTION_TITLES[key]},
        user=user,
        number=current.number + 1,
    )


@transaction.atomic
def report_finalise(*, report: AnnualReport, user: Any = None, expected_version: int | None = None) -> AnnualReport:
    """Ban hành: the report takes the next number of the register ("01-BC/ĐU") and is locked."""
    _refuse_final(report)
    report.state = AnnualReport.State.FINAL
    report.finalised_at = timezone.now()
    report.finalised_by = _user(user)
    save_versioned(report, expected_version=expected_version)
    # the register issues the number and keeps the report as an outgoing document linked to it
    issued = document_issue_outgoing(
        issuer=report.org, doc_type=DocType.BC, summary=report_title(report), user=user, links=(report,)
    )
    report.number = issued.symbol
    report.save(update_fields=["number", "updated_at"])
    return report


@transaction.atomic
def report_generate(*, org: PartyOrg, year: int, user: Any = None, today: datetime.date | None = None) -> AnnualReport:
    """Create the draft, or refresh the draft that exists (the `dangvu report annual` command)."""
    report = AnnualReport.objects.filter(org=org, year=year).first()
    if report is None:
        return report_create(org=org, year=year, user=user, today=today)
    if not report.is_final:
        report_refresh(report=report, user=user, today=today)
    return report


@transaction.atomic
def report_open_conference(
    *, report: AnnualReport, held_at: datetime.datetime, place: str = "", link: str = "", user: Any = None
) -> Conference:
    """Open the review conference (hội nghị tổng kết) with this report on its agenda; each links to the other."""
    if report.conference_id is not None:
        raise ValidationError(_("Báo cáo này đã có hội nghị tổng kết."))
    title = report_title(report)
    conference = meetings_services.conference_create(
        org=report.org,
        kind=Conference.Kind.YEARLY,
        title=_("Hội nghị tổng kết công tác xây dựng Đảng năm %(year)d") % {"year": report.year},
        held_at=held_at,
        place=clean(place),
        agenda="\n".join(
            [_("Báo cáo %(title)s") % {"title": title}, _("Ý kiến của đại biểu"), _("Phát biểu kết luận")]
        ),
    )
    meetings_services.conference_report_add(
        conference=conference,
        presenter=_("Thường trực Đảng ủy"),
        title=_("Báo cáo %(title)s") % {"title": title},
        link=link,
    )
    report.conference = conference
    report.save(update_fields=["conference", "updated_at"])
    return conference
