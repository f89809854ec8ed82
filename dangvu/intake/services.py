"""Writes of the intake app: a draft is created, saved and discarded here; confirming it creates the records.

Nothing but the draft exists before confirmation. `draft_confirm` creates the conference, its participants,
opinions, directives and key tasks through the meetings and planning services, in one transaction.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from dangvu.intake import selectors
from dangvu.intake.extractors import extract
from dangvu.intake.models import ConferenceParticipant, IntakeDraft
from dangvu.intake.spans import add_spans
from dangvu.lib.vn_text import fold
from dangvu.meetings import services as meetings_services
from dangvu.meetings.models import Conference, ConferenceConclusion
from dangvu.organization.models import Member, PartyOrg
from dangvu.planning import services as planning_services

# The extractor's event types, with the conference kind each becomes and the start of its default title.
EVENT_TYPES: dict[str, tuple[str, Any]] = {
    "review_conference": (Conference.Kind.YEARLY, gettext_lazy("Hội nghị tổng kết")),
    "mid_year_review": (Conference.Kind.MIDYEAR, gettext_lazy("Hội nghị sơ kết")),
    "committee_session": (Conference.Kind.SESSION, gettext_lazy("Hội nghị Ban Chấp hành")),
    "congress": (Conference.Kind.SESSION, gettext_lazy("Đại hội")),
    "cell_meeting": (Conference.Kind.SESSION, gettext_lazy("Sinh hoạt chi bộ")),
    "thematic_meeting": (Conference.Kind.SESSION, gettext_lazy("Sinh hoạt chuyên đề")),
    "other": (Conference.Kind.SESSION, gettext_lazy("Hội nghị")),
}
HELD_AT = datetime.time(8, 0)  # the reports give a day, rarely an hour: the morning session

NOT_DRAFT = gettext_lazy("Bản nháp này đã được xác nhận hoặc đã bỏ: không sửa được nữa.")


def default_title(text: str, result: dict[str, Any]) -> str:
    event_type = (result.get("event") or {}).get("type") or "other"
    label = str(EVENT_TYPES.get(event_type, EVENT_TYPES["other"])[1])
    if result.get("period_reviewed"):
        return f"{label} {result['period_reviewed']}"[:300]
    first = next((line.strip() for line in text.splitlines() if line.strip()), "")
    return (first if 0 < len(first) <= 300 else label)[:300]


def build_proposals(org: PartyOrg, text: str) -> dict[str, Any]:
    """The extractor's output for `text`, with spans, a title and kind, and the member each person matches."""
    result = extract(text)
    proposals = add_spans(text, result)
    event = proposals["event"]
    event_type = event.get("type") if event.get("type") in EVENT_TYPES else "other"
    event["type"] = event_type
    event["kind"] = str(EVENT_TYPES[event_type][0])
    event["title"] = default_title(text, result)
    for person, member in zip(proposals["people"], selectors.match_members(org, proposals["people"]), strict=True):
        person["member"] = member
        person["match_key"] = fold(person["name"])
    for directive in proposals["directives"]:
        directive.update({"make_task": False, "owner": None, "due_date": None})
    return proposals


@transaction.atomic
def draft_create(*, org: PartyOrg, text: str, user: Any, file_name: str = "") -> IntakeDraft:
    """Read the text and keep the proposals as a draft: nothing else is created."""
    if org.kind in PartyOrg.CELL_KINDS:
        raise ValidationError(_("Nhập liệu hội nghị là việc của Đảng ủy, không phải của chi bộ."))
    draft = IntakeDraft(
        org=org,
        source_text=text,
        file_name=file_name[:255],
        proposals=build_proposals(org, text),
        created_by=user if getattr(user, "is_authenticated", False) else None,
    )
    draft.save()
    return draft


def _locked(draft: IntakeDraft) -> IntakeDraft:
    locked = IntakeDraft.objects.select_for_update().select_related("org").get(pk=draft.pk)
    if locked.status != IntakeDraft.Status.DRAFT:
        raise ValidationError(NOT_DRAFT)
    return locked


@transaction.atomic
def draft_save(*, draft: IntakeDraft, proposals: dict[str, Any]) -> IntakeDraft:
    """Keep the person's edits. A person whose name changed (or who is new) gets a fresh member match."""
    locked = _locked(draft)
    people = proposals.get("people", [])
    rematch = [p for p in people if p.get("match_key") != fold(p.get("name", ""))]
    for person, member in zip(rematch, selectors.match_members(locked.org, rematch), strict=True):
        person["member"] = member
        person["match_key"] = fold(person.get("name", ""))
    locked.proposals = proposals
    locked.save()
    draft.proposals, draft.status = locked.proposals, locked.status
    return locked


@transaction.atomic
def draft_discard(*, draft: IntakeDraft) -> IntakeDraft:
    locked = _locked(draft)
    locked.status = IntakeDraft.Status.DISCARDED
    locked.save()
    return locked


def _date(value: Any) -> datetime.date | None:
    if not value:
        return None
    try:
        return datetime.date.fromisoformat(str(value))
    except ValueError:
        return None


def _check(draft: IntakeDraft, proposals: dict[str, Any]) -> dict[str, Any]:
    """Everything confirmation needs, or a ValidationError listing what is missing; no write."""
    event = proposals.get("event") or {}
    errors: list[str] = []
    held_on = _date(event.get("date"))
    if held_on is None:
        errors.append(_("Hãy ghi ngày diễn ra hội nghị (dd/mm/yyyy)."))
    if not (event.get("title") or "").strip():
        errors.append(_("Hãy ghi tên hội nghị."))
    if event.get("kind") not in Conference.Kind.values:
        errors.append(_("Hãy chọn loại hội nghị."))
    orgs = {org.pk: org for org in PartyOrg.objects.active().filter(path__startswith=draft.org.path)}
    member_ids = [p["member"] for p in proposals.get("people", []) if p.get("member")]
    members = {
        m.pk: m for m in Member.objects.active().filter(pk__in=member_ids, cell__path__startswith=draft.org.path)
    }
    if len(members) != len(set(member_ids)):
        errors.append(_("Có đảng viên được liên kết không thuộc %(org)s.") % {"org": draft.org.name})
    for index, directive in enumerate(proposals.get("directives", []), start=1):
        if not directive.get("make_task"):
            continue
        due = _date(directive.get("due_date"))
        if due is None:
            errors.append(_("Chỉ đạo %(n)d: hãy ghi hạn hoàn thành của nhiệm vụ.") % {"n": index})
        elif held_on is not None and due < held_on:
            errors.append(
                _("Chỉ đạo %(n)d: hạn hoàn thành (%(due)s) không được trước ngày hội nghị (%(day)s).")
                % {"n": index, "due": f"{due:%d/%m/%Y}", "day": f"{held_on:%d/%m/%Y}"}
            )
        if directive.get("owner") not in orgs:
            errors.append(_("Chỉ đạo %(n)d: hãy chọn tổ chức đảng chủ trì nhiệm vụ.") % {"n": index})
    if errors:
        raise ValidationError(errors)
    return {"held_on": held_on, "orgs": orgs, "members": members}


@transaction.atomic
def draft_confirm(*, draft: IntakeDraft, user: Any) -> Conference:
    """Create the conference and everything the draft proposes, once: a second confirm creates nothing."""
    locked = _locked(draft)
    proposals = locked.proposals
    checked = _check(locked, proposals)
    event = proposals["event"]
    people = proposals.get("people", [])
    chairs = ", ".join(p["name"] for p in people if p.get("role_in_event") == "chair")
    conference = meetings_services.conference_create(
        org=locked.org,
        kind=event["kind"],
        title=event["title"].strip()[:300],
        held_at=timezone.make_aware(datetime.datetime.combine(checked["held_on"], HELD_AT)),
        place=(event.get("place") or "").strip()[:255],
        chair=chairs[:255],
    )
    for person in people:
        ConferenceParticipant.objects.create(
            conference=conference,
            draft=locked,
            name=person["name"][:255],
            titles="; ".join(person.get("titles") or [])[:1000],
            role=person.get("role_in_event")
            if person.get("role_in_event") in ConferenceParticipant.Role.values
            else "other",
            member=checked["members"].get(person.get("member")),
        )
        if person.get("role_in_event") == "presenter":
            meetings_services.conference_report_add(
                conference=conference, presenter=person["name"], title=_("Báo cáo trình bày tại hội nghị")
            )
    for key, label in (("achievements", _("Kết quả")), ("shortcomings", _("Hạn chế"))):
        for item in proposals.get(key, []):
            meetings_services.conference_opinion_add(conference=conference, text=f"{label}: {item['text']}")
    for directive in proposals.get("directives", []):
        item = meetings_services.conference_conclusion_add(
            conference=conference, kind=ConferenceConclusion.Kind.DIRECTIVE, text=directive["text"]
        )
        if not directive.get("make_task"):
            continue
        due = _date(directive.get("due_date"))
        assert due is not None  # checked above
        owner = checked["orgs"][directive["owner"]]
        if owner.pk == locked.org_id:
            meetings_services.directive_to_task(item=item, due_date=due)
        else:
            # A task led by a unit below the Đảng bộ: created for that unit, then linked as the directive's task.
            task = planning_services.task_create(
                org=owner, title=directive["text"][:500], start_date=checked["held_on"], due_date=due
            )
            meetings_services.directive_to_task(item=item, due_date=due, task=task)
    locked.status = IntakeDraft.Status.CONFIRMED
    locked.conference = conference
    locked.confirmed_at = timezone.now()
    locked.confirmed_by = user if getattr(user, "is_authenticated", False) else None
    locked.save()
    draft.status, draft.conference = locked.status, conference
    return conference
