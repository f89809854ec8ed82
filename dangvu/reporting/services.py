"""Writes of the reporting regime: kinds, obligations, the expected submissions, the submit / return /
accept workflow, reminders and the compiled report. Every function runs in one transaction."""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from dangvu.core.models import ConcurrentEditError, save_versioned
from dangvu.core.uploads import validate_upload
from dangvu.documents.models import DocType
from dangvu.documents.services import document_issue_outgoing, link_add
from dangvu.lib.vn_text import clean
from dangvu.organization.models import PartyOrg, RoleAssignment
from dangvu.reporting import periods
from dangvu.reporting.models import (
    Compilation,
    Obligation,
    ReminderSent,
    ReportKind,
    Submission,
    SubmissionAttachment,
    SubmissionEvent,
)

Status = Submission.Status


class ReportingError(Exception):
    """A refused step of the workflow, with a message for the user."""


def concurrent_edit_message() -> str:
    return _("Báo cáo vừa được người khác lưu sau khi bạn mở. Hãy tải lại trang, xem nội dung mới rồi sửa lại.")


def _clean_sections(sections: dict[str, str]) -> dict[str, str]:
    return {name: clean(sections.get(name, "") or "") for name in Submission.SECTIONS if name in sections}


# --- configuration ----------------------------------------------------------------------------------


@transaction.atomic
def report_kind_create(*, org: PartyOrg, name: str, period: str, due_rule: str, **fields: Any) -> ReportKind:
    kind = ReportKind(org=org, name=clean(name), period=period, due_rule=due_rule, **fields)
    kind.full_clean()
    kind.save()
    return kind


@transaction.atomic
def report_kind_update(*, kind: ReportKind, **fields: Any) -> ReportKind:
    for name, value in fields.items():
        setattr(kind, name, clean(value) if isinstance(value, str) else value)
    kind.full_clean()
    kind.save()
    return kind


@transaction.atomic
def obligation_create(
    *, kind: ReportKind, org: PartyOrg, valid_from: datetime.date, valid_to: datetime.date | None = None
) -> Obligation:
    obligation = Obligation(kind=kind, org=org, valid_from=valid_from, valid_to=valid_to)
    obligation.full_clean()
    obligation.save()
    return obligation


@transaction.atomic
def obligation_end(*, obligation: Obligation, on: datetime.date) -> Obligation:
    obligation.valid_to = on
    obligation.full_clean()
    obligation.save()
    return obligation


# --- expected submissions ---------------------------------------------------------------------------


@transaction.atomic
def submissions_generate(*, year: int) -> int:
    """Create the expected submission of every periodic obligation for each period of `year`.

    Idempotent: the unique (kind, org, period_start) row is fetched, not duplicated, on a second run.
    Returns how many were created.
    """
    created = 0
    obligations = (
        Obligation.objects.active()
        .filter(kind__archived_at__isnull=True, org__archived_at__isnull=True, kind__period__in=ReportKind.PERIODIC)
        .select_related("kind", "org")
    )
    for obligation in obligations:
        kind = obligation.kind
        for period in periods.periods_of_year(kind.period, year):
            if not obligation.covers(period.start, period.end):
                continue
            _sub, was_created = Submission.objects.get_or_create(
                kind=kind,
                org=obligation.org,
                period_start=period.start,
                defaults={
                    "period_end": period.end,
                    "label": period.label,
                    "due_date": periods.due_date(kind.due_rule, kind.due_day, period.end),
                },
            )
            created += was_created
    return created


@transaction.atomic
def submissions_request(
    *,
    kind: ReportKind,
    orgs: Iterable[PartyOrg],
    period_start: datetime.date,
    period_end: datetime.date,
    label: str,
    due_date: datetime.date,
) -> list[Submission]:
    """A thematic or ad hoc report asked of some organizations, with its own deadline."""
    result = []
    for org in orgs:
        sub, _created = Submission.objects.get_or_create(
            kind=kind,
            org=org,
            period_start=period_start,
            defaults={"period_end": period_end, "label": clean(label), "due_date": due_date},
        )
        result.append(sub)
    return result


# --- the workflow -----------------------------------------------------------------------------------


def _save(submission: Submission, expected_version: int | None) -> None:
    try:
        save_versioned(submission, expected_version=expected_version)
    except ConcurrentEditError:
        raise ReportingError(concurrent_edit_message()) from None


@transaction.atomic
def submission_save(
    *, submission: Submission, user: Any, sections: dict[str, str], expected_version: int | None
) -> Submission:
    """Save the sections as a draft (or keep editing a returned report) without sending it."""
    if submission.status not in Submission.OPEN:
        raise ReportingError(_("Báo cáo đã gửi, không sửa được nữa trừ khi được trả lại."))
    for name, value in _clean_sections(sections).items():
        setattr(submission, name, value)
    if submission.status == Status.EXPECTED:
        submission.status = Status.DRAFT
    _save(submission, expected_version)
    return submission


@transaction.atomic
def submission_submit(
    *,
    submission: Submission,
    user: Any,
    sections: dict[str, str] | None = None,
    expected_version: int | None = None,
    at: datetime.datetime | None = None,
) -> Submission:
    """Send the report. The first submit fixes lateness; a resubmission after a return does not."""
    if submission.status not in Submission.OPEN:
        raise ReportingError(_("Báo cáo này đã được gửi."))
    for name, value in _clean_sections(sections or {}).items():
        setattr(submission, name, value)
    if not any(getattr(submission, name).strip() for name in Submission.SECTIONS):
        raise ReportingError(_("Báo cáo chưa có nội dung: hãy ghi ít nhất một mục."))
    now = at or timezone.now()
    resubmit = submission.status == Status.RETURNED
    submission.status = Status.RESUBMITTED if resubmit else Status.SUBMITTED
    if submission.first_submitted_at is None:
        submission.first_submitted_at = now
        submission.submitted_on = timezone.localdate(now)
    submission.last_submitted_at = now
    _save(submission, expected_version)
    SubmissionEvent.objects.create(
        submission=submission,
        action=SubmissionEvent.Action.RESUBMITTED if resubmit else SubmissionEvent.Action.SUBMITTED,
        at=now,
        user=user if getattr(user, "is_authenticated", False) else None,
        snapshot=submission.sections(),
    )
    return submission


@transaction.atomic
def submission_return(
    *, submission: Submission, user: Any, comment: str, at: datetime.datetime | None = None
) -> Submission:
    """Send the report back for more work; the comment says what to add."""
    comment = clean(comment)
    if submission.status not in Submission.SENT:
        raise ReportingError(_("Chỉ trả lại được báo cáo đã gửi."))
    if not comment:
        raise ReportingError(_("Hãy ghi rõ cần bổ sung, sửa gì khi trả lại báo cáo."))
    submission.status = Status.RETURNED
    _save(submission, None)
    SubmissionEvent.objects.create(
        submission=submission,
        action=SubmissionEvent.Action.RETURNED,
        at=at or timezone.now(),
        user=user if getattr(user, "is_authenticated", False) else None,
        comment=comment,
    )
    return submission


@transaction.atomic
def submission_accept(
    *, submission: Submission, user: Any, comment: str = "", at: datetime.datetime | None = None
) -> Submission:
    if submission.status not in Submission.SENT:
        raise ReportingError(_("Chỉ tiếp nhận được báo cáo đã gửi."))
    now = at or timezone.now()
    submission.status = Status.ACCEPTED
    submission.accepted_at = now
    _save(submission, None)
    SubmissionEvent.objects.create(
        submission=submission,
        action=SubmissionEvent.Action.ACCEPTED,
        at=now,
        user=user if getattr(user, "is_authenticated", False) else None,
        comment=clean(comment),
    )
    return submission


@transaction.atomic
def attachment_add(*, submission: Submission, upload: UploadedFile, user: Any) -> SubmissionAttachment:
    if submission.status not in Submission.OPEN:
        raise ReportingError(_("Báo cáo đã gửi: không thêm tệp được nữa."))
    validate_upload(upload)
    attachment = SubmissionAttachment(
        submission=submission,
        name=clean(upload.name or "tep"),
        size=upload.size or 0,
        uploaded_by=user if getattr(user, "is_authenticated", False) else None,
    )
    attachment.file.save(upload.name or "tep", upload, save=False)
    attachment.save()
    return attachment


# --- reminders --------------------------------------------------------------------------------------


@dataclass
class Digest:
    email: str
    items: list[tuple[Submission, str]] = field(default_factory=list)


def _reminder_text(submission: Submission, reminder: str) -> str:
    when, _sep, days = reminder.partition("-")
    values = {
        "kind": submission.kind.name,
        "label": submission.label,
        "org": submission.org.name,
        "due": f"{submission.due_date:%d/%m/%Y}",
        "n": days,
    }
    if when == "before":
        return _("- %(org)s: %(kind)s (%(label)s), hạn %(due)s, còn %(n)s ngày") % values
    return _("- %(org)s: %(kind)s (%(label)s), hạn %(due)s: đã quá hạn %(n)s ngày, chưa gửi") % values


def reminders_due(today: datetime.date) -> list[tuple[Submission, str]]:
    """The (submission, reminder) pairs that fall on `today`, whether or not already sent."""
    kinds = list(ReportKind.objects.active())
    offsets: set[datetime.date] = set()
    for kind in kinds:
        offsets |= {today + datetime.timedelta(days=n) for n in kind.before_days}
        offsets |= {today - datetime.timedelta(days=n) for n in kind.after_days}
    if not offsets:
        return []
    candidates = (
        Submission.objects.active()
        .filter(due_date__in=offsets, submitted_on__isnull=True, org__archived_at__isnull=True)
        .select_related("kind", "org")
        .order_by("due_date", "org__path")
    )
    result = []
    for sub in candidates:
        delta = (sub.due_date - today).days
        if delta >= 0 and delta in sub.kind.before_days:
            result.append((sub, f"before-{delta}"))
        if delta <= 0 and -delta in sub.kind.after_days:
            result.append((sub, f"after-{-delta}"))
    return result


@transaction.atomic
def reminders_send(*, today: datetime.date | None = None) -> int:
    """Send today's reminders as one digest per person; return the number of e-mails sent.

    Each (submission, reminder) row is inserted before any mail goes out; if the row exists the job
    already sent it (a second run, or another worker at the same time) and it is skipped. A failed
    send rolls the rows back, so the next run tries again.
    """
    today = today or timezone.localdate()
    now = timezone.now()
    fresh: list[tuple[Submission, str]] = []
    for sub, reminder in reminders_due(today):
        try:
            with transaction.atomic():
                ReminderSent.objects.create(submission=sub, reminder=reminder, sent_at=now)
        except IntegrityError:
            continue
        fresh.append((sub, reminder))
    if not fresh:
        return 0
    org_ids = {sub.org_id for sub, _r in fresh}
    secretaries: dict[int, set[str]] = defaultdict(set)
    for org_id, email in (
        RoleAssignment.objects.active()
        .filter(role=RoleAssignment.Role.CELL_SECRETARY, org_id__in=org_ids, user__is_active=True)
        .exclude(user__email="")
        .values_list("org_id", "user__email")
    ):
        secretaries[org_id].add(email)
    offices = list(
        RoleAssignment.objects.active()
        .filter(role=RoleAssignment.Role.OFFICE, user__is_active=True)
        .exclude(user__email="")
        .values_list("org__path", "user__email")
    )
    digests: dict[str, Digest] = {}
    for sub, reminder in fresh:
        recipients = set(secretaries[sub.org_id])
        if reminder.startswith("after-"):
            recipients |= {email for path, email in offices if sub.org.path.startswith(path)}
        for email in recipients:
            digests.setdefault(email, Digest(email)).items.append((sub, reminder))
    with translation.override("vi"):
        for digest in sorted(digests.values(), key=lambda d: d.email):
            lines = [_reminder_text(sub, reminder) for sub, reminder in digest.items]
            subject = _("[dangvu] Nhắc hạn báo cáo ngày %(d)s (%(n)d báo cáo)") % {
                "d": f"{today:%d/%m/%Y}",
                "n": len(lines),
            }
            body = "\n".join([_("Các báo cáo sau cần được gửi:"), "", *lines, ""])
            send_mail(subject, body, None, [digest.email], fail_silently=False)
    return len(digests)


# --- compilation ------------------------------------------------------------------------------------

SECTION_TITLES = {
    "results": "Kết quả",
    "shortcomings": "Hạn chế",
    "proposals": "Kiến nghị",
    "next_steps": "Phương hướng",
}


def merge_sections(submissions: Iterable[Submission]) -> dict[str, str]:
    """Each section of the compiled report: the organizations' texts one after another, under their names."""
    merged: dict[str, list[str]] = {name: [] for name in Submission.SECTIONS}
    for sub in submissions:
        for name in Submission.SECTIONS:
            text = getattr(sub, name).strip()
            if text:
                merged[name].append(f"{sub.org.name}: {text}")
    return {name: "\n".join(parts) for name, parts in merged.items()}


@transaction.atomic
def compilation_create(
    *, org: PartyOrg, kind: ReportKind, period_start: datetime.date, user: Any, on: datetime.date | None = None
) -> Compilation:
    """Merge the accepted submissions of a period in `org`'s subtree and give the report its number."""
    subs = list(
        Submission.objects.active()
        .filter(kind=kind, period_start=period_start, status=Status.ACCEPTED, org__path__startswith=org.path)
        .select_related("org")
        .order_by("org__path")
    )
    if not subs:
        raise ReportingError(_("Chưa có báo cáo nào được tiếp nhận trong kỳ này để tổng hợp."))
    on = on or timezone.localdate()
    label = subs[0].label
    title = _("Báo cáo tổng hợp %(kind)s %(label)s") % {"kind": kind.name.lower(), "label": label}
    # the register issues the number and keeps the report as an outgoing document linked to it
    issued = document_issue_outgoing(issuer=org, doc_type=DocType.BC, summary=title, user=user, date=on)
    merged = merge_sections(subs)
    compilation = Compilation(
        org=org,
        kind=kind,
        period_start=period_start,
        label=label,
        title=title,
        symbol=issued.symbol,
        issued_on=on,
        **merged,
    )
    compilation.full_clean()
    compilation.save()
    link_add(document=issued, target=compilation)
    return compilation


@transaction.atomic
def compilation_update(
    *, compilation: Compilation, user: Any, expected_version: int | None, **fields: Any
) -> Compilation:
    for name, value in fields.items():
        setattr(compilation, name, clean(value) if isinstance(value, str) else value)
    compilation.full_clean()
    try:
        save_versioned(compilation, expected_version=expected_version)
    except ConcurrentEditError:
        raise ReportingError(concurrent_edit_message()) from None
    return compilation


def missing_q(today: datetime.date) -> Q:
    return Q(submitted_on__isnull=True, due_date__lt=today)
