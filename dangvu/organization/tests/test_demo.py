"""`dangvu demo` (the reference organization) and `dangvu demo --members N` (the province load)."""

from __future__ import annotations

from io import StringIO
from typing import Any

import pytest
from django.contrib.auth.models import Permission
from django.core.management import call_command
from django.db.models import Count
from django.test import Client
from django.urls import reverse

from dangvu.accounts.models import User
from dangvu.core.models import AuditEntry
from dangvu.lib.vn_text import fold, given_name_sort_key
from dangvu.organization import access, services
from dangvu.organization.demo.reference import DEMO_PASSWORD, ROOT_NAME, UPPER_CHAIN, plan_members
from dangvu.organization.models import (
    PATH_STEP,
    GovUnit,
    Member,
    MembershipEvent,
    PartyOrg,
    Position,
    RoleAssignment,
)

Title = Position.Title
Role = RoleAssignment.Role
Status = Member.Status


def run_demo(*args: str) -> str:
    out = StringIO()
    call_command("demo", *args, stdout=out)
    return out.getvalue()


def table_counts() -> dict[str, int]:
    counts = {
        model.__name__: model.objects.count()
        for model in (GovUnit, PartyOrg, Member, MembershipEvent, Position, RoleAssignment, AuditEntry, User)
    }
    counts["user_permissions"] = User.user_permissions.through.objects.count()
    counts["org_gov_units"] = PartyOrg.gov_units.through.objects.count()
    return counts


@pytest.fixture
def reference(db: Any) -> PartyOrg:
    run_demo()
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


def test_people_are_the_same_on_every_run() -> None:
    first, second = plan_members(), plan_members()
    assert [(p.card_number, p.person) for p in first] == [(p.card_number, p.person) for p in second]


def test_members_option_adds_a_province(db: Any) -> None:
    output = run_demo("--members", "500")
    assert "500" in output
    province = PartyOrg.objects.get(name="Đảng bộ tỉnh Thử nghiệm 1")
    assert province.kind == PartyOrg.Kind.DANG_BO_CAP_TREN and province.parent is None
    assert Member.objects.count() == 500
    assert Member.objects.filter(cell__path__startswith=province.path).count() == 500
    orgs = list(PartyOrg.objects.filter(path__startswith=province.path).select_related("parent"))
    kinds = {org.kind for org in orgs}
    assert {PartyOrg.Kind.DANG_BO_CO_SO, PartyOrg.Kind.CHI_BO} <= kinds
    for org in orgs:
        assert len(org.path) == (org.depth + 1) * (PATH_STEP + 1)
        if org.parent is not None:
            assert org.path.startswith(org.parent.path) and org.depth == org.parent.depth + 1
    assert set(Member.objects.values_list("cell__kind", flat=True)) == {PartyOrg.Kind.CHI_BO}
    for m in Member.objects.all()[:50]:
        assert (m.name_folded, m.sort_key) == (fold(m.full_name), given_name_sort_key(m.full_name))
        assert services.member_recompute_status(m).status == m.status
    events = MembershipEvent.objects.filter(member__cell__path__startswith=province.path)
    assert events.filter(kind=MembershipEvent.Kind.ADMISSION).count() == 500
    assert (
        events.filter(kind=MembershipEvent.Kind.FULL_MEMBERSHIP).count()
        == Member.objects.filter(status=Status.FULL).count()
    )
    entry = AuditEntry.objects.get()
    assert (entry.action, entry.object_id, entry.changes["members_added"]) == ("create", str(province.pk), 500)
    assert all(org.name_folded == fold(org.name) for org in orgs)  # organizations can be found by typing
    client = Client()
    client.force_login(User.objects.create_superuser("audit-reader", password="pw-test-123456"))
    response = client.get(reverse("organization:audit_list"))
    assert response.status_code == 200  # the load's entry counts rows, and the audit trail shows the counts
    assert "<strong>Members_added</strong>: <ins>500</ins>" in response.content.decode()


def test_members_option_again_adds_another_province(reference: PartyOrg) -> None:
    reference_members = Member.objects.count()
    run_demo("--members", "500")
    run_demo("--members", "500")
    second = PartyOrg.objects.get(name="Đảng bộ tỉnh Thử nghiệm 2")
    assert Member.objects.filter(cell__path__startswith=second.path).count() == 500
    assert Member.objects.count() == reference_members + 1000
    assert Member.objects.filter(cell__path__startswith=reference.path).count() == reference_members
    assert PartyOrg.objects.filter(path__startswith=second.path).count() > 10


def test_a_province_has_its_document_registers_and_is_searchable(db: Any) -> None:
    from dangvu.documents.models import Document, IssuedNumber
    from dangvu.search.models import SearchEntry

    run_demo("--members", "500")
    province = PartyOrg.objects.get(name="Đảng bộ tỉnh Thử nghiệm 1")
    documents = Document.objects.filter(org__path__startswith=province.path)
    cells = PartyOrg.objects.filter(path__startswith=province.path, kind=PartyOrg.Kind.CHI_BO).count()
    committees = PartyOrg.objects.filter(path__startswith=province.path).exclude(kind=PartyOrg.Kind.CHI_BO).count()
    assert documents.filter(direction=Document.Direction.INCOMING).count() == (cells + committees) * 2 * 3
    outgoing = documents.filter(direction=Document.Direction.OUTGOING)
    assert outgoing.count() == committees * 2 * 6 == IssuedNumber.objects.count()
    first = outgoing.filter(org=province, doc_type="BC").order_by("date").first()
    assert first is not None and first.symbol.startswith("01-BC/")  # numbered from 01 per type and term
    assert SearchEntry.objects.filter(kind="document").count() == documents.count()  # the index was rebuilt
