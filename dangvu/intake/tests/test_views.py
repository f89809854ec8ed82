"""The intake page on the reference article, from the paste to the records, as the office sees it."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone

from dangvu.conftest import Cast
from dangvu.core.models import AuditEntry
from dangvu.intake import services
from dangvu.intake.extractors import extract
from dangvu.intake.models import ConferenceParticipant, IntakeDraft
from dangvu.intake.tests.helpers import REFERENCE, form_data
from dangvu.meetings.models import Conference, ConferenceConclusion, ConferenceOpinion
from dangvu.planning.models import KeyTask

TEXT = REFERENCE.read_text(encoding="utf-8")


def paste(cast: Cast, text: str = TEXT, role: str = "office") -> IntakeDraft:
    response = cast.client(role).post(reverse("intake:draft_create"), {"org": cast.root.pk, "text": text})
    assert response.status_code == 302, response.content.decode()[:2000]
    return IntakeDraft.objects.get()


def test_the_office_pastes_the_reference_article_edits_it_and_confirms_it_once(cast: Cast) -> None:
    client = cast.client("office")
    assert client.get(reverse("intake:draft_create")).status_code == 200
    draft = paste(cast)
    assert not Conference.objects.exists()  # nothing but the draft before confirmation

    page = client.get(reverse("intake:draft_detail", args=[draft.pk])).content.decode()
    assert 'value="17/01/2020"' in page
    assert "Nguyễn Hồng Minh" in page and "Phí Mạnh Thắng" in page
    assert '<mark id="span-people-0"' in page and 'href="#span-people-0"' in page
    assert '<mark id="span-event" class="mark-event">17/01/2020</mark>' in page
    # the members of the same names are proposed as links
    assert f'<option value="{cast.member_a.pk}" selected>Nguyễn Hồng Minh — Chi bộ A</option>' in page
    assert f'<option value="{cast.member_b.pk}" selected>Phí Mạnh Thắng — Chi bộ B</option>' in page

    data = form_data(page, containing="event-title")
    assert data["shortcomings-2-text"].startswith("Nội dung sinh hoạt của một số Chi bộ")
    data["achievements-0-text"] = "Đảng ủy Tổng cục chỉ đạo điều hành có hiệu quả nhiệm vụ chính trị năm 2019."
    data["shortcomings-2-DELETE"] = "on"
    added = int(data["directives-TOTAL_FORMS"]) - 1
    data[f"directives-{added}-text"] = "Các chi bộ hoàn thành kiểm điểm cuối năm trước ngày 31/12/2020."
    data["directives-0-make_task"] = "on"
    data["directives-0-owner"] = str(cast.root.pk)
    data["directives-0-due_date"] = "31/12/2020"
    data["action"] = "save"
    response = client.post(reverse("intake:draft_detail", args=[draft.pk]), data)
    assert response.status_code == 302
    assert not Conference.objects.exists()

    reopened = client.get(reverse("intake:draft_detail", args=[draft.pk])).content.decode()
    assert "chỉ đạo điều hành có hiệu quả nhiệm vụ chính trị năm 2019." in reopened
    assert "Nội dung sinh hoạt của một số Chi bộ" not in form_data(reopened, "event-title").values()
    assert "Các chi bộ hoàn thành kiểm điểm cuối năm trước ngày 31/12/2020." in reopened
    assert 'value="31/12/2020"' in reopened

    data = form_data(reopened, containing="event-title")
    data["action"] = "confirm"
    response = client.post(reverse("intake:draft_detail", args=[draft.pk]), data, follow=True)
    assert "Đã xác nhận" in response.content.decode()
    conference = Conference.objects.get()
    assert conference.org == cast.root and conference.kind == Conference.Kind.YEARLY
    assert timezone.localtime(conference.held_at).date() == datetime.date(2020, 1, 17)
    assert conference.chair == "Nguyễn Hồng Minh"
    links = {p.name: p.member for p in ConferenceParticipant.objects.filter(conference=conference)}
    assert links == {"Nguyễn Hồng Minh": cast.member_a, "Phí Mạnh Thắng": cast.member_b}
    opinions = list(ConferenceOpinion.objects.filter(conference=conference).values_list("text", flat=True))
    assert "Kết quả: Đảng ủy Tổng cục chỉ đạo điều hành có hiệu quả nhiệm vụ chính trị năm 2019." in opinions
    assert sum(o.startswith("Hạn chế: ") for o in opinions) == 2  # three proposed, one dropped
    directives = ConferenceConclusion.objects.filter(conference=conference)
    assert directives.count() == len(extract(TEXT)["directives"]) + 1 and directives.last().text.startswith(
        "Các chi bộ hoàn thành"
    )  # type: ignore[union-attr]
    task = KeyTask.objects.get()
    assert task.source == directives.first() and task.due_date == datetime.date(2020, 12, 31)

    # a confirmed draft is read-only, links to the conference, and a second confirm creates nothing
    page = client.get(reverse("intake:draft_detail", args=[draft.pk])).content.decode()
    assert reverse("meetings:conference_detail", args=[conference.pk]) in page and "event-title" not in page
    response = client.post(reverse("intake:draft_detail", args=[draft.pk]), data, follow=True)
    assert "đã được xác nhận" in response.content.decode()
    assert Conference.objects.count() == 1 and KeyTask.objects.count() == 1
    assert ConferenceParticipant.objects.count() == 2

    conference_page = client.get(reverse("meetings:conference_detail", args=[conference.pk])).content.decode()
    assert "Các chi bộ hoàn thành kiểm điểm cuối năm" in conference_page

    def audited(model: type) -> set[str]:
        kind = ContentType.objects.get_for_model(model)
        return set(AuditEntry.objects.filter(content_type=kind).values_list("action", flat=True))

    assert audited(IntakeDraft) == {"create", "update"}
    assert "create" in audited(Conference) and "create" in audited(ConferenceParticipant)
    assert AuditEntry.objects.filter(actor__username="office", object_id=str(conference.pk)).exists()


def test_confirming_without_a_date_creates_nothing_and_says_what_is_missing(cast: Cast) -> None:
    draft = paste(cast)
    client = cast.client("office")
    data = form_data(client.get(reverse("intake:draft_detail", args=[draft.pk])).content.decode(), "event-title")
    data["event-date"] = ""
    data["action"] = "confirm"
    body = client.post(reverse("intake:draft_detail", args=[draft.pk]), data, follow=True).content.decode()
    assert "Hãy ghi ngày diễn ra hội nghị" in body
    assert not Conference.objects.exists()
    draft.refresh_from_db()
    assert draft.status == IntakeDraft.Status.DRAFT and draft.proposals["event"]["date"] is None


def test_a_wrong_date_is_shown_in_the_form_with_the_edits_kept(cast: Cast) -> None:
    draft = paste(cast)
    client = cast.client("office")
    data = form_data(client.get(reverse("intake:draft_detail", args=[draft.pk])).content.decode(), "event-title")
    data["event-date"] = "32/01/2020"
    data["event-title"] = "Hội nghị đã sửa tên"
    data["action"] = "save"
    response = client.post(reverse("intake:draft_detail", args=[draft.pk]), data)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Có mục chưa hợp lệ" in body and 'value="Hội nghị đã sửa tên"' in body


def test_discarding_keeps_the_draft_as_discarded(cast: Cast) -> None:
    draft = paste(cast)
    response = cast.client("committee").post(reverse("intake:draft_discard", args=[draft.pk]), follow=True)
    assert "Đã bỏ bản nháp" in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == IntakeDraft.Status.DISCARDED
    assert "Đã bỏ" in cast.client("office").get(reverse("intake:draft_list")).content.decode()


def test_a_changed_name_is_matched_again_and_a_chosen_no_link_is_kept(cast: Cast) -> None:
    draft = paste(cast)
    client = cast.client("office")
    url = reverse("intake:draft_detail", args=[draft.pk])
    data = form_data(client.get(url).content.decode(), "event-title")
    data["people-1-member"] = ""  # the person says: not our Phí Mạnh Thắng
    extra = int(data["people-TOTAL_FORMS"]) - 1
    data[f"people-{extra}-name"] = "Dang Thi Lan"  # typed without diacritics
    data[f"people-{extra}-role_in_event"] = "speaker"
    data["action"] = "save"
    assert client.post(url, data).status_code == 302
    draft.refresh_from_db()
    members = [p["member"] for p in draft.proposals["people"]]
    assert members == [cast.member_a.pk, None, cast.member_a2.pk]


@pytest.mark.parametrize("role", ["office", "committee"])
def test_the_index_lists_the_drafts_of_my_organization_only(cast: Cast, role: str) -> None:
    paste(cast)
    services.draft_create(org=cast.other_root, text=TEXT.replace("Tổng cục", "Cục Xa"), user=None)
    body = cast.client(role).get(reverse("intake:draft_list")).content.decode()
    assert body.count('href="/intake/') >= 1
    assert "Đảng bộ Thử nghiệm" in body and "Đảng bộ khác" not in body


def test_the_index_and_the_review_page_take_a_bounded_number_of_queries(
    cast: Cast, django_assert_max_num_queries: object
) -> None:
    for _i in range(30):
        draft = services.draft_create(org=cast.root, text=TEXT, user=None)
    client = cast.client("office")
    client.get(reverse("intake:draft_list"))  # warm the session
    with django_assert_max_num_queries(12):  # type: ignore[operator]
        assert client.get(reverse("intake:draft_list")).status_code == 200
    with django_assert_max_num_queries(14):  # type: ignore[operator]
        assert client.get(reverse("intake:draft_list"), {"page": 2}).status_code == 200
    with django_assert_max_num_queries(14):  # type: ignore[operator]
        assert client.get(reverse("intake:draft_detail", args=[draft.pk])).status_code == 200
