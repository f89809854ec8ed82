"""`dangvu demo`: the reference organization, its people, roles and audit trail, and a second run."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.contrib.auth.models import Permission
from django.db import transaction
from django.db.models import Count
from django.test import override_settings

from dangvu.accounts.models import User
from dangvu.conftest import TEST_SETTINGS
from dangvu.core.models import AuditEntry
from dangvu.organization import access, services
from dangvu.organization.demo.reference import DEMO_PASSWORD, ROOT_NAME, UPPER_CHAIN
from dangvu.organization.models import GovUnit, Member, MembershipEvent, PartyOrg, Position, RoleAssignment
from dangvu.organization.tests.test_demo import run_demo

Title = Position.Title
Role = RoleAssignment.Role
Status = Member.Status


def table_counts() -> dict[str, int]:
    counts = {
        model.__name__: model.objects.count()
        for model in (GovUnit, PartyOrg, Member, MembershipEvent, Position, RoleAssignment, AuditEntry, User)
    }
    counts["user_permissions"] = User.user_permissions.through.objects.count()
    counts["org_gov_units"] = PartyOrg.gov_units.through.objects.count()
    return counts


@pytest.fixture(scope="module")
def _demo_loaded(django_db_setup: None, django_db_blocker: Any) -> Iterator[None]:
    """The reference demo, loaded once for this module's tests in a transaction rolled back after the last one;
    each test runs in a savepoint inside it (the `db` fixture). Loading it takes 10 s on SQLite and 25–35 s on
    PostgreSQL: once per test, it was a fifth of the PostgreSQL suite's time."""
    with django_db_blocker.unblock(), override_settings(**TEST_SETTINGS), transaction.atomic():
        run_demo()
        yield
        transaction.set_rollback(True)


@pytest.fixture
def reference(_demo_loaded: None, db: Any) -> PartyOrg:
    return PartyOrg.objects.get(name=ROOT_NAME)


def test_reference_organization_and_upper_chain(reference: PartyOrg) -> None:
    assert reference.kind == PartyOrg.Kind.DANG_BO_CO_SO
    assert (reference.abbr, reference.has_seal, reference.is_external) == ("ĐU", True, False)
    upper = reference.parent
    assert upper is not None and upper.name == UPPER_CHAIN[1] and upper.is_external
    assert upper.parent is not None and upper.parent.name == UPPER_CHAIN[0] and upper.parent.is_external
    cells = list(PartyOrg.objects.filter(parent=reference).prefetch_related("gov_units"))
    assert 13 <= len(cells) <= 14
    for cell in cells:
        assert (cell.kind, cell.abbr) == (PartyOrg.Kind.CHI_BO, "CB")
        assert cell.path.startswith(reference.path)
        units = list(cell.gov_units.all())
        assert units and all(u.parent is not None and u.parent.name == "Tổng cục Giáo dục nghề nghiệp" for u in units)
    directorate = GovUnit.objects.get(name="Tổng cục Giáo dục nghề nghiệp")
    assert directorate.kind == GovUnit.Kind.TONG_CUC
    assert directorate.parent is not None and directorate.parent.kind == GovUnit.Kind.BO


def test_reference_members_and_statuses(reference: PartyOrg) -> None:
    members = Member.objects.filter(cell__path__startswith=reference.path)
    assert 150 <= members.count() <= 250
    per_cell = members.values("cell").annotate(n=Count("id")).values_list("n", flat=True)
    assert all(8 <= n <= 25 for n in per_cell)
    statuses = set(members.values_list("status", flat=True))
    assert {Status.FULL, Status.PROBATIONARY, Status.TRANSFERRED_OUT} <= statuses
    assert members.filter(is_exempt=True, status=Status.FULL).exists()
    for m in members.filter(status=Status.PROBATIONARY):
        assert m.admission_date is not None and m.admission_date.year == 2019 and m.official_date is None
    for m in members.filter(status=Status.FULL):
        assert m.admission_date is not None and m.official_date is not None
        assert 20 <= (m.admission_date - m.date_of_birth).days // 365 <= 40
        assert (m.official_date - m.admission_date).days >= 365
    assert members.count() == members.values("card_number").distinct().count()
    out = MembershipEvent.objects.get(kind=MembershipEvent.Kind.TRANSFER_OUT)
    assert out.external_org and out.date.year == 2019
    move = MembershipEvent.objects.get(kind=MembershipEvent.Kind.INTERNAL_MOVE)
    assert move.to_org is not None and move.member.cell == move.to_org and move.from_org != move.to_org
    # The stored status is what the events imply.
    for m in members:
        assert services.member_recompute_status(m).status == m.status


def test_named_leaders_and_committees(reference: PartyOrg) -> None:
    def titles(name: str) -> set[tuple[str, str]]:
        member = Member.objects.get(full_name=name)
        return {
            (p.title, (p.party_org or p.gov_unit).name)  # type: ignore[union-attr]
            for p in member.positions.select_related("party_org", "gov_unit")
        }

    assert {(Title.BI_THU, ROOT_NAME), (Title.TONG_CUC_TRUONG, "Tổng cục Giáo dục nghề nghiệp")} <= titles(
        "Nguyễn Hồng Minh"
    )
    assert (Title.PHO_BI_THU, ROOT_NAME) in titles("Phí Mạnh Thắng")
    for name in ("Trương Anh Dũng", "Đỗ Năng Khánh"):
        assert {(Title.UV_BTV, ROOT_NAME), (Title.PHO_TONG_CUC_TRUONG, "Tổng cục Giáo dục nghề nghiệp")} <= titles(name)
    assert Position.objects.filter(party_org=reference, title=Title.BI_THU, term="2015–2020").count() == 1
    assert Position.objects.filter(party_org=reference, title=Title.CHU_NHIEM_UBKT).count() == 1
    assert Position.objects.filter(party_org=reference, title=Title.UV_UBKT).exists()
    for cell in PartyOrg.objects.filter(parent=reference):
        secretary = Position.objects.get(party_org=cell, title=Title.BI_THU)
        assert secretary.member.cell == cell
    assert Position.objects.filter(
        title__in=[Title.PHO_BI_THU, Title.CHI_UY_VIEN], party_org__parent=reference
    ).exists()


def test_one_demo_user_per_role(reference: PartyOrg) -> None:
    knn = PartyOrg.objects.get(name="Chi bộ Vụ Kỹ năng nghề")
    expected = {
        "vanphong": (Role.OFFICE, reference),
        "capuy": (Role.COMMITTEE, reference),
        "kiemtra": (Role.INSPECTION, reference),
        "bithu": (Role.CELL_SECRETARY, knn),
        "quansat": (Role.OBSERVER, reference),
    }
    for username, (role, org) in expected.items():
        user = User.objects.get(username=username)
        assert list(RoleAssignment.objects.filter(user=user).values_list("role", "org")) == [(role, org.pk)]
        assert user.check_password(DEMO_PASSWORD)
        assert not user.is_superuser
    assert Member.objects.get(user__username="capuy").full_name == "Phí Mạnh Thắng"
    assert Position.objects.filter(member__user__username="kiemtra", title=Title.UV_UBKT).exists()
    assert Position.objects.filter(member__user__username="bithu", title=Title.BI_THU, party_org=knn).exists()
    plain = User.objects.get(username="dangvien")
    assert not RoleAssignment.objects.filter(user=plain).exists()
    assert plain.member.cell == knn and not plain.member.positions.exists()  # type: ignore[attr-defined]
    assert not Member.objects.filter(user__username="quansat").exists()
    office = User.objects.get(username="vanphong")
    assert office.is_staff and office.has_perm("organization.change_member") and office.has_perm("core.view_auditentry")
    assert Permission.objects.filter(user=office).exists()
    # The roles see what they should: the cell secretary exactly the cell's roster, the member only themself.
    assert set(access.visible_members(User.objects.get(username="bithu"))) == set(Member.objects.filter(cell=knn))
    assert list(access.visible_members(plain)) == [plain.member]  # type: ignore[attr-defined]


def test_demo_leaves_an_audit_trail(reference: PartyOrg) -> None:
    assert AuditEntry.objects.filter(source="demo", object_repr="Phí Mạnh Thắng").exists()
    assert not AuditEntry.objects.exclude(source="demo").exists()


def test_second_run_changes_nothing(reference: PartyOrg) -> None:
    before = table_counts()
    output = run_demo()
    assert table_counts() == before
    assert "không thay đổi gì" in output


def test_members_option_again_adds_another_province(reference: PartyOrg) -> None:
    reference_members = Member.objects.count()
    run_demo("--members", "500")
    run_demo("--members", "500")
    second = PartyOrg.objects.get(name="Đảng bộ tỉnh Thử nghiệm 2")
    assert Member.objects.filter(cell__path__startswith=second.path).count() == 500
    assert Member.objects.count() == reference_members + 1000
    assert Member.objects.filter(cell__path__startswith=reference.path).count() == reference_members
    assert PartyOrg.objects.filter(path__startswith=second.path).count() > 10
