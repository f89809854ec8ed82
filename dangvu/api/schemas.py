"""The shapes the API sends and accepts (pydantic, through django-ninja). Dates are ISO 8601 (YYYY-MM-DD)."""

from __future__ import annotations

import datetime
from typing import Any, Literal

from ninja import Field, Schema

MAX_PK = 2_147_483_647  # an id beyond a 32-bit integer is no record of ours (and overflows SQLite)
MAX_TEXT = 100_000  # characters of text sent to the extractor: a long conference report, not a book


class ErrorOut(Schema):
    detail: str = Field(description="Thông báo lỗi bằng tiếng Việt")


class FieldError(Schema):
    loc: list[str | int]
    msg: str
    type: str


class ValidationErrorOut(Schema):
    detail: str
    errors: list[FieldError]


class Ref(Schema):
    id: int
    name: str


class MemberRef(Schema):
    id: int
    full_name: str


class OrgOut(Schema):
    id: int
    name: str
    short_name: str
    abbr: str
    kind: str
    parent_id: int | None
    path: str
    depth: int
    is_external: bool


class MemberOut(Schema):
    id: int
    full_name: str
    gender: str
    date_of_birth: datetime.date
    cell: Ref
    gov_unit: Ref | None
    card_number: str | None
    admission_date: datetime.date | None
    official_date: datetime.date | None
    status: str
    is_exempt: bool
    archived: bool = Field(validation_alias="is_archived")


class PlanOut(Schema):
    id: int
    owner: Ref
    year: int
    title: str
    status: str


class PlanDetailOut(PlanOut):
    description: str
    percent: float
    task_counts: dict[str, int]


class TaskOut(Schema):
    id: int
    title: str
    plan_id: int | None
    org: Ref
    lead: MemberRef | None
    start_date: datetime.date
    due_date: datetime.date
    status: str
    display_status: str
    priority: str
    weight: int
    percent: int


class TaskDetailOut(TaskOut):
    description: str
    target: str


class SubmissionOut(Schema):
    id: int
    kind: Ref
    org: Ref
    label: str
    period_start: datetime.date
    period_end: datetime.date
    due_date: datetime.date
    status: str
    submitted_on: datetime.date | None


class SubmissionDetailOut(SubmissionOut):
    results: str
    shortcomings: str
    proposals: str
    next_steps: str


class MeetingOut(Schema):
    id: int
    org: Ref
    kind: str
    status: str
    planned_at: datetime.datetime
    place: str
    topic: str
    started_at: datetime.datetime | None
    ended_at: datetime.datetime | None


class MeetingDetailOut(MeetingOut):
    chair: MemberRef | None
    secretary: MemberRef | None


class ConferenceOut(Schema):
    id: int
    org: Ref
    kind: str
    title: str
    held_at: datetime.datetime
    place: str
    chair: str


class ProgramRef(Schema):
    id: int
    org: Ref
    body: str
    year: int
    title: str


class ActivityOut(Schema):
    id: int
    program: ProgramRef
    kind: str
    confidential: bool
    subject_org: Ref | None
    subject_member: MemberRef | None
    planned_month: int
    state: str
    decided_on: datetime.date | None
    concluded_on: datetime.date | None
    notice_number: str


class ActivityDetailOut(ActivityOut):
    content: str
    period_from: datetime.date | None
    period_to: datetime.date | None


class ExtractIn(Schema):
    text: str = Field(max_length=MAX_TEXT, description="Văn bản báo cáo, biên bản, bài tin (tối đa 100.000 ký tự)")


class EventOut(Schema):
    type: str
    date: str | None
    place: str | None
    organizer: str | None


class PersonOut(Schema):
    name: str
    titles: list[str]
    role_in_event: Literal["chair", "presenter", "speaker", "attendee", "author", "other"]


class DirectiveOut(Schema):
    text: str
    addressee: str | None
    deadline: str | None


class ExtractOut(Schema):
    event: EventOut
    people: list[PersonOut]
    achievements: list[str]
    shortcomings: list[str]
    directives: list[DirectiveOut]
    period_reviewed: str | None
    period_planned: str | None


ERRORS: dict[int, Any] = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ValidationErrorOut}
