"""The reference article (Đảng bộ Tổng cục GDNN, 17/01/2020) and small cases of each rule."""

from __future__ import annotations

from pathlib import Path

import pytest

from dangvu.intake.extractors import classify, extract
from dangvu.intake.extractors.rules import find_addressee, find_deadline
from dangvu.lib.vn_text import fold

REFERENCE = Path(__file__).resolve().parents[1] / "evalset" / "articles" / "00-tcgdnn-2019.txt"


@pytest.fixture(scope="module")
def reference() -> dict:
    return extract(REFERENCE.read_text(encoding="utf-8"))


def _person(result: dict, name: str) -> dict:
    found = [p for p in result["people"] if fold(p["name"]) == fold(name)]
    assert len(found) == 1, result["people"]
    return found[0]


def test_reference_event(reference):
    assert reference["event"]["type"] == "review_conference"
    assert reference["event"]["date"] == "2020-01-17"
    # Written "Đảng Bộ" in the article: the capitalisation typo of the body head is corrected.
    assert reference["event"]["organizer"] == "Đảng bộ Tổng cục Giáo dục nghề nghiệp"
    assert reference["event"]["place"] is None  # "Tại Hội nghị" is no place
    assert reference["period_reviewed"] == "năm 2019"
    assert reference["period_planned"] == "năm 2020"


def test_reference_people_once_each_with_titles_and_roles(reference):
    assert sorted(p["name"] for p in reference["people"]) == ["Nguyễn Hồng Minh", "Phí Mạnh Thắng"]
    minh = _person(reference, "Nguyễn Hồng Minh")
    assert "Bí thư Đảng ủy" in minh["titles"]
    assert "Tổng Cục trưởng Tổng cục Giáo dục nghề nghiệp" in minh["titles"]
    assert minh["role_in_event"] == "chair"
    thang = _person(reference, "Phí Mạnh Thắng")
    assert thang["titles"] == ["Phó Bí thư Đảng ủy Tổng cục"]
    assert thang["role_in_event"] == "presenter"


def test_reference_shortcomings(reference):
    items = [fold(s) for s in reference["shortcomings"]]
    assert any("tu kiem tra, giam sat tai chi bo" in s and "chua duoc quan tam" in s for s in items)
    assert any("che do bao cao cua mot so don vi con cham" in s for s in items)
    assert any("noi dung sinh hoat cua mot so chi bo chua duoc doi moi" in s for s in items)
    assert len(items) == 3


def test_reference_directives(reference):
    texts = [d["text"] for d in reference["directives"]]
    target = [
        d for d in reference["directives"] if d["text"].startswith("Đề nghị các đơn vị thuộc Tổng cục khẩn chương")
    ]
    assert target, texts  # the typo "khẩn chương" is kept: items are spans of the source
    assert "xây dựng nhiệm vụ trọng tâm năm 2020" in target[0]["text"]
    assert target[0]["addressee"] == "các đơn vị thuộc Tổng cục"
    leaders = [d for d in reference["directives"] if "nêu gương" in d["text"] and "cần hết sức" in d["text"]]
    assert leaders and leaders[0]["addressee"] == "các đồng chí lãnh đạo"
    committee = [d for d in reference["directives"] if "cần tập trung làm tốt công tác cán bộ" in d["text"]]
    assert committee and committee[0]["addressee"] == "Đảng ủy Tổng cục"


def test_reference_achievements_exclude_event_sentences(reference):
    joined = " | ".join(reference["achievements"])
    assert "Đảng ủy Tổng cục đã làm tốt công tác tổ chức xây dựng Đảng" in joined
    assert "gửi lời chúc" not in joined
    assert "trình bày báo cáo" not in joined
    assert "tổ chức Hội nghị" not in joined


def test_captions_and_byline_are_no_statements(reference):
    everything = reference["achievements"] + reference["shortcomings"] + [d["text"] for d in reference["directives"]]
    assert not any(item.startswith(("VP TCGDNN", "Các đại biểu dự Hội nghị")) for item in everything)
    assert all(p["role_in_event"] != "author" for p in reference["people"])


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("Chiều ngày 17/01/2020, Chi bộ Vụ A tổ chức sinh hoạt chi bộ.", "2020-01-17"),
        ("Sáng 27-12-2019, Đảng bộ X tổ chức Hội nghị tổng kết.", "2019-12-27"),
        ("Ngày 17 tháng 01 năm 2020, Đảng ủy họp phiên thường kỳ.", "2020-01-17"),
        ("Ngày 32/13/2020 không có thật.", None),
    ],
)
def test_dates(text, date):
    assert extract(text)["event"]["date"] == date


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Đảng bộ Bộ tổ chức Hội nghị tổng kết công tác năm 2019.", "review_conference"),
        ("Đảng ủy tổ chức Hội nghị sơ kết 6 tháng đầu năm 2020.", "mid_year_review"),
        ("Chi bộ Văn phòng tổ chức Đại hội Chi bộ nhiệm kỳ 2020-2022.", "congress"),
        ("Đảng ủy tổ chức Hội nghị Ban Chấp hành lần thứ 5.", "committee_session"),
        ("Chi bộ Vụ Kế hoạch – Tài chính tổ chức sinh hoạt chi bộ tháng 3.", "cell_meeting"),
        ("Chi bộ tổ chức sinh hoạt chuyên đề quý I năm 2020.", "thematic_meeting"),
        ("Một văn bản không nói gì về họp.", "other"),
    ],
)
def test_event_types(text, kind):
    assert extract(text)["event"]["type"] == kind


def test_place_and_semester_periods():
    result = extract(
        "Sáng 10/7/2020, tại Hội trường tầng 6, số 37B Nguyễn Bỉnh Khiêm, Hà Nội, Đảng ủy Tổng cục tổ chức "
        "Hội nghị sơ kết công tác Đảng 6 tháng đầu năm 2020, nhiệm vụ 6 tháng cuối năm 2020."
    )
    assert result["event"]["place"] == "Hội trường tầng 6, số 37B Nguyễn Bỉnh Khiêm, Hà Nội"
    assert result["period_reviewed"] == "6 tháng đầu năm 2020"
    assert result["period_planned"] == "6 tháng cuối năm 2020"
    assert result["people"] == []  # a street named after a person is no person


def test_people_merge_honorifics_and_bylines():
    text = (
        "Tham dự có đồng chí Trần Thị Lan, Ủy viên Ban Thường vụ Đảng ủy Bộ.\n"
        "Đồng chí Lê Văn Nam, Chủ nhiệm Ủy ban Kiểm tra Đảng ủy chủ trì Hội nghị.\n"
        "Bà Trần Thị Lan phát biểu ý kiến.\n"
        "Nguyễn Văn An"
    )
    people = {p["name"]: p for p in extract(text)["people"]}
    assert set(people) == {"Trần Thị Lan", "Lê Văn Nam", "Nguyễn Văn An"}
    assert people["Trần Thị Lan"]["titles"] == ["Ủy viên Ban Thường vụ Đảng ủy Bộ"]
    assert people["Trần Thị Lan"]["role_in_event"] == "speaker"  # speaking outranks attending
    assert people["Lê Văn Nam"]["role_in_event"] == "chair"
    assert people["Lê Văn Nam"]["titles"] == ["Chủ nhiệm Ủy ban Kiểm tra Đảng ủy"]
    assert people["Nguyễn Văn An"]["role_in_event"] == "author"


def test_ho_chi_minh_quote_is_no_person():
    result = extract("Các đơn vị đã học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh.")
    assert result["people"] == []


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("Tuy nhiên, công tác kiểm tra còn hạn chế.", "shortcomings"),
        ("Chế độ báo cáo của một số đơn vị còn chậm.", "shortcomings"),
        ("Đề nghị các chi bộ hoàn thành báo cáo trước ngày 15/12/2020.", "directives"),
        ("Các chi bộ cần khắc phục hạn chế nêu trên.", "directives"),
        ("Tiếp tục đẩy mạnh học tập và làm theo tư tưởng Hồ Chí Minh.", "directives"),
        ("Đảng ủy đã lãnh đạo hoàn thành tốt nhiệm vụ chính trị.", "achievements"),
        ("Công tác phát triển đảng viên đạt 120% kế hoạch.", "achievements"),
        ("Các đại biểu dự Hội nghị.", None),
        ("Bí thư gửi lời chúc sức khỏe tới các đồng chí.", None),
        ("tuy nhien cong tac kiem tra con han che", "shortcomings"),  # diacritics lost
    ],
)
def test_classify(sentence, kind):
    assert classify(sentence) == kind


def test_enumeration_after_semicolon_continues_its_class():
    result = extract(
        "Trong năm 2020, Đảng ủy phấn đấu hoàn thành tốt nhiệm vụ chính trị; hoàn thiện quy hoạch cán bộ lãnh đạo "
        "các cấp nhiệm kỳ 2020-2025; tăng cường công tác kiểm tra, giám sát đảng viên."
    )
    assert len(result["directives"]) == 3
    assert result["achievements"] == []


def test_short_details_after_semicolon_stay_with_their_statement():
    result = extract(
        "Kết quả, có 18 chỉ tiêu đạt và vượt kế hoạch; trong đó, kinh tế 4/4 chỉ tiêu; văn hóa 9/10 chỉ tiêu."
    )
    assert len(result["achievements"]) == 1


def test_bulleted_sections():
    text = (
        "Tồn tại, hạn chế:\n"
        "- Một số đảng viên đi họp muộn\n"
        "- Việc thu nộp đảng phí có lúc không đúng kỳ\n"
        "Nhiệm vụ năm 2021:\n"
        "- Các chi bộ thực hiện nghiêm chế độ sinh hoạt\n"
    )
    result = extract(text)
    assert len(result["shortcomings"]) == 2
    assert [d["text"] for d in result["directives"]] == ["Các chi bộ thực hiện nghiêm chế độ sinh hoạt"]


def test_addressee_and_deadline():
    assert find_addressee("Đề nghị Văn phòng Đảng ủy tổng hợp báo cáo") == "Văn phòng Đảng ủy"
    assert find_addressee("Yêu cầu các chi bộ trực thuộc nộp báo cáo") == "các chi bộ trực thuộc"
    assert find_addressee("Cần làm tốt hơn nữa") is None
    assert find_deadline("nộp báo cáo trước ngày 15/12/2020") == "trước ngày 15/12/2020"
    assert find_deadline("hoàn thành trước quý III/2020") == "hoàn thành trước quý III/2020"
    assert find_deadline("làm tốt hơn") is None
