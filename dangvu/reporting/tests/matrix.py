"""Rows of the role matrix (organization/tests/test_access.py) for the reporting pages.

Members see no reports (see reporting/selectors.py); a cell secretary sees and writes their cell's.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from dangvu.conftest import ROLES, Cast
from dangvu.core.audit import acting_as
from dangvu.organization.models import PartyOrg
from dangvu.reporting.models import Compilation, ReportKind, Submission, SubmissionAttachment

AUTHED = [r for r in ROLES if r != "anonymous"]
READERS = ["office", "committee", "inspection", "observer"]


def _all(status: int) -> dict[str, int]:
    return dict.fromkeys(AUTHED, status)


def _kind(root: PartyOrg) -> ReportKind:
    kind, _created = ReportKind.objects.get_or_create(
        org=root,
        name="Báo cáo tháng",
        defaults={"period": ReportKind.Period.MONTHLY, "due_rule": ReportKind.DueRule.DAY_OF_NEXT_MONTH},
    )
    return kind


def submission_of(cast: Cast, inside: bool) -> Submission:
    org, root = (cast.cell_a, cast.root) if inside else (cast.cell_x, cast.other_root)
    with acting_as(None, source="test"):
        sub, _created = Submission.objects.get_or_create(
            kind=_kind(root),
            org=org,
            period_start=datetime.date(2019, 1, 1),
            defaults={
                "period_end": datetime.date(2019, 1, 31),
                "label": "Tháng 01/2019",
                "due_date": datetime.date(2019, 2, 5),
            },
        )
    return sub


def _sub(cast: Cast, inside: bool) -> dict[str, Any]:
    return {"pk": submission_of(cast, inside).pk}


def _attachment(cast: Cast, inside: bool) -> dict[str, Any]:
    sub = submission_of(cast, inside)
    with acting_as(None, source="test"):
        attachment = sub.attachments.first()
        if attachment is None:
            # One fixed file, written once: the matrix runs many times and must not fill MEDIA_ROOT.
            name = "reporting/role-matrix/so-lieu.txt"
            if not default_storage.exists(name):
                default_storage.save(name, ContentFile(b"so lieu"))
            attachment = SubmissionAttachment(submission=sub, name="so-lieu.txt", size=7, file=name)
            attachment.save()
    return {"pk": sub.pk, "attachment_pk": attachment.pk}


def _compilation(cast: Cast, inside: bool) -> dict[str, Any]:
    root = cast.root if inside else cast.other_root
    with acting_as(None, source="test"):
        compilation, _created = Compilation.objects.get_or_create(
            org=root,
            kind=_kind(root),
            period_start=datetime.date(2019, 1, 1),
            defaults={
                "label": "Tháng 01/2019",
                "title": "Báo cáo tổng hợp",
                "symbol": "01-BC/ĐU",
                "issued_on": datetime.date(2019, 2, 10),
            },
        )
    return {"pk": compilation.pk}


SUBMISSION_READ = {**_all(200), "member": 404, "outsider": 404}
OFFICE_ONLY = {**_all(403), "office": 200}

MATRIX: dict[str, tuple[str, Any, dict[str, int]]] = {
    "reporting:submission_list": ("get", None, {**_all(403), **dict.fromkeys(READERS, 200)}),
    "reporting:my_reports": ("get", None, {**_all(403), "cell_secretary": 200}),
    "reporting:submission_detail": ("get", _sub, SUBMISSION_READ),
    "reporting:submission_edit": ("get", _sub, {**SUBMISSION_READ, **dict.fromkeys(READERS, 403)}),
    "reporting:submission_attach": (
        "post",
        _sub,
        {**SUBMISSION_READ, **dict.fromkeys(READERS, 403), "cell_secretary": 302},
    ),
    "reporting:attachment_download": ("get", _attachment, SUBMISSION_READ),
    "reporting:submission_accept": (
        "post",
        _sub,
        {**SUBMISSION_READ, **dict.fromkeys([*READERS, "cell_secretary"], 403), "office": 302},
    ),
    "reporting:submission_return": (
        "post",
        _sub,
        {**SUBMISSION_READ, **dict.fromkeys([*READERS, "cell_secretary"], 403), "office": 302},
    ),
    "reporting:kind_list": ("get", None, OFFICE_ONLY),
    "reporting:kind_edit": (
        "get",
        lambda c, inside: {"pk": _kind(c.root if inside else c.other_root).pk},
        {**_all(404), **dict.fromkeys(READERS, 403), "office": 200},
    ),
    "reporting:obligation_list": ("get", None, OFFICE_ONLY),
    "reporting:request": ("get", None, OFFICE_ONLY),
    "reporting:generate": ("post", None, {**_all(403), "office": 302}),
    "reporting:dashboard": ("get", None, {**_all(403), **dict.fromkeys(READERS, 200)}),
    "reporting:dashboard_export": ("get", None, {**_all(403), **dict.fromkeys(READERS, 200)}),
    "reporting:compile": ("get", None, OFFICE_ONLY),
    "reporting:compilation_detail": (
        "get",
        _compilation,
        {**_all(404), **dict.fromkeys(READERS, 200)},
    ),
    "reporting:compilation_download": (
        "get",
        _compilation,
        {**_all(404), **dict.fromkeys(READERS, 200)},
    ),
}
