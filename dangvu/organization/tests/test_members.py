"""Member records: lifecycle and derived status, audit trail, diacritics-insensitive search, forms."""

from __future__ import annotations

import datetime
import unicodedata

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.urls import reverse

from dangvu.conftest import Cast, make_member
from dangvu.core.audit import acting_as
from dangvu.core.models import AuditEntry
from dangvu.organization import services
from dangvu.organization.models import Member, MembershipEvent
from dangvu.organization.selectors import MemberFilters, member_list

Kind = MembershipEvent.Kind
Status = Member.Status


def _audit(member: Member) -> list[AuditEntry]:
    ct = ContentType.objects.get_for_model(Member)
    return list(AuditEntry.objects.filter(content_type=ct, object_id=str(member.pk)).order_by("at", "id"))


# --- lifecycle -------------------------------------------------------------------------------------


def test_status_derives_from_the_events(cast: Cast) -> None:
    member = make_member(cast.cell_a, "Lê Văn Mới", admission_date=datetime.date(2019, 6, 1), official_date=None)
    assert member.status == Status.PROBATIONARY
    services.member_add_event(member=member, kind=Kind.FULL_MEMBERSHIP, date=datetime.date(2020, 6, 1))
    member.refresh_from_db()
    assert member.status == Status.FULL
    assert member.official_date == datetime.date(2020, 6, 1)
    services.member_add_event(member=member, kind=Kind.EXEMPTION, date=datetime.date(2021, 1, 5), note="Sức khỏe yếu")
    member.refresh_from_db()
    assert member.is_exempt and member.is_active
    services.member_add_event(
        member=member, kind=Kind.INTERNAL_MOVE, date=datetime.date(2021, 2, 1), to_org=cast.cell_b
    )
    member.refresh_from_db()
    assert member.cell == cast.cell_b
    services.member_add_event(
        member=member, kind=Kind.TRANSFER_OUT, date=datetime.date(2022, 3, 1), external_org="Đảng bộ Bộ Y tế"
    )
    member.refresh_from_db()
    assert member.status == Status.TRANSFERRED_OUT and not member.is_active
    kinds = list(member.events.order_by("date").values_list("kind", flat=True))
    assert kinds == [Kind.ADMISSION, Kind.FULL_MEMBERSHIP, Kind.EXEMPTION, Kind.INTERNAL_MOVE, Kind.TRANSFER_OUT]


def test_full_membership_needs_twelve_months_of_probation(cast: Cast) -> None:
    member = make_member(cast.cell_a, "Lê Văn Sớm", admission_date=datetime.date(2019, 6, 15), official_date=None)
    with pytest.raises(ValidationError) as excinfo:
        services.member_add_event(member=member, kind=Kind.FULL_MEMBERSHIP, date=datetime.date(2020, 6, 14))
    assert "15/06/2020" in str(excinfo.value)
    member.refresh_from_db()
    assert member.status == Status.PROBATIONARY


def test_nothing_follows_a_terminal_event(cast: Cast) -> None:
    services.member_add_event(member=cast.member_b, kind=Kind.DEATH, date=datetime.date(2020, 1, 1))
    cast.member_b.refresh_from_db()
    assert cast.member_b.status == Status.DECEASED
    with pytest.raises(ValidationError):
        services.member_add_event(member=cast.member_b, kind=Kind.EXEMPTION, date=datetime.date(2020, 2, 1))


def test_an_event_cannot_be_dated_in_the_future(cast: Cast) -> None:
    with pytest.raises(ValidationError):
        services.member_add_event(member=cast.member_a, kind=Kind.EXEMPTION, date=datetime.date(2999, 1, 1))


def test_party_age_counts_from_admission_once_full(cast: Cast) -> None:
    assert cast.member_a.party_age(datetime.date(2020, 3, 1)) == 14
    assert cast.member_a.party_age(datetime.date(2020, 3, 2)) == 15


# --- audit -----------------------------------------------------------------------------------------


def test_every_change_leaves_who_when_and_before_after(cast: Cast) -> None:
    office = cast.users["office"]
    with acting_as(office, source="web"):
        services.member_update(member=cast.member_a, phone="0912345678", hometown="Hà Nam")
    entry = _audit(cast.member_a)[-1]
    assert entry.action == AuditEntry.Action.UPDATE
    assert entry.actor == office and entry.actor_name == "office"
    assert entry.changes == {"phone": ["", "0912345678"], "hometown": ["", "Hà Nam"]}
    assert entry.source == "web"


def test_creation_and_archiving_are_audited_and_nothing_is_deleted(cast: Cast) -> None:
    client = cast.client("office")
    response = client.post(reverse("organization:member_archive", args=[cast.member_b.pk]))
    assert response.status_code == 302
    cast.member_b.refresh_from_db()
    assert cast.member_b.archived_at is not None
    actions = [e.action for e in _audit(cast.member_b)]
    assert actions[0] == AuditEntry.Action.CREATE
    assert actions[-1] == AuditEntry.Action.ARCHIVE
    assert Member.objects.filter(pk=cast.member_b.pk).exists()
    client.post(reverse("organization:member_archive", args=[cast.member_b.pk]), {"restore": "1"})
    assert _audit(cast.member_b)[-1].action == AuditEntry.Action.RESTORE


def test_a_saved_record_without_changes_writes_no_entry(cast: Cast) -> None:
    before = AuditEntry.objects.count()
    member = Member.objects.get(pk=cast.member_a.pk)
    member.save()
    assert AuditEntry.objects.count() == before


def test_the_office_browses_the_trail_with_filters(cast: Cast) -> None:
    with acting_as(cast.users["office"], source="web"):
        services.member_update(member=cast.member_a, phone="0987654321")
    client = cast.client("office")
    body = client.get(reverse("organization:audit_list"), {"model": "organization.member"}).content.decode()
    assert "0987654321" in body and "Nguyễn Hồng Minh" in body
    filtered = client.get(
        reverse("organization:audit_list"), {"actor": cast.users["committee"].pk, "model": "organization.member"}
    )
    assert "0987654321" not in filtered.content.decode()


# --- search ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("nguyen hong minh", "Nguyễn Hồng Minh"),
        ("Nguyễn Hồng Minh", "Nguyễn Hồng Minh"),
        ("dang", "Đặng Thị Lan"),
        ("ĐẶNG", "Đặng Thị Lan"),
        ("phi thang", "Phí Mạnh Thắng"),
        (unicodedata.normalize("NFD", "Thắng"), "Phí Mạnh Thắng"),
        ("01000003", "Phí Mạnh Thắng"),
    ],
)
def test_name_search_ignores_diacritics(cast: Cast, query: str, expected: str) -> None:
    names = [m.full_name for m in member_list(cast.users["office"], MemberFilters(q=query))]
    assert names == [expected]


def test_search_through_the_page(cast: Cast) -> None:
    body = cast.client("office").get(reverse("organization:member_list"), {"q": "dang thi"}).content.decode()
    assert "Đặng Thị Lan" in body and "Nguyễn Hồng Minh" not in body


def test_filters_by_cell_and_status(cast: Cast) -> None:
    make_member(cast.cell_b, "Võ Thị Dự Bị", admission_date=datetime.date(2019, 9, 1), official_date=None)
    office = cast.users["office"]
    in_b = [m.full_name for m in member_list(office, MemberFilters(cell=cast.cell_b))]
    assert sorted(in_b) == ["Phí Mạnh Thắng", "Võ Thị Dự Bị"]
    probationary = [m.full_name for m in member_list(office, MemberFilters(status=Status.PROBATIONARY))]
    assert probationary == ["Võ Thị Dự Bị"]


# --- forms -----------------------------------------------------------------------------------------


def test_the_office_adds_a_member_with_dates_typed_dd_mm_yyyy(cast: Cast) -> None:
    data = {
        "full_name": "  Hoàng   Văn Nam ",
        "gender": "nam",
        "date_of_birth": "05/09/1990",
        "admission_date": "19/05/2015",
        "official_date": "19/05/2016",
        "cell": cast.cell_a.pk,
        "card_number": "01000099",
        "ethnicity": "Kinh",
        "religion": "Không",
        "education_general": "12/12",
    }
    response = cast.client("office").post(reverse("organization:member_create"), data)
    assert response.status_code == 302
    member = Member.objects.get(card_number="01000099")
    assert member.full_name == "Hoàng Văn Nam"
    assert member.date_of_birth == datetime.date(1990, 9, 5)
    assert member.status == Status.FULL
    page = cast.client("office").get(response["Location"]).content.decode()
    assert "05/09/1990" in page and "19/05/2015" in page


def test_a_bad_form_explains_in_vietnamese_and_keeps_what_was_typed(cast: Cast) -> None:
    before = Member.objects.count()
    data = {
        "full_name": "Ngô Thị Hạnh",
        "gender": "nu",
        "date_of_birth": "31/02/1990",
        "admission_date": "01/01/2015",
        "official_date": "01/01/2014",
        "cell": cast.cell_a.pk,
        "card_number": "01000001",  # already Nguyễn Hồng Minh's
    }
    response = cast.client("office").post(reverse("organization:member_create"), data)
    body = response.content.decode()
    assert response.status_code == 200
    assert Member.objects.count() == before
    assert "Ngô Thị Hạnh" in body  # the user's text is kept
    assert "Nhập một ngày hợp lệ" in body or "ngày hợp lệ" in body


def test_official_before_admission_is_refused_with_a_message(cast: Cast) -> None:
    data = {
        "full_name": "Ngô Thị Hạnh",
        "gender": "nu",
        "date_of_birth": "01/02/1990",
        "admission_date": "01/01/2015",
        "official_date": "01/01/2014",
        "cell": cast.cell_a.pk,
    }
    body = cast.client("office").post(reverse("organization:member_create"), data).content.decode()
    assert "Ngày chính thức phải sau ngày vào Đảng" in body
    assert not Member.objects.filter(full_name="Ngô Thị Hạnh").exists()


def test_editing_records_only_the_changed_fields(cast: Cast) -> None:
    url = reverse("organization:member_edit", args=[cast.member_a.pk])
    client = cast.client("office")
    form = client.get(url).context["form"]
    data = {name: form[name].value() for name in form.fields if form[name].value() is not None}
    for name in ["date_of_birth", "admission_date", "official_date"]:
        data[name] = getattr(cast.member_a, name).strftime("%d/%m/%Y")
    data["phone"] = "0911222333"
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    entry = _audit(cast.member_a)[-1]
    assert entry.changes == {"phone": ["", "0911222333"]}
    assert entry.actor == cast.users["office"]


def test_an_event_form_refuses_an_early_full_membership(cast: Cast) -> None:
    member = make_member(cast.cell_a, "Lê Văn Sớm", admission_date=datetime.date(2019, 6, 15), official_date=None)
    response = cast.client("office").post(
        reverse("organization:member_event_add", args=[member.pk]), {"kind": "chinh_thuc", "date": "01/01/2020"}
    )
    assert response.status_code == 200
    assert "Chưa đủ 12 tháng dự bị" in response.content.decode()


def test_the_trail_is_scoped_like_the_records(cast: Cast) -> None:
    with acting_as(cast.users["office"], source="web"):
        services.member_update(member=cast.member_x, phone="0900000999")  # another Party organization
        services.member_update(member=cast.member_a, phone="0900000111")
    body = cast.client("office").get(reverse("organization:audit_list")).content.decode()
    assert "0900000111" in body
    assert "0900000999" not in body and "Trần Văn Xa" not in body
    entry = _audit(cast.member_x)[-1]
    assert entry.org_path == cast.cell_x.path


def test_the_office_records_a_position_and_its_end(cast: Cast) -> None:
    client = cast.client("office")
    url = reverse("organization:position_add", args=[cast.member_b.pk])
    data = {"title": "pho_bi_thu", "party_org": cast.cell_b.pk, "term": "2017–2020", "start_date": "01/07/2017"}
    assert client.post(url, data).status_code == 302
    position = cast.member_b.positions.get()
    assert position.start_date == datetime.date(2017, 7, 1) and position.is_current
    edit = reverse("organization:position_edit", args=[cast.member_b.pk, position.pk])
    bad = client.post(edit, {**data, "end_date": "01/01/2017"})
    assert "Ngày thôi giữ chức vụ phải sau ngày bắt đầu" in bad.content.decode()
    assert client.post(edit, {**data, "end_date": "30/06/2020"}).status_code == 302
    position.refresh_from_db()
    assert position.end_date == datetime.date(2020, 6, 30) and not position.is_current
    body = client.get(reverse("organization:member_detail", args=[cast.member_b.pk])).content.decode()
    assert "Phó Bí thư" in body and "đã thôi" in body


def test_a_position_needs_a_place(cast: Cast) -> None:
    url = reverse("organization:position_add", args=[cast.member_b.pk])
    body = cast.client("office").post(url, {"title": "khac", "title_text": "Tổ trưởng công đoàn"}).content.decode()
    assert "Chức vụ phải gắn với một tổ chức đảng hoặc một đơn vị" in body
    assert not cast.member_b.positions.exists()
