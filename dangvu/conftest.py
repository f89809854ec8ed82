"""The shared cast of every test: a small Party organization and one user per role.

Đảng bộ cơ sở "Đảng bộ Thử nghiệm" (root)
├── Chi bộ A  (cell_a)  ← cell secretary `secretary_a`, member `member_a`
└── Chi bộ B  (cell_b)  ← member `member_b`
Đảng bộ khác (other_root) └── Chi bộ X (cell_x)  ← outside every role's scope but the superuser's
"""

from __future__ import annotations

import datetime
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from dangvu.accounts.models import User
from dangvu.core.audit import acting_as
from dangvu.organization import services
from dangvu.organization.models import GovUnit, Member, PartyOrg, Position, RoleAssignment

Role = RoleAssignment.Role


# Every test's settings; data built once for a module (outside the function-scoped `settings`) uses them too.
TEST_SETTINGS: dict[str, Any] = {
    "PASSWORD_HASHERS": ["django.contrib.auth.hashers.MD5PasswordHasher"],
    "LANGUAGE_CODE": "vi",
}


@pytest.fixture(autouse=True)
def _fast_hashing_and_english_free(settings: Any) -> None:
    for name, value in TEST_SETTINGS.items():
        setattr(settings, name, value)


@dataclass
class Cast:
    root: PartyOrg
    cell_a: PartyOrg
    cell_b: PartyOrg
    other_root: PartyOrg
    cell_x: PartyOrg
    unit_a: GovUnit
    member_a: Member
    member_a2: Member
    member_b: Member
    member_x: Member
    users: dict[str, User]
    position_a: Position
    position_x: Position

    def client(self, role: str) -> Client:
        client = Client()
        if role != "anonymous":
            client.force_login(self.users[role])
        return client


ROLES = ["office", "committee", "inspection", "cell_secretary", "member", "observer", "outsider", "anonymous"]


def make_member(cell: PartyOrg, name: str, **fields: Any) -> Member:
    defaults: dict[str, Any] = {
        "gender": Member.Gender.MALE,
        "date_of_birth": datetime.date(1980, 5, 17),
        "admission_date": datetime.date(2005, 3, 2),
        "official_date": datetime.date(2006, 3, 2),
    }
    defaults.update(fields)
    return services.member_create(cell=cell, full_name=name, **defaults)


@pytest.fixture
def cast(db: Any) -> Cast:
    with acting_as(None, source="test"):
        unit_a = services.gov_unit_create(name="Vụ Kỹ năng nghề", kind=GovUnit.Kind.VU)
        root = services.party_org_create(name="Đảng bộ Thử nghiệm", kind=PartyOrg.Kind.DANG_BO_CO_SO, abbr="ĐU")
        cell_a = services.party_org_create(name="Chi bộ A", kind=PartyOrg.Kind.CHI_BO, parent=root, gov_units=[unit_a])
        cell_b = services.party_org_create(name="Chi bộ B", kind=PartyOrg.Kind.CHI_BO, parent=root)
        other_root = services.party_org_create(name="Đảng bộ khác", kind=PartyOrg.Kind.DANG_BO_CO_SO)
        cell_x = services.party_org_create(name="Chi bộ X", kind=PartyOrg.Kind.CHI_BO, parent=other_root)
        member_a = make_member(cell_a, "Nguyễn Hồng Minh", card_number="01000001", gov_unit=unit_a)
        member_a2 = make_member(cell_a, "Đặng Thị Lan", gender=Member.Gender.FEMALE, card_number="01000002")
        member_b = make_member(cell_b, "Phí Mạnh Thắng", card_number="01000003")
        member_x = make_member(cell_x, "Trần Văn Xa", card_number="09000001")
        users: dict[str, User] = {}
        for name in ROLES[:-1]:
            users[name] = User.objects.create_user(username=name, password="pw-test-123456", first_name=name)
        services.role_assign(user=users["office"], role=Role.OFFICE, org=root)
        services.role_assign(user=users["committee"], role=Role.COMMITTEE, org=root)
        services.role_assign(user=users["inspection"], role=Role.INSPECTION, org=root)
        services.role_assign(user=users["cell_secretary"], role=Role.CELL_SECRETARY, org=cell_a)
        services.role_assign(user=users["observer"], role=Role.OBSERVER, org=root)
        member_a2.user = users["member"]
        member_a2.save()
        position_a = services.position_create(member=member_a, title="bi_thu", party_org=cell_a, term="2017–2020")
        position_x = services.position_create(member=member_x, title="bi_thu", party_org=cell_x, term="2017–2020")
    return Cast(
        root,
        cell_a,
        cell_b,
        other_root,
        cell_x,
        unit_a,
        member_a,
        member_a2,
        member_b,
        member_x,
        users,
        position_a,
        position_x,
    )


# --- browser tests (Debian's Chromium driven by Playwright) -----------------------------------------------

CHROMIUM = Path("/usr/bin/chromium")
SHOTS = Path(__file__).resolve().parent.parent / "artifacts" / "screenshots"


def require_browser() -> None:
    """Call at the top of a browser test module: skip without Chromium, except in CI where it must fail."""
    if os.environ.get("DANGVU_REQUIRE_BROWSER") != "1" and not CHROMIUM.exists():
        pytest.skip("Chromium is not installed (apt-get install chromium); CI installs it", allow_module_level=True)
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(
            executable_path=str(CHROMIUM),
            args=[
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--no-first-run",
            ],
        )
        yield chromium
        chromium.close()


def screenshot(page: Any, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def assert_fits_phone(page: Any, width: int = 390) -> None:
    """The page does not scroll sideways on a phone-sized window."""
    scrolled = page.evaluate("document.documentElement.scrollWidth")
    assert scrolled <= width, f"the page scrolls sideways on a phone ({scrolled}px)"


def log_in(page: Any, base: str, username: str, password: str = "pw-test-123456") -> None:
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(password)
    page.get_by_role("button", name="Đăng nhập").click()
    # the next step often goes straight to another address: first let the log-in's answer (its cookie) arrive
    page.wait_for_url(lambda url: "/accounts/login/" not in url)
