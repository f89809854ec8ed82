"""get_<field>_display(): the labels are translated once per language (core.models.ChoiceLabelsModel)."""

from __future__ import annotations

from django.utils import translation

from dangvu.organization.models import PartyOrg
from dangvu.search.models import Kind, SearchEntry


def test_a_choice_label_follows_the_language_of_each_request() -> None:
    cell = PartyOrg(kind=PartyOrg.Kind.CHI_BO)
    with translation.override("vi"):
        assert cell.get_kind_display() == "Chi bộ"
    with translation.override("en"):
        assert cell.get_kind_display() == "Party cell"
    with translation.override("vi"):
        assert cell.get_kind_display() == "Chi bộ"


def test_a_value_outside_the_choices_shows_as_stored() -> None:
    assert PartyOrg(kind="khac").get_kind_display() == "khac"


def test_a_search_entry_names_its_kind_in_the_language_of_the_request() -> None:
    entry = SearchEntry(kind=Kind.MEMBER)
    with translation.override("vi"):
        assert entry.get_kind_display() == "Đảng viên"
    with translation.override("en"):
        assert entry.get_kind_display() == "Members"
