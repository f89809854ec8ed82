"""An inspection on signs of violation is seen only by the inspection commission and the standing committee
(role committee, see supervision/access.py): every other role gets 404 and never meets it in a list, a count,
an export, the audit trail or planning's task lists."""

from __future__ import annotations

import datetime
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from dangvu.conftest import ROLES, Cast
from dangvu.core.audit import acting_as
from dangvu.core.models import AuditEntry
from dangvu.planning.models import KeyTask
from dangvu.supervision import selectors, services
from dangvu.supervision.models import CONFIDENTIAL_PREFIX, Activity
from dangvu.supervision.tests.helpers import activity, run_to

SECRET = "Nội dung mật 4711"
AUTHED = [r for r in ROLES if r != "anonymous"]
ALLOWED = {"inspection", "committee"}


@pytest.fixture
def secret(cast: Cast) -> Activity:
    act = activity(
        cast, kind=Activity.Kind.VIOLATION, subject_org=None, subject_member=cast.member_a2, content=SECRET, month=3
    )
    act = run_to(act, Activity.State.FOLLOW_UP, datetime.date(2019, 3, 5))
    with acting_as(None, source="test"):
        rec = act.findings.get().recommendations.get()
        services.recommendation_follow_up(recommendation=rec, date=datetime.date(2019, 6, 1), note=SECRET + " theo dõi")
    assert act.confidential
    return act


@pytest.mark.parametrize("role", AUTHED)
def test_pages_are_404_for_everyone_but_the_allowed(cast: Cast, secret: Activity, role: str) -> None:
    client = cast.client(role)
    rec = secret.findings.get().recommendations.get()
    read = [
        reverse("supervision:activity_detail", args=[secret.pk]),
        reverse("supervision:activity_notice", args=[secret.pk]),
    ]
    for url in read:
        assert client.get(url).status_code == (200 if role in ALLOWED else 404), url
    write = [
        reverse("supervision:activity_advance", args=[secret.pk]),
        reverse("supervision:finding_add", args=[secret.pk]),
        reverse("supervision:recommendation_add", args=[secret.pk]),
        reverse("supervision:follow_up_add", args=[rec.pk]),
    ]
    expected = {"inspection": 200, "committee": 403}.get(role, 404)
    for url in write:
        assert client.get(url).status_code == expected, url


@pytest.mark.parametrize("role", AUTHED)
def test_lists_counts_and_exports_hide_it(cast: Cast, secret: Activity, role: str) -> None:
    client = cast.client(role)
    allowed = role in ALLOWED
    listing = client.get(reverse("supervision:program_list"), {"year": 2019})
    if listing.status_code == 200:
        programs = list(listing.context["programs"])
        assert sum(p.n_activities for p in programs) == (1 if allowed else 0)
        assert (secret.program in programs) == (allowed or role in {"office", "observer"})
    by_kind = client.get(reverse("supervision:program_list"), {"kind": "violation"})
    if by_kind.status_code == 200:
        assert len(by_kind.context["programs"]) == (1 if allowed else 0)
    detail = client.get(reverse("supervision:program_detail", args=[secret.program_id]))
    if detail.status_code == 200:
        assert (SECRET in detail.content.decode()) == allowed
    export = client.get(reverse("supervision:program_export", args=[secret.program_id]))
    if export.status_code == 200:
        sheet = load_workbook(io.BytesIO(export.content)).active
        values = [str(c) for row in sheet.iter_rows(values_only=True) for c in row if c]
        assert (SECRET in values) == allowed
    else:
        assert export.status_code == 404 and not allowed
    coverage = client.get(reverse("supervision:coverage"), {"year": 2019})
    if coverage.status_code == 200:
        assert coverage.context["coverage"].due == (1 if allowed else 0)
    figures = selectors.coverage(cast.users[role], today=datetime.date(2020, 1, 1), year=2019)
    assert figures.due == (1 if allowed else 0)


def test_the_audit_trail_never_shows_it_to_the_office(cast: Cast, secret: Activity) -> None:
    paths = set(
        AuditEntry.objects.filter(content_type__app_label="supervision")
        .exclude(content_type__model="program")
        .values_list("org_path", flat=True)
    )
    assert paths and all(p.startswith(CONFIDENTIAL_PREFIX) for p in paths)
    response = cast.client("office").get(reverse("organization:audit_list"))
    assert response.status_code == 200
    body = response.content.decode()
    assert SECRET not in body and "dấu hiệu vi phạm" not in body


@pytest.mark.parametrize("role", ["inspection", "committee", "office"])
def test_no_task_is_made_from_it(cast: Cast, secret: Activity, role: str) -> None:
    rec = secret.findings.get().recommendations.get()
    response = cast.client(role).post(reverse("supervision:recommendation_task", args=[rec.pk]))
    assert response.status_code == {"inspection": 302, "committee": 403, "office": 404}[role]
    assert not KeyTask.objects.exists()
    for page in ["planning:overview"]:
        assert SECRET not in cast.client(role).get(reverse(page)).content.decode()
