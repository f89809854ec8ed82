"""`dangvu demo --members N` (the province load); the reference organization is in test_demo_reference.py."""

from __future__ import annotations

from io import StringIO
from typing import Any

from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from dangvu.accounts.models import User
from dangvu.core.models import AuditEntry
from dangvu.lib.vn_text import fold, given_name_sort_key
from dangvu.organization import services
from dangvu.organization.demo.reference import plan_members
from dangvu.organization.models import PATH_STEP, Member, MembershipEvent, PartyOrg

Status = Member.Status


def run_demo(*args: str) -> str:
    out = StringIO()
    call_command("demo", *args, stdout=out)
    return out.getvalue()


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
