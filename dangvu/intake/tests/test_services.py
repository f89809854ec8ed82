"""The intake services: matching names to members, confirming once, refusing an incomplete draft."""

from __future__ import annotations

import datetime
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from dangvu.conftest import Cast, make_member
from dangvu.core.audit import acting_as
from dangvu.intake import selectors, services
from dangvu.intake.models import ConferenceParticipant, IntakeDraft
from dangvu.intake.spans import add_spans, segments
from dangvu.intake.tests.helpers import REFERENCE
from dangvu.meetings.models import Conference, ConferenceConclusion
from dangvu.organization import services as org_services
from dangvu.planning.models import KeyTask

TEXT = REFERENCE.read_text(encoding="utf-8")


def test_names_match_members_without_diacritics_and_only_inside_the_organization(cast: Cast) -> None:
    people = [{"name": "NGUYEN HONG MINH"}, {"name": "Trần Văn Xa"}, {"name": "Lê Chưa Có"}]
    assert selectors.match_members(cast.root, people) == [cast.member_a.pk, None, None]


def test_two_members_of_the_same_name_are_told_apart_by_the_title(cast: Cast) -> None:
    with acting_as(None, source="test"):
        namesake = make_member(cast.cell_b, "Nguyễn Hồng Minh", card_number="01000009")
        org_services.position_create(member=namesake, title="pho_bi_thu", party_org=cast.cell_b, term="2020–2025")
    assert selectors.match_members(cast.root, [{"name": "Nguyễn Hồng Minh", "titles": []}]) == [None]
    hinted = [{"name": "Nguyễn Hồng Minh", "titles": ["Phó Bí thư Chi bộ B"]}]
    assert selectors.match_members(cast.root, hinted) == [namesake.pk]


def test_a_draft_creates_nothing_but_itself(cast: Cast) -> None:
    with acting_as(None, source="test"):
        draft = services.draft_create(org=cast.root, text=TEXT, user=None)
    assert draft.proposals["event"]["date"] == "2020-01-17"
    assert draft.proposals["event"]["kind"] == Conference.Kind.YEARLY
    assert [p["member"] for p in draft.proposals["people"]] == [cast.member_a.pk, cast.member_b.pk]
    assert not Conference.objects.exists() and not KeyTask.objects.exists()


def test_a_cell_cannot_take_in_a_conference(cast: Cast) -> None:
    with pytest.raises(ValidationError):
        services.draft_create(org=cast.cell_a, text=TEXT, user=None)


def test_a_second_confirmation_creates_nothing(cast: Cast) -> None:
    with acting_as(None, source="test"):
        draft = services.draft_create(org=cast.root, text=TEXT, user=None)
        services.draft_confirm(draft=draft, user=None)
        with pytest.raises(ValidationError, match="đã được xác nhận"):
            services.draft_confirm(draft=IntakeDraft.objects.get(pk=draft.pk), user=None)
    assert Conference.objects.count() == 1
    assert ConferenceParticipant.objects.count() == 2
    assert ConferenceConclusion.objects.count() == len(draft.proposals["directives"])


def test_a_task_for_a_cell_is_linked_to_its_directive(cast: Cast) -> None:
    with acting_as(None, source="test"):
        draft = services.draft_create(org=cast.root, text=TEXT, user=None)
        proposals = draft.proposals
        proposals["directives"][1].update({"make_task": True, "owner": cast.cell_a.pk, "due_date": "2020-06-30"})
        services.draft_save(draft=draft, proposals=proposals)
        conference = services.draft_confirm(draft=draft, user=None)
    task = KeyTask.objects.get()
    assert task.org == cast.cell_a and task.due_date == datetime.date(2020, 6, 30)
    assert task.source == ConferenceConclusion.objects.filter(conference=conference)[1]


def test_an_incomplete_draft_is_refused_with_every_reason_and_nothing_is_created(cast: Cast) -> None:
    with acting_as(None, source="test"):
        draft = services.draft_create(org=cast.root, text=TEXT, user=None)
        proposals = draft.proposals
        proposals["event"]["date"] = None
        proposals["directives"][0].update({"make_task": True, "owner": cast.cell_x.pk, "due_date": None})
        proposals["people"][0]["member"] = cast.member_x.pk
        services.draft_save(draft=draft, proposals=proposals)
        with pytest.raises(ValidationError) as caught:
            services.draft_confirm(draft=draft, user=None)
    messages = " ".join(caught.value.messages)
    assert "ngày diễn ra" in messages and "hạn hoàn thành" in messages and "chủ trì" in messages
    assert "không thuộc" in messages
    assert not Conference.objects.exists()


def test_spans_point_at_the_words_of_each_proposal() -> None:
    text = "Tuy nhiên,  chế độ báo cáo còn chậm.\nĐề nghị các chi bộ   khắc phục ngay."
    result = {
        "event": {"date": None},
        "people": [],
        "achievements": [],
        "shortcomings": ["Chế độ báo cáo còn chậm"],
        "directives": [{"text": "Đề nghị các chi bộ khắc phục ngay", "addressee": "các chi bộ", "deadline": None}],
    }
    out = add_spans(text, result)
    start, end = out["shortcomings"][0]["span"]
    assert text[start:end] == "chế độ báo cáo còn chậm"
    start, end = out["directives"][0]["span"]
    assert text[start:end] == "Đề nghị các chi bộ   khắc phục ngay"
    pieces = segments(text, [(start, end, "span-directives-0", "directives")])
    assert "".join(p for p, _i, _k in pieces) == text


@pytest.mark.django_db(transaction=True)
def test_two_confirmations_at_once_create_one_conference(cast: Cast) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("SQLite locks the whole database: the race needs PostgreSQL's row locks")
    with acting_as(None, source="test"):
        draft = services.draft_create(org=cast.root, text=TEXT, user=None)
    outcomes: list[str] = []

    def confirm() -> None:
        try:
            with acting_as(None, source="test"):
                services.draft_confirm(draft=IntakeDraft.objects.get(pk=draft.pk), user=None)
            outcomes.append("ok")
        except ValidationError:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=confirm) for _i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["ok", "refused"]
    assert Conference.objects.count() == 1
