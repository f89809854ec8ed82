"""Rows of the role matrix (organization/tests/test_access.py) for the JSON API and the token pages.

Each API route is called with the session of each role on a record inside the scope and one outside it;
the record outside gives 404 to everyone. The expected statuses are those of the app's own pages, since the
routes ask the same access functions. An anonymous caller of an API route gets 401 JSON ("anonymous" key),
not the redirect to the log-in page that the HTML pages give.
"""

from __future__ import annotations

import datetime
from typing import Any

from dangvu.accounts import services as account_services
from dangvu.accounts.models import User
from dangvu.conftest import ROLES, Cast
from dangvu.core.audit import acting_as
from dangvu.meetings.tests.matrix import conference_of, meeting_of
from dangvu.planning.tests.factories import make_plan, make_task
from dangvu.reporting.tests.matrix import submission_of
from dangvu.supervision.tests.helpers import activity

AUTHED = [r for r in ROLES if r != "anonymous"]
READERS = ["office", "committee", "inspection", "observer"]


def _all(status: int) -> dict[str, int]:
    return dict.fromkeys(AUTHED, status)


def _api(expected: dict[str, int]) -> dict[str, int]:
    return {**expected, "anonymous": 401}


def _org(c: Cast, inside: bool) -> dict[str, Any]:
    return {"pk": (c.cell_a if inside else c.cell_x).pk}


def _member(c: Cast, inside: bool) -> dict[str, Any]:
    return {"pk": (c.member_a if inside else c.member_x).pk}


def _plan(c: Cast, inside: bool) -> dict[str, Any]:
    return {"pk": make_plan(c.cell_a if inside else c.cell_x).pk}


def _task(c: Cast, inside: bool) -> dict[str, Any]:
    return {"pk": make_task(c.cell_a if inside else c.cell_x, lead=c.member_a2 if inside else c.member_x).pk}


def _report(c: Cast, inside: bool) -> dict[str, Any]:
    return {"pk": submission_of(c, inside).pk}


def _meeting(c: Cast, inside: bool) -> dict[str, Any]:
    return {"pk": meeting_of(c, inside).pk}


def _conference(c: Cast, inside: bool) -> dict[str, Any]:
    return {"pk": conference_of(c, inside).pk}


def _inspection(c: Cast, inside: bool) -> dict[str, Any]:
    return {"pk": activity(c, inside=inside).pk}


def _token(c: Cast, inside: bool) -> dict[str, Any]:
    """Inside: a token of the office user (only they may revoke it); outside: a token of a user not in the cast."""
    owner = c.users["office"] if inside else User.objects.get_or_create(username="stranger")[0]
    with acting_as(None, source="test"):
        token, _secret = account_services.token_create(
            user=owner, name="Máy chủ báo cáo", expires_on=datetime.date.today() + datetime.timedelta(days=30)
        )
    return {"pk": token.pk}


LIST = _api(_all(200))
WITH_OWN_CELL = _api({**_all(200), "outsider": 404})  # a member sees their own cell's records
WITHOUT_MEMBERS = _api({**_all(200), "member": 404, "outsider": 404})
READERS_ONLY = _api({**_all(404), **dict.fromkeys(READERS, 200)})

MATRIX: dict[str, tuple[str, Any, dict[str, int]]] = {
    "api:api-root": ("get", None, _all(302)),
    "api:openapi-json": ("get", None, _all(200)),
    "api:openapi-view": ("get", None, _all(200)),
    "api:org_list": ("get", None, LIST),
    "api:org_detail": ("get", _org, WITH_OWN_CELL),
    "api:member_list": ("get", None, LIST),
    "api:member_detail": ("get", _member, WITHOUT_MEMBERS),
    "api:plan_list": ("get", None, LIST),
    "api:plan_detail": ("get", _plan, WITH_OWN_CELL),
    "api:task_list": ("get", None, LIST),
    "api:task_detail": ("get", _task, WITH_OWN_CELL),
    "api:report_list": ("get", None, LIST),
    "api:report_detail": ("get", _report, WITHOUT_MEMBERS),
    "api:meeting_list": ("get", None, LIST),
    "api:meeting_detail": ("get", _meeting, WITH_OWN_CELL),
    "api:conference_list": ("get", None, LIST),
    "api:conference_detail": ("get", _conference, READERS_ONLY),
    "api:inspection_list": ("get", None, LIST),
    "api:inspection_detail": ("get", _inspection, WITHOUT_MEMBERS),
    # without a JSON body: 400 for the roles that may extract, 403 (before the body is read) for the others
    "api:intake_extract": ("post", None, _api({**_all(400), "member": 403, "outsider": 403})),
    "accounts:token_list": ("get", None, _all(200)),
    "accounts:token_revoke": ("post", _token, {**_all(404), "office": 302}),
}
