"""Writes of inspection and supervision. Each service is one transaction; the state machine refuses illegal moves.

The allowed steps of each activity type come from the inspection rule in force on the activity's planned date
(core.rules): QĐ 30-QĐ/TW for 2016–2021, QĐ 22-QĐ/TW for 2021–2025, QĐ 296-QĐ/TW from 30/5/2025.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from dangvu.core.models import RuleSet
from dangvu.core.rules import rules_in_force
from dangvu.organization.models import Member, PartyOrg
from dangvu.supervision.models import Activity, ActivityStep, Finding, FollowUp, Program, Recommendation

State = Activity.State


def rule_for(on: datetime.date) -> dict[str, Any]:
    return dict(rules_in_force(RuleSet.Kind.INSPECTION, on).params)


def steps_for(kind: str, on: datetime.date) -> list[str]:
    steps = rule_for(on).get("steps", {})
    return list(steps.get(kind) or [s.value for s in State])


@transaction.atomic
def program_create(*, org: PartyOrg, body: str, year: int, title: str) -> Program:
    if body == Program.Body.CELL and org.kind not in PartyOrg.CELL_KINDS:
        raise ValidationError(_("Kế hoạch tự kiểm tra phải thuộc một chi bộ."))
    if Program.objects.filter(org=org, body=body, year=year).exists():
        raise ValidationError(_("Tổ chức này đã có chương trình kiểm tra, giám sát năm %(y)s.") % {"y": year})
    program = Program(org=org, body=body, year=year, title=title)
    program.full_clean()
    program.save()
    return program


@transaction.atomic
def program_issue(*, program: Program) -> Program:
    """Dự thảo → Đã ban hành (the KH is adopted, usually December–January)."""
    if program.status != Program.Status.DRAFT:
        raise ValidationError(_("Chương trình đã được ban hành."))
    program.status = Program.Status.ISSUED
    program.save()
    return program


@transaction.atomic
def activity_create(
    *,
    program: Program,
    kind: str,
    content: str,
    planned_month: int,
    subject_org: PartyOrg | None = None,
    subject_member: Member | None = None,
    lead: Member | None = None,
    team: Any = (),
    period_from: datetime.date | None = None,
    period_to: datetime.date | None = None,
) -> Activity:
    if (subject_org is None) == (subject_member is None):
        raise ValidationError(_("Chọn đúng một đối tượng: một tổ chức đảng hoặc một đảng viên."))
    if not 1 <= planned_month <= 12:
        raise ValidationError(_("Tháng dự kiến phải từ 1 đến 12."))
    if period_from and period_to and period_from > period_to:
        raise ValidationError(_("Mốc thời gian: ngày bắt đầu sau ngày kết thúc."))
    if program.body == Program.Body.CELL and kind not in (
        Activity.Kind.SELF,
        Activity.Kind.SUPERVISION_REGULAR,
        Activity.Kind.SUPERVISION_THEMATIC,
        Activity.Kind.COMPLIANCE,
        Activity.Kind.VIOLATION,
    ):
        raise ValidationError(_("Loại này không thuộc kế hoạch kiểm tra, giám sát của chi bộ."))
    on = datetime.date(program.year, planned_month, 1)
    confidential = kind in rule_for(on).get("confidential_types", [])
    activity = Activity(
        program=program,
        kind=kind,
        confidential=confidential,
        content=content,
        planned_month=planned_month,
        subject_org=subject_org,
        subject_member=subject_member,
        lead=lead,
        period_from=period_from,
        period_to=period_to,
    )
    activity.full_clean()
    activity.save()
    if team:
        activity.team.set(team)
    return activity


def next_state(activity: Activity) -> str | None:
    steps = steps_for(activity.kind, activity.planned_date)
    try:
        index = steps.index(activity.state)
    except ValueError:
        return None
    return steps[index + 1] if index + 1 < len(steps) else None


@transaction.atomic
def activity_advance(
    *,
    activity: Activity,
    to: str,
    date: datetime.date,
    user: Any = None,
    note: str = "",
    number_notice: bool = False,
) -> Activity:
    """Move the activity to the next step of its type; any other move is refused and nothing is saved."""
    activity = Activity.objects.select_for_update().select_related("program__org").get(pk=activity.pk)
    expected = next_state(activity)
    if expected is None:
        raise ValidationError(_("Cuộc này đã đóng, không thể chuyển bước."))
    if to != expected:
        raise ValidationError(
            _("Không thể chuyển từ bước “%(from)s” sang “%(to)s”: bước tiếp theo phải là “%(next)s”.")
            % {
                "from": State(activity.state).label,
                "to": State(to).label if to in State.values else to,
                "next": State(expected).label,
            }
        )
    last = activity.steps.order_by("-date", "-pk").first()
    if last is not None and date < last.date:
        raise ValidationError(
            _("Ngày %(d)s trước ngày của bước trước (%(p)s).") % {"d": f"{date:%d/%m/%Y}", "p": f"{last.date:%d/%m/%Y}"}
        )
    if date > timezone.localdate():
        raise ValidationError(_("Ngày %(d)s ở tương lai.") % {"d": f"{date:%d/%m/%Y}"})
    if to == State.FOLLOW_UP and not Recommendation.objects.active().filter(finding__activity=activity).exists():
        raise ValidationError(_("Chưa có kiến nghị nào để theo dõi khắc phục."))
    if to == State.CLOSED:
        open_recs = Recommendation.objects.active().filter(finding__activity=activity, done_on__isnull=True)
        if open_recs.exists():
            raise ValidationError(_("Còn kiến nghị chưa khắc phục xong: chưa thể đóng cuộc."))
    activity.state = to
    if to == State.DECIDED:
        activity.decided_on = date
    if to == State.CONCLUDED:
        activity.concluded_on = date
        if number_notice:
            from dangvu.documents.models import Confidentiality
            from dangvu.documents.services import document_issue_outgoing

            # the register issues the number and keeps the notice linked to the activity (reused if issued before)
            issued = document_issue_outgoing(
                issuer=activity.program.org,
                doc_type="TB",
                summary=_("Thông báo kết luận: %(a)s") % {"a": activity},
                user=user,
                date=date,
                confidentiality=Confidentiality.SECRET if activity.confidential else Confidentiality.NORMAL,
                links=(activity,),
            )
            activity.notice_number = issued.symbol
    activity.save()
    ActivityStep.objects.create(activity=activity, state=to, date=date, by=_user(user), note=note)
    return activity


def _user(user: Any) -> Any:
    return user if getattr(user, "is_authenticated", False) else None


@transaction.atomic
def finding_add(*, activity: Activity, kind: str, text: str) -> Finding:
    finding = Finding(activity=activity, kind=kind, text=text)
    finding.full_clean()
    finding.save()
    return finding


@transaction.atomic
def recommendation_add(
    *,
    finding: Finding,
    text: str,
    deadline: datetime.date,
    owner_org: PartyOrg | None = None,
    owner_member: Member | None = None,
) -> Recommendation:
    if (owner_org is None) == (owner_member is None):
        raise ValidationError(_("Chọn đúng một nơi thực hiện: một tổ chức đảng hoặc một đảng viên."))
    rec = Recommendation(finding=finding, text=text, deadline=deadline, owner_org=owner_org, owner_member=owner_member)
    rec.full_clean()
    rec.save()
    return rec


@transaction.atomic
def recommendation_follow_up(
    *, recommendation: Recommendation, date: datetime.date, note: str, done: bool = False, user: Any = None
) -> FollowUp:
    if date > timezone.localdate():
        raise ValidationError(_("Ngày %(d)s ở tương lai.") % {"d": f"{date:%d/%m/%Y}"})
    follow = FollowUp.objects.create(recommendation=recommendation, date=date, note=note, by=_user(user))
    if done and recommendation.done_on is None:
        recommendation.done_on = date
        recommendation.save()
    return follow


@transaction.atomic
def recommendation_make_task(*, recommendation: Recommendation, start_date: datetime.date | None = None) -> Any:
    """Turn a recommendation into a key task of planning (source = the recommendation, shown both ways).

    Refused for a confidential activity: planning's task lists are read by roles that must not learn of it.
    """
    from dangvu.planning.selectors import tasks_from
    from dangvu.planning.services import task_create

    activity = recommendation.finding.activity
    if activity.confidential:
        raise ValidationError(_("Kiến nghị của cuộc kiểm tra mật không được chuyển thành nhiệm vụ trọng tâm."))
    if tasks_from(recommendation).exists():
        raise ValidationError(_("Kiến nghị này đã có nhiệm vụ trọng tâm."))
    org = recommendation.owner_org or (recommendation.owner_member.cell if recommendation.owner_member else None)
    start = start_date or activity.concluded_on or timezone.localdate()
    start = min(start, recommendation.deadline)
    return task_create(
        org=org,
        title=_("Khắc phục: %(t)s") % {"t": recommendation.text[:460]},
        start_date=start,
        due_date=recommendation.deadline,
        source=recommendation,
    )
