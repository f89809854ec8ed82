"""The users that bench/load.py sets on the server: run through bench/load.py, not by hand.

bench/load.py writes a JSON file of targets (users, passwords, the pages with their addresses, the key
tasks the cell secretary may update, the tag of this run) and passes its path in BENCH_TARGETS. Each
simulated user signs in through the login form (the CSRF token read from the form), then:

- OfficeUser (committee office of the test province): the main pages, each with the same weight, and
  /health/ (the framework's floor) with that same weight. With BENCH_ONLY=<page label> it requests that
  one page only: bench/load.py's throughput phases.
- SecretaryUser (one, fixed): posts a progress update on a key task of its cell, again and again, through
  the form (GET the form for its CSRF token, then POST); the note carries the run's tag so that
  bench/load.py can count the rows written and compare them with the successful POSTs. It stops writing
  at BENCH_WRITE_UNTIL (a few seconds before the end), so that no POST is cut off by locust's stop.
- ClerkUser (one, fixed): a clerk of the office corrects members' records, one after the other: GET the
  member's form, POST it back as a browser would (every field as shown) with a new telephone number. Each
  change leaves an audit entry, which bench/load.py counts against the successful POSTs. A profile edit
  like this one does not change the counts the dashboard and the tree cache (core.aggregates).
- MemberUser (one, fixed): a party member's own pages.

BENCH_WAIT="a,b": think time between requests, seconds (default 0: as fast as the server answers).
The production settings mark the session and CSRF cookies Secure; the benchmark talks plain HTTP to
127.0.0.1, so the cookie jar drops the Secure mark of the cookies it keeps (nothing else changes).
"""

from __future__ import annotations

import datetime
import html.parser
import http.cookiejar
import itertools
import json
import os
import random
import re
import time
from typing import Any

from locust import HttpUser, between, constant, task
from requests.cookies import RequestsCookieJar

TARGETS: dict[str, Any] = json.loads(open(os.environ["BENCH_TARGETS"], encoding="utf-8").read())  # noqa: SIM115
ONLY = os.environ.get("BENCH_ONLY", "")
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
HEALTH = ("health", "/health/")
WRITE_UNTIL = float(os.environ.get("BENCH_WRITE_UNTIL") or "inf")


def _wait() -> Any:
    spec = os.environ.get("BENCH_WAIT", "")
    if not spec:
        return constant(0)
    low, high = (float(x) for x in spec.split(","))
    return between(low, high)


class PlainHTTPCookieJar(RequestsCookieJar):
    """Keeps the cookies the server marks Secure, but sends them over plain HTTP too: the benchmark's
    server is on 127.0.0.1 without TLS, and requests would otherwise drop the session and CSRF cookies."""

    def set_cookie(self, cookie: http.cookiejar.Cookie, *args: Any, **kwargs: Any) -> Any:
        cookie.secure = False
        return super().set_cookie(cookie, *args, **kwargs)


class _SignedIn(HttpUser):
    abstract = True
    wait_time = _wait()
    role = ""

    def on_start(self) -> None:
        self.client.cookies = PlainHTTPCookieJar()
        account = TARGETS["users"][self.role]
        form = self.client.get("/accounts/login/", name="login form")
        match = CSRF.search(form.text)
        if match is None:
            raise RuntimeError("no CSRF token in the login form")
        credentials = {"username": account["username"], "password": account["password"]}
        with self.post_form("/accounts/login/", credentials, token=match[1], name="login") as response:
            if response.status_code != 302:
                response.failure(f"login refused ({response.status_code})")
                raise RuntimeError(f"login refused for {account['username']}")

    def post_form(self, path: str, data: dict[str, str], *, token: str, name: str) -> Any:
        """A form POST as a browser sends it (CSRF token and Referer); `with` it to judge the response."""
        return self.client.post(
            path,
            data={**data, "csrfmiddlewaretoken": token},
            headers={"Referer": f"{self.host}{path}"},
            name=name,
            allow_redirects=False,
            catch_response=True,
        )

    def get_page(self, label: str, url: str) -> None:
        with self.client.get(url, name=label, allow_redirects=False, catch_response=True) as response:
            if response.status_code != 200:
                response.failure(f"status {response.status_code}")


class OfficeUser(_SignedIn):
    """Văn phòng Đảng ủy of the test province: reads the main pages.

    bench/load.py signed each of these users in through the same login form before the run (one session
    each, in TARGETS["office_sessions"]): the Argon2 hash of 50 simultaneous log-ins would otherwise
    take the first seconds of every phase. The secretary and the member below sign in here.
    """

    role = "office"
    serial = itertools.count()

    def on_start(self) -> None:
        self.client.cookies = PlainHTTPCookieJar()
        sessions = TARGETS["office_sessions"]
        for name, value in sessions[next(OfficeUser.serial) % len(sessions)].items():
            self.client.cookies.set(name, value)
        pages = [tuple(p) for p in TARGETS["pages"]] + [HEALTH]
        if ONLY:
            pages = [p for p in pages if p[0] == ONLY]
            if not pages:
                raise RuntimeError(f"no page labelled {ONLY!r}")
        start = random.Random(id(self)).randrange(len(pages))
        self.pages = itertools.islice(itertools.cycle(pages), start, None)  # every page equally often

    @task
    def page(self) -> None:
        label, url = next(self.pages)
        self.get_page(label, url)


class _Writer(_SignedIn):
    """A user who sends one form again and again, over the records listed in TARGETS[records]; each successful
    POST (a redirect) is counted by bench/load.py against what it wrote. No write starts after
    BENCH_WRITE_UNTIL: none is in flight when locust stops."""

    abstract = True
    fixed_count = 1
    records = ""  # the key of TARGETS listing the records' ids
    path = ""  # the form's address, with {pk}
    names = ("", "")  # the GET's and the POST's names in locust's statistics

    def on_start(self) -> None:
        super().on_start()
        self.ids = itertools.cycle(TARGETS[self.records])
        self.serial = 0

    def fill(self, page: str) -> tuple[str, dict[str, str]] | None:
        """The CSRF token and the fields to send, from the form's page; None if it shows no form."""
        raise NotImplementedError

    @task
    def write(self) -> None:
        if time.time() > WRITE_UNTIL:
            time.sleep(1)
            return
        path = self.path.format(pk=next(self.ids))
        filled = self.fill(self.client.get(path, name=self.names[0]).text)
        if filled is None:
            return
        token, data = filled
        with self.post_form(path, data, token=token, name=self.names[1]) as response:
            if response.status_code != 302:
                response.failure(f"status {response.status_code}")


class SecretaryUser(_Writer):
    """Bí thư chi bộ: posts progress updates on the key tasks of the cell (the note carries the run's tag)."""

    role = "secretary"
    records = "write_tasks"
    path = "/plans/tasks/{pk}/progress/"
    names = ("write: progress form", "write: progress update")

    def fill(self, page: str) -> tuple[str, dict[str, str]] | None:
        match = CSRF.search(page)
        if match is None:
            return None
        self.serial += 1
        update = {
            "date": f"{datetime.date.today():%d/%m/%Y}",
            "percent": str(10 + self.serial % 80),
            "status": "",
            "note": f"{TARGETS['write_tag']} #{self.serial}",
        }
        return match[1], update


class _FormFields(html.parser.HTMLParser):
    """The fields a browser sends for the POST form that has a field named `marker`: the values as shown,
    ticked boxes only, the selected options, without disabled fields and buttons."""

    def __init__(self, marker: str) -> None:
        super().__init__()
        self.marker = marker
        self.forms: list[list[tuple[str, str]]] = []
        self.form: list[tuple[str, str]] | None = None
        self.select: str | None = None
        self.textarea: str | None = None

    def handle_starttag(self, tag: str, attrs_list: list[tuple[str, str | None]]) -> None:
        attrs = {k: v or "" for k, v in attrs_list}
        if tag == "form" and attrs.get("method", "").lower() == "post":
            self.form = []
        if self.form is None or (not attrs.get("name") and tag != "option") or "disabled" in attrs:
            return
        if tag == "input" and attrs.get("type", "text") not in ("submit", "button", "file", "image", "reset"):
            if attrs.get("type") not in ("checkbox", "radio") or "checked" in attrs:
                self.form.append((attrs["name"], attrs.get("value", "")))
        elif tag == "select":
            self.select = attrs["name"]
        elif tag == "option" and self.select is not None and "selected" in attrs:
            self.form.append((self.select, attrs.get("value", "")))
        elif tag == "textarea":
            self.textarea = attrs["name"]
            self.form.append((self.textarea, ""))

    def handle_data(self, data: str) -> None:
        if self.textarea is not None and self.form:
            name, text = self.form[-1]
            self.form[-1] = (name, text + data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "select":
            self.select = None
        elif tag == "textarea":
            self.textarea = None
        elif tag == "form" and self.form is not None:
            if any(name == self.marker for name, _value in self.form):
                self.forms.append(self.form)
            self.form = None


class ClerkUser(_Writer):
    """Cán bộ văn phòng: corrects members' records (the edits counted through the audit trail)."""

    role = "clerk"
    records = "edit_members"
    path = "/members/{pk}/edit/"
    names = ("write: member form", "write: member edit")

    def fill(self, page: str) -> tuple[str, dict[str, str]] | None:
        parser = _FormFields(marker="full_name")
        parser.feed(page)
        if not parser.forms:
            return None
        self.serial += 1
        data = dict(parser.forms[0])
        phone = f"09{self.serial % 10**4:04d}{random.randrange(10**4):04d}"
        if phone == data.get("phone"):  # a change every time: each successful POST leaves an audit entry
            phone = phone[:-1] + str((int(phone[-1]) + 1) % 10)
        data["phone"] = phone
        return data.pop("csrfmiddlewaretoken", ""), data


class MemberUser(_SignedIn):
    """Một đảng viên: the pages a member without a role opens."""

    role = "member"
    fixed_count = 1

    @task
    def own_pages(self) -> None:
        self.get_page("member: me", "/me/")
        self.get_page("member: dashboard", "/")
