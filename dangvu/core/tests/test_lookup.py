"""Choosing among a province's members and organizations: the search box of a long select (lookup.py)."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.urls import reverse

from dangvu.conftest import Cast, make_member
from dangvu.core import lookup
from dangvu.core.audit import acting_as
from dangvu.organization import services
from dangvu.organization.models import Member, PartyOrg
from dangvu.planning.models import KeyTask
from dangvu.planning.tests.factories import make_plan

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}
TASK_CREATE = reverse("planning:task_create")


@pytest.fixture
def long_lists(monkeypatch: pytest.MonkeyPatch) -> None:
    """Lists past two choices count as long, as a province's do past 300."""
    monkeypatch.setattr(lookup, "LISTED", 2)


def _task(cast: Cast, **fields: Any) -> dict[str, Any]:
    data = {
        "title": "Rà soát quy chế làm việc",
        "org": cast.cell_a.pk,
        "plan": make_plan(cast.cell_a).pk,
        "start_date": "01/02/2019",
        "due_date": "30/11/2019",
        "priority": "normal",
        "weight": "2",
        "status": "not_started",
    }
    data.update(fields)
    return data


def _matches(cast: Cast, role: str, **params: str) -> str:
    response = cast.client(role).get(TASK_CREATE, params, **HTMX)
    assert response.status_code == 200
    return response.content.decode()


class TestPage:
    def test_a_short_list_is_a_plain_select_of_every_choice(self, cast: Cast) -> None:
        body = cast.client("office").get(TASK_CREATE).content.decode()
        assert 'name="lead_q"' not in body
        assert ">Phí Mạnh Thắng</option>" in body and ">Nguyễn Hồng Minh</option>" in body
        assert 'type="checkbox" name="party_orgs"' in body  # several organizations: ticked, not ctrl-clicked

    def test_two_members_of_one_name_in_a_short_list_are_told_apart(self, cast: Cast) -> None:
        with acting_as(None, source="test"):
            twin = make_member(cast.cell_a, "Phí Mạnh Thắng", card_number="01000077")
        body = cast.client("office").get(TASK_CREATE).content.decode()
        assert f'<option value="{cast.member_b.pk}">Phí Mạnh Thắng · 01000003 · Chi bộ B</option>' in body
        assert f'<option value="{twin.pk}">Phí Mạnh Thắng · 01000077 · Chi bộ A</option>' in body
        assert ">Phí Mạnh Thắng</option>" not in body
        assert ">Nguyễn Hồng Minh</option>" in body  # a name no one else has stays as it was

    def test_a_long_list_shows_a_search_box_and_only_what_is_chosen(self, cast: Cast, long_lists: None) -> None:
        task = KeyTask.objects.get(pk=_saved_task(cast, lead=cast.member_b.pk))
        body = cast.client("office").get(reverse("planning:task_edit", args=[task.pk])).content.decode()
        assert 'name="lead_q"' in body and 'aria-label="Tìm: Người phụ trách"' in body
        assert f'<option value="{cast.member_b.pk}" selected>Phí Mạnh Thắng · 01000003 · Chi bộ B</option>' in body
        assert "Nguyễn Hồng Minh" not in body and "Đặng Thị Lan" not in body
        assert 'hx-get=""' in body and '"_lookup": "lead"' in body.replace("&quot;", '"')

    def test_the_page_costs_the_same_queries_for_more_members(
        self, cast: Cast, long_lists: None, django_assert_max_num_queries: Any
    ) -> None:
        client = cast.client("office")
        client.get(TASK_CREATE)
        with acting_as(None, source="test"):
            for i in range(30):
                make_member(cast.cell_b, f"Lê Văn Thêm {i}", card_number=f"0200{i:04d}")
        with django_assert_max_num_queries(11):
            body = client.get(TASK_CREATE).content.decode()
        assert "Lê Văn Thêm" not in body


def _saved_task(cast: Cast, **fields: Any) -> int:
    response = cast.client("office").post(TASK_CREATE, _task(cast, **fields))
    assert response.status_code == 302, response.content.decode()[:2000]
    return KeyTask.objects.latest("pk").pk


class TestMatches:
    def test_typing_part_of_a_name_without_diacritics_lists_the_members_who_match(
        self, cast: Cast, long_lists: None
    ) -> None:
        body = _matches(cast, "office", _lookup="lead", lead_q="dang lan")
        assert "Đặng Thị Lan · 01000002 · Chi bộ A</option>" in body
        assert "Nguyễn Hồng Minh" not in body
        assert 'hx-swap-oob="true">1 kết quả.</p>' in body

    def test_a_card_number_finds_its_member(self, cast: Cast, long_lists: None) -> None:
        body = _matches(cast, "office", _lookup="lead", lead_q="01000003")
        assert "Phí Mạnh Thắng" in body and "Đặng Thị Lan" not in body

    def test_members_outside_the_scope_are_never_listed(self, cast: Cast, long_lists: None) -> None:
        body = _matches(cast, "office", _lookup="lead", lead_q="tran van xa")
        assert "Trần Văn Xa" not in body and "Không tìm thấy “tran van xa”." in body
        # a cell secretary chooses within their cell
        body = _matches(cast, "cell_secretary", _lookup="lead", lead_q="0100000")
        assert "Nguyễn Hồng Minh" in body and "Đặng Thị Lan" in body and "Phí Mạnh Thắng" not in body

    def test_the_chosen_stays_selected_beside_the_matches(self, cast: Cast, long_lists: None) -> None:
        body = _matches(cast, "office", _lookup="lead", lead_q="0100000", lead=str(cast.member_b.pk))
        assert f'<option value="{cast.member_b.pk}" selected>' in body
        assert body.count("<option value=") == 4  # the empty one, the chosen, two more matches

    def test_past_the_shown_count_the_user_is_asked_to_type_more(
        self, cast: Cast, long_lists: None, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.setattr(lookup, "SHOWN", 2)
        body = _matches(cast, "office", _lookup="lead", lead_q="0100000")
        assert body.count("</option>") == 3 and "Hơn 2 kết quả: gõ thêm để thu hẹp." in body

    def test_several_organizations_are_ticked_and_the_ticked_stay(self, cast: Cast, long_lists: None) -> None:
        body = _matches(cast, "office", _lookup="party_orgs", party_orgs_q="chi bo", party_orgs=str(cast.cell_b.pk))
        assert f'name="party_orgs" value="{cast.cell_b.pk}" checked> Chi bộ B · Đảng bộ Thử nghiệm' in body
        assert f'name="party_orgs" value="{cast.cell_a.pk}"> Chi bộ A · Đảng bộ Thử nghiệm' in body
        assert "Chi bộ X" not in body

    def test_a_field_without_a_search_box_is_refused(self, cast: Cast) -> None:
        response = cast.client("office").get(TASK_CREATE, {"_lookup": "title"}, **HTMX)
        assert response.status_code == 400

    @pytest.mark.parametrize(
        ("name", "field"),
        [("planning:task_create", "lead"), ("supervision:program_create", "org"), ("rating:cycle_create", "org")],
    )
    def test_the_page_checks_its_rights_before_answering(
        self, cast: Cast, long_lists: None, name: str, field: str
    ) -> None:
        response = cast.client("member").get(reverse(name), {"_lookup": field, f"{field}_q": "chi"}, **HTMX)
        assert response.status_code == 403


class TestSentWithoutJavaScript:
    def test_one_match_of_the_typed_name_is_taken(self, cast: Cast, long_lists: None) -> None:
        task = KeyTask.objects.get(pk=_saved_task(cast, lead_q="hong minh"))
        assert task.lead == cast.member_a

    def test_several_matches_are_listed_to_choose_from_and_the_input_is_kept(
        self, cast: Cast, long_lists: None
    ) -> None:
        response = cast.client("office").post(TASK_CREATE, _task(cast, lead_q="0100000", title="Việc gõ dở"))
        body = response.content.decode()
        assert response.status_code == 200 and not KeyTask.objects.exists()
        assert "Có nhiều đảng viên khớp “0100000”: hãy chọn trong danh sách, hoặc gõ thêm cho rõ." in body
        assert "Phí Mạnh Thắng · 01000003" in body and 'value="Việc gõ dở"' in body and 'value="0100000"' in body

    def test_no_match_says_so(self, cast: Cast, long_lists: None) -> None:
        body = cast.client("office").post(TASK_CREATE, _task(cast, lead_q="tran van xa")).content.decode()
        assert "Không tìm thấy đảng viên nào khớp “tran van xa”. Hãy gõ lại, hoặc xóa ô tìm kiếm." in body
        assert not KeyTask.objects.exists()

    def test_the_chosen_counts_when_it_matches_the_text(self, cast: Cast, long_lists: None) -> None:
        task = KeyTask.objects.get(pk=_saved_task(cast, lead=cast.member_a2.pk, lead_q="0100000"))
        assert task.lead == cast.member_a2

    def test_a_new_text_replaces_a_chosen_that_does_not_match_it(self, cast: Cast, long_lists: None) -> None:
        task = KeyTask.objects.get(pk=_saved_task(cast, lead=cast.member_a.pk, lead_q="phi manh"))
        assert task.lead == cast.member_b

    def test_a_typed_organization_is_added_to_the_ticked(self, cast: Cast, long_lists: None) -> None:
        task = KeyTask.objects.get(pk=_saved_task(cast, party_orgs=[cast.cell_a.pk], party_orgs_q="thu nghiem"))
        assert set(task.party_orgs.all()) == {cast.cell_a, cast.root}

    def test_an_organization_outside_the_scope_is_not_found(self, cast: Cast, long_lists: None) -> None:
        body = cast.client("office").post(TASK_CREATE, _task(cast, party_orgs_q="chi bo x")).content.decode()
        assert "Không tìm thấy tổ chức đảng nào khớp “chi bo x”." in body


def test_an_organization_keeps_its_name_without_diacritics(cast: Cast) -> None:
    with acting_as(None, source="test"):
        org = services.party_org_create(name="Chi bộ Văn phòng Đảng ủy", kind=PartyOrg.Kind.CHI_BO, parent=cast.root)
    assert PartyOrg.objects.get(pk=org.pk).name_folded == "chi bo van phong dang uy"


def test_a_plan_is_found_by_its_organization_and_year(cast: Cast, long_lists: None) -> None:
    plan = make_plan(cast.cell_b, year=2019)
    older = make_plan(cast.cell_a, year=2018)
    body = _matches(cast, "office", _lookup="plan", plan_q="chi bo 2019")
    assert f'<option value="{plan.pk}" selected>{plan.title} · Chi bộ B</option>' in body and "Chi bộ A" not in body
    body = _matches(cast, "office", _lookup="plan", plan_q="chi bo a")
    assert f'<option value="{older.pk}" selected>{older.title} · Chi bộ A</option>' in body and "Chi bộ B" not in body


def _page_url(cast: Cast, name: str) -> str:
    """Each page with a lookup field, with the record its form is about where it needs one."""
    from dangvu.supervision.tests.helpers import activity, program

    if name == "supervision:activity_create":
        return reverse(name, args=[program(cast.root).pk])
    if name == "supervision:recommendation_add":
        return reverse(name, args=[activity(cast).pk])
    if name == "organization:member_event_add":
        return reverse(name, args=[cast.member_a.pk])
    if name == "organization:position_edit":
        return reverse(name, args=[cast.member_a.pk, cast.position_a.pk])
    if name.startswith("documents:"):  # with one register kept there is nothing to choose
        with acting_as(None, source="test"):
            services.party_org_create(
                name="Đảng bộ bộ phận Văn phòng", kind=PartyOrg.Kind.DANG_BO_BO_PHAN, parent=cast.root
            )
    return reverse(name)


OUTSIDE = ("Chi bộ X", "Trần Văn Xa", "Đảng bộ khác")  # another Party organization's


@pytest.mark.parametrize(
    "name",
    [
        "planning:plan_create",
        "planning:task_create",
        "planning:resolution_create",
        "reporting:kind_list",
        "reporting:obligation_list",
        "reporting:request",
        "reporting:compile",
        "annual:report_create",
        "supervision:program_create",
        "supervision:activity_create",
        "supervision:recommendation_add",
        "rating:cycle_create",
        "rating:commitment_create",
        "meetings:meeting_create",
        "organization:member_create",
        "organization:member_event_add",
        "organization:position_edit",
        "intake:draft_create",
        "documents:incoming_create",
        "documents:outgoing_create",
    ],
)
def test_every_search_box_is_answered_by_its_page_within_the_scope(
    cast: Cast, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    monkeypatch.setattr(lookup, "LISTED", 0)  # every list is long: each field shows its search box
    client = cast.client("cell_secretary" if name.startswith("meetings:") else "office")
    url = _page_url(cast, name)
    page = client.get(url)
    assert page.status_code == 200
    fields = re.findall(r'name="(\w+)_q"', page.content.decode())
    assert fields, f"{name}: no search box"
    for field in fields:
        for text in ("chi bo", "dang", "tran van xa", "0"):
            response = client.get(url, {"_lookup": field, f"{field}_q": text}, **HTMX)
            body = response.content.decode()
            assert response.status_code == 200 and "<html" not in body, f"{name} {field}: not answered"
            assert f'id="id_{field}_status"' in body
            assert not any(outside in body for outside in OUTSIDE), f"{name} {field} {text}: outside the scope"


def test_a_word_typed_is_the_start_of_a_word_of_the_name(cast: Cast) -> None:
    with acting_as(None, source="test"):
        an = make_member(cast.cell_b, "Nguyễn Văn An", card_number="03000001")
        make_member(cast.cell_b, "Trần Thị Lan", card_number="03000002")
    assert list(lookup.matching(Member.objects.all(), "an")) == [an]
    assert list(lookup.matching(Member.objects.all(), "NGUYEN   van a")) == [an]
    assert list(lookup.matching(Member.objects.all(), "0300000").order_by("card_number")) == [
        an,
        Member.objects.get(card_number="03000002"),
    ]


class TestAuditActor:
    """The audit trail's "who did it" filter: the accounts of the office's own organization, found by typing."""

    AUDIT = reverse("organization:audit_list")

    def test_the_filter_lists_the_accounts_of_the_organization_only(self, cast: Cast) -> None:
        from dangvu.accounts.models import User
        from dangvu.organization.models import RoleAssignment

        with acting_as(None, source="test"):
            elsewhere = User.objects.create_user(username="vanphong-khac", password="pw-test-123456")
            services.role_assign(user=elsewhere, role=RoleAssignment.Role.OFFICE, org=cast.other_root)
        body = cast.client("office").get(self.AUDIT).content.decode()
        select = body[body.index('name="actor"') : body.index("</select>", body.index('name="actor"'))]
        for listed in ("office", "committee", "cell_secretary", "member", "observer"):
            assert f">{listed}</option>" in select, listed
        assert "outsider" not in select and "vanphong-khac" not in select

    def test_the_filter_lists_the_accounts_of_the_committees_above(self, cast: Cast) -> None:
        """The province's office edits a cell's records too: the cell's own office can pick it in the filter."""
        from dangvu.accounts.models import User
        from dangvu.organization.models import RoleAssignment

        with acting_as(None, source="test"):
            below = User.objects.create_user(username="vanphong-duoi", password="pw-test-123456")
            services.role_assign(user=below, role=RoleAssignment.Role.OFFICE, org=cast.cell_a)
            elsewhere = User.objects.create_user(username="vanphong-khac", password="pw-test-123456")
            services.role_assign(user=elsewhere, role=RoleAssignment.Role.OFFICE, org=cast.other_root)
        client = cast.client("office")
        client.force_login(below)
        body = client.get(self.AUDIT).content.decode()
        select = body[body.index('name="actor"') : body.index("</select>", body.index('name="actor"'))]
        assert ">office</option>" in select and ">vanphong-duoi</option>" in select
        assert "vanphong-khac" not in select and "outsider" not in select

    def test_typing_finds_an_account_in_a_long_list(self, cast: Cast, long_lists: None) -> None:
        client = cast.client("office")
        body = client.get(self.AUDIT, {"_lookup": "actor", "actor_q": "cell"}, **HTMX).content.decode()
        secretary = cast.users["cell_secretary"]
        assert f'<option value="{secretary.pk}" selected>cell_secretary · cell_secretary</option>' in body
        body = client.get(self.AUDIT, {"_lookup": "actor", "actor_q": "outsider"}, **HTMX).content.decode()
        assert "Không tìm thấy “outsider”." in body

    def test_without_javascript_the_typed_name_filters_the_trail(self, cast: Cast, long_lists: None) -> None:
        with acting_as(cast.users["committee"], source="web"):
            services.member_update(member=cast.member_a, phone="0911000111")
        with acting_as(cast.users["office"], source="web"):
            services.member_update(member=cast.member_b, phone="0922000222")
        body = cast.client("office").get(self.AUDIT, {"actor_q": "committee"}).content.decode()
        assert "0911000111" in body and "0922000222" not in body
