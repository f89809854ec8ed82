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


class SecretaryUser(_SignedIn):
    """Bí thư chi bộ: posts progress updates on the key tasks of the cell (the writes that are counted)."""

    role = "secretary"
    fixed_count = 1

    def on_start(self) -> None:
        super().on_start()
        self.tasks_cycle = itertools.cycle(TARGETS["write_tasks"])
        self.serial = 0

    @task
    def progress(self) -> None:
        if time.time() > WRITE_UNTIL:  # no write in flight when locust stops: every one is counted
            time.sleep(1)
            return
        pk = next(self.tasks_cycle)
        form = self.client.get(f"/plans/tasks/{pk}/progress/", name="write: progress form")
        match = CSRF.search(form.text)
        if match is None:
            return
        self.serial += 1
        today = datetime.date.today()
        update = {
            "date": f"{today:%d/%m/%Y}",
            "percent": str(10 + self.serial % 80),
            "status": "",
            "note": f"{TARGETS['write_tag']} #{self.serial}",
        }
        with self.post_form(
            f"/plans/tasks/{pk}/progress/", update, token=match[1], name="write: progress update"
        ) as response:
            if response.status_code != 302:
                response.failure(f"status {response.status_code}")


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
        if self.form is None or not attrs.get("name") and tag != "option" or "disabled" in attrs:
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


class ClerkUser(_SignedIn):
    """Cán bộ văn phòng: corrects members' records (the edits counted through the audit trail)."""

    role = "clerk"
    fixed_count = 1

    def on_start(self) -> None:
        super().on_start()
        self.members = itertools.cycle(TARGETS["edit_members"])
        self.serial = 0

    @task
    def edit_member(self) -> None:
        if time.time() > WRITE_UNTIL:
            time.sleep(1)
            return
        pk = next(self.members)
        page = self.client.get(f"/members/{pk}/edit/", name="write: member form")
        parser = _FormFields(marker="full_name")
        parser.feed(page.text)
        if not parser.forms:
            return
        self.serial += 1
        data = dict(parser.forms[0])
        phone = f"09{self.serial % 10**4:04d}{random.randrange(10**4):04d}"
        if phone == data.get("phone"):  # a change every time: each successful POST leaves an audit entry
            phone = phone[:-1] + str((int(phone[-1]) + 1) % 10)
        data["phone"] = phone
        token = data.pop("csrfmiddlewaretoken", "")
        with self.post_form(f"/members/{pk}/edit/", data, token=token, name="write: member edit") as response:
            if response.status_code != 302:
                response.failure(f"status {response.status_code}")


class MemberUser(_SignedIn):
    """Một đảng viên: the pages a member without a role opens."""

    role = "member"
    fixed_count = 1

    @task
    def own_pages(self) -> None:
        self.get_page("member: me", "/me/")
        self.get_page("member: dashboard", "/")
