from __future__ import annotations

import unicodedata

from dangvu.lib.vn_text import clean, fold, given_name_sort_key, nfc


def test_fold_strips_marks_and_maps_d_with_stroke() -> None:
    assert fold("Đặng Thị Hồng") == "dang thi hong"
    assert fold("ĐẢNG ỦY") == "dang uy"
    assert fold("Nguyễn Hồng Minh") == "nguyen hong minh"


def test_fold_reads_decomposed_input_like_composed() -> None:
    decomposed = unicodedata.normalize("NFD", "Phí Mạnh Thắng")
    assert decomposed != "Phí Mạnh Thắng"
    assert fold(decomposed) == "phi manh thang"
    assert nfc(decomposed) == "Phí Mạnh Thắng"


def test_clean_collapses_spaces_and_keeps_the_text() -> None:
    assert clean("  Chi bộ \t Vụ   Kỹ năng nghề ") == "Chi bộ Vụ Kỹ năng nghề"
    assert clean(None) == ""


def test_clean_keeps_the_lines_of_a_note() -> None:
    assert clean("Dòng 1  \r\n  Dòng   2\n\n\n\nDòng 3") == "Dòng 1\nDòng 2\n\nDòng 3"


def test_lists_sort_by_given_name() -> None:
    names = ["Nguyễn Văn Bình", "Trần Thị An", "Lê Minh Châu"]
    assert sorted(names, key=given_name_sort_key) == ["Trần Thị An", "Nguyễn Văn Bình", "Lê Minh Châu"]
