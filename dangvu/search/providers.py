"""The providers: which records are searchable, their text, and who may see them.

`visible` always calls the owning app's own access function or selector (organization.access,
planning.access, reporting.selectors, meetings.selectors, supervision.access), never a rule of its own: a
confidential inspection case is visible exactly where supervision says it is. So does `visible_entries` for
members: organization.access's rule, on the cell their entry holds (search.0006).
"""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from dangvu.meetings import selectors as meeting_selectors
from dangvu.meetings.models import Conclusion, Conference, Meeting, Minutes
from dangvu.organization.access import visible_member_q, visible_members, visible_orgs
from dangvu.organization.models import Member, PartyOrg
from dangvu.planning.access import visible_tasks
from dangvu.planning.models import KeyTask
from dangvu.reporting.models import Submission
from dangvu.reporting.selectors import visible_submissions
from dangvu.search.models import Kind
from dangvu.search.registry import EntryData, Provider, archived, joined, register
from dangvu.supervision.access import activity_q, visible_activities
from dangvu.supervision.models import Activity, Finding, Recommendation


def _member(m: Member) -> EntryData:
    return EntryData(
        title=m.full_name,
        body=joined(m.birth_name, m.card_number, m.gov_position, m.hometown, m.professional_qualification),
        org_id=m.cell_id,
        date=m.admission_date,
        url=reverse("organization:member_detail", args=[m.pk]),
        archived=archived(m),
    )


def _org(o: PartyOrg) -> EntryData:
    return EntryData(
        title=o.name,
        body=joined(o.abbr, o.get_kind_display()),
        org_id=o.pk,
        date=None,
        url=reverse("organization:org_detail", args=[o.pk]),
        archived=archived(o),
    )


def _task(t: KeyTask) -> EntryData:
    return EntryData(
        title=t.title,
        body=joined(t.description, t.target),
        org_id=t.org_id,
        date=t.due_date,
        url=reverse("planning:task_detail", args=[t.pk]),
        archived=archived(t),
    )


def _report(s: Submission) -> EntryData:
    return EntryData(
        title=f"{s.kind.name} · {s.label}",
        body=joined(s.results, s.shortcomings, s.proposals, s.next_steps),
        org_id=s.org_id,
        date=s.submitted_on or s.period_end,
        url=reverse("reporting:submission_detail", args=[s.pk]),
        archived=archived(s),
    )


def _meeting(m: Meeting) -> EntryData:
    return EntryData(
        title=m.topic or str(m),
        body=joined(m.get_kind_display(), m.org.name, m.place),
        org_id=m.org_id,
        date=timezone.localdate(m.planned_at),
        url=reverse("meetings:meeting_detail", args=[m.pk]),
        archived=archived(m),
    )


def _minutes(m: Minutes) -> EntryData:
    meeting = m.meeting
    return EntryData(
        title=_("Biên bản: %(meeting)s") % {"meeting": meeting.topic or meeting},
        body=m.opinions,
        org_id=meeting.org_id,
        date=timezone.localdate(meeting.planned_at),
        url=reverse("meetings:meeting_detail", args=[meeting.pk]),
    )


def _conclusion(c: Conclusion) -> EntryData:
    meeting = c.meeting
    return EntryData(
        title=_("Kết luận: %(meeting)s") % {"meeting": meeting.topic or meeting},
        body=c.text,
        org_id=meeting.org_id,
        date=c.date,
        url=reverse("meetings:meeting_detail", args=[meeting.pk]),
    )


def _conference(c: Conference) -> EntryData:
    return EntryData(
        title=c.title,
        body=joined(c.get_kind_display(), c.place, c.chair, c.agenda),
        org_id=c.org_id,
        date=timezone.localdate(c.held_at),
        url=reverse("meetings:conference_detail", args=[c.pk]),
        archived=archived(c),
    )


def _activity(a: Activity) -> EntryData:
    return EntryData(
        title=str(a),
        body=joined(a.content, a.notice_number),
        org_id=a.subject_org_id or a.program.org_id,
        date=a.concluded_on or a.decided_on or a.planned_date,
        url=reverse("supervision:activity_detail", args=[a.pk]),
        archived=archived(a),
    )


def _finding(f: Finding) -> EntryData:
    a = f.activity
    return EntryData(
        title=_("%(kind)s · %(activity)s") % {"kind": f.get_kind_display(), "activity": a},
        body=f.text,
        org_id=a.subject_org_id or a.program.org_id,
        date=a.concluded_on or a.decided_on or a.planned_date,
        url=reverse("supervision:activity_detail", args=[a.pk]),
        archived=archived(f),
    )


def _recommendation(r: Recommendation) -> EntryData:
    a = r.finding.activity
    return EntryData(
        title=_("Kiến nghị · %(activity)s") % {"activity": a},
        body=r.text,
        org_id=r.owner_org_id or a.subject_org_id or a.program.org_id,
        date=r.deadline,
        url=reverse("supervision:activity_detail", args=[a.pk]),
        archived=archived(r),
    )


def _meeting_children(model: Any, user: Any) -> QuerySet[Any]:
    return model.objects.filter(meeting__in=meeting_selectors.visible_meetings(user))


_ACTIVITY_JOINS = ("activity__program__org", "activity__subject_org", "activity__subject_member")

register(
    Provider(
        Kind.MEMBER,
        Member,
        visible_members,
        _member,
        lambda: Member.objects.all(),
        visible_entries=lambda user: visible_member_q(user, cell="org", member="object_id"),
    )
)
register(Provider(Kind.ORG, PartyOrg, visible_orgs, _org, lambda: PartyOrg.objects.all()))
register(Provider(Kind.TASK, KeyTask, visible_tasks, _task, lambda: KeyTask.objects.all()))
register(
    Provider(Kind.REPORT, Submission, visible_submissions, _report, lambda: Submission.objects.select_related("kind"))
)
register(
    Provider(
        Kind.MEETING,
        Meeting,
        meeting_selectors.visible_meetings,
        _meeting,
        lambda: Meeting.objects.select_related("org"),
    )
)
register(
    Provider(
        Kind.MEETING,
        Minutes,
        lambda user: _meeting_children(Minutes, user),
        _minutes,
        lambda: Minutes.objects.select_related("meeting__org"),
    )
)
register(
    Provider(
        Kind.CONCLUSION,
        Conclusion,
        lambda user: _meeting_children(Conclusion, user),
        _conclusion,
        lambda: Conclusion.objects.select_related("meeting__org"),
    )
)
register(
    Provider(
        Kind.CONFERENCE,
        Conference,
        meeting_selectors.visible_conferences,
        _conference,
        lambda: Conference.objects.all(),
    )
)
register(
    Provider(
        Kind.INSPECTION,
        Activity,
        visible_activities,
        _activity,
        lambda: Activity.objects.select_related("program__org", "subject_org", "subject_member"),
    )
)
register(
    Provider(
        Kind.FINDING,
        Finding,
        lambda user: Finding.objects.active().filter(activity_q(user, "activity__"), activity__archived_at=None),
        _finding,
        lambda: Finding.objects.select_related(*_ACTIVITY_JOINS),
    )
)
register(
    Provider(
        Kind.FINDING,
        Recommendation,
        lambda user: Recommendation.objects.active().filter(
            activity_q(user, "finding__activity__"),
            finding__archived_at=None,
            finding__activity__archived_at=None,
        ),
        _recommendation,
        lambda: Recommendation.objects.select_related(*(f"finding__{j}" for j in _ACTIVITY_JOINS)),
    )
)


def _register_documents() -> None:
    """Văn bản: registered once the documents app has its register and its access function."""
    if not apps.is_installed("dangvu.documents"):
        return
    try:
        from dangvu.documents.access import visible_documents  # type: ignore[import-not-found,unused-ignore]
        from dangvu.documents.models import Document  # type: ignore[attr-defined,unused-ignore]
    except ImportError:
        return

    def _document(d: Any) -> EntryData:
        # Document.text already holds the text extracted from its DOCX and PDF files (documents.services).
        return EntryData(
            title=f"{d.symbol} {d.summary}".strip(),
            body=joined(d.issuer_name, d.summary, d.note, d.text),
            org_id=d.org_id,
            date=d.date,
            url=d.get_absolute_url(),
            archived=archived(d),
        )

    register(Provider(Kind.DOCUMENT, Document, visible_documents, _document, lambda: Document.objects.all()))


_register_documents()
