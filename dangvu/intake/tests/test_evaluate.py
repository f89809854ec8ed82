"""Scoring rules on small hand-made cases."""

from __future__ import annotations

import json

import pytest

from dangvu.intake.evaluate import Score, baseline, evaluate_dir, format_table, jaccard, match_count, score_one
from dangvu.intake.extractors import empty_result


def test_jaccard_on_folded_words():
    assert jaccard("Chế độ báo cáo còn chậm", "che do bao cao con cham") == 1.0
    assert jaccard("a b c d", "a b") == 0.5
    assert jaccard("", "") == 1.0
    assert jaccard("a", "") == 0.0


def test_greedy_one_to_one_matching():
    gold = ["chế độ báo cáo còn chậm", "nội dung sinh hoạt chưa đổi mới"]
    # Two predictions near the same gold item count once.
    assert match_count(["chế độ báo cáo còn chậm", "chế độ báo cáo còn chậm lắm"], gold) == 1
    assert match_count(["nội dung sinh hoạt chưa được đổi mới", "báo cáo còn chậm"], gold) == 2
    assert match_count(["hoàn toàn khác"], gold) == 0
    assert match_count([], gold) == 0


def _gold(**changes) -> dict:
    result = empty_result()
    result["event"].update({"date": "2020-01-17", "organizer": "Đảng bộ Tổng cục"})
    result["people"] = [{"name": "Nguyễn Hồng Minh", "titles": [], "role_in_event": "chair"}]
    result["shortcomings"] = ["Chế độ báo cáo còn chậm"]
    result["directives"] = [{"text": "Đề nghị các đơn vị khẩn trương", "addressee": None, "deadline": None}]
    result.update(changes)
    return result


def test_score_one_perfect_and_partial():
    gold = _gold()
    perfect = score_one(gold, gold)
    assert perfect.total == 1.0
    predicted = _gold(people=[{"name": "nguyen hong minh"}, {"name": "Phí Mạnh Thắng"}], shortcomings=[])
    predicted["event"] = {"date": "2020-01-18", "organizer": "ĐẢNG BỘ  tổng cục"}
    score = score_one(predicted, gold)
    assert score.fields["date"].accuracy == 0.0
    assert score.fields["organizer"].accuracy == 1.0  # folded, whitespace-normalised
    assert score.fields["people"].precision == 0.5
    assert score.fields["people"].recall == 1.0
    assert score.fields["shortcomings"].recall == 0.0
    assert score.fields["directives"].f1 == 1.0
    assert score.fields["achievements"].f1 == 1.0  # nothing predicted, nothing expected


def test_micro_average_over_articles():
    score = Score()
    score_one(_gold(), _gold(), score)
    score_one(_gold(shortcomings=[]), _gold(), score)
    assert score.articles == 2
    assert score.fields["shortcomings"].recall == 0.5
    assert score.fields["shortcomings"].precision == 1.0


def test_baseline_keywords():
    result = baseline("Công tác đã đạt kết quả. Tuy nhiên còn hạn chế. Đề nghị các chi bộ khắc phục. Trời đẹp.")
    assert result["achievements"] == ["Công tác đã đạt kết quả."]
    assert result["shortcomings"] == ["Tuy nhiên còn hạn chế."]
    assert [d["text"] for d in result["directives"]] == ["Đề nghị các chi bộ khắc phục."]
    assert result["people"] == []


def test_evaluate_dir_and_table(tmp_path):
    (tmp_path / "articles").mkdir()
    (tmp_path / "gold").mkdir()
    (tmp_path / "articles" / "a.txt").write_text(
        "Chiều ngày 17/01/2020, Đảng bộ Tổng cục tổ chức Hội nghị tổng kết. Chế độ báo cáo còn chậm.", encoding="utf-8"
    )
    (tmp_path / "gold" / "a.json").write_text(json.dumps(_gold(people=[], directives=[])), encoding="utf-8")
    (tmp_path / "articles" / "b.txt").write_text("Không có gold.", encoding="utf-8")
    ours, base, missing = evaluate_dir(tmp_path)
    assert missing == ["b.txt"]
    assert ours.articles == base.articles == 1
    assert ours.fields["date"].accuracy == 1.0
    assert ours.fields["organizer"].accuracy == 1.0
    assert ours.fields["shortcomings"].f1 == 1.0
    table = format_table(ours, base)
    assert "shortcomings" in table and "Tổng" in table


@pytest.mark.parametrize("field", ["date", "organizer", "people", "achievements", "shortcomings", "directives"])
def test_reference_article_scores_well(field):
    from pathlib import Path

    directory = Path(__file__).resolve().parents[1] / "evalset"
    text = (directory / "articles" / "00-tcgdnn-2019.txt").read_text(encoding="utf-8")
    gold = json.loads((directory / "gold" / "00-tcgdnn-2019.json").read_text(encoding="utf-8"))
    from dangvu.intake.extractors import extract

    score = score_one(extract(text), gold)
    # Long report sentences against shorter gold spans fall under the Jaccard threshold: 7 of 9 achievements match.
    assert score.value(field) >= 0.75, (field, score.value(field))


def test_the_set_is_split_alphabetically_into_a_dev_and_a_held_out_half():
    from pathlib import Path

    from dangvu.intake.evaluate import evaluate_split, split_names

    directory = Path(__file__).resolve().parents[1] / "evalset"
    names = split_names(directory)
    assert names["dev"][0] == "00-tcgdnn-2019" and len(names["dev"]) == len(names["held_out"]) == 14
    assert max(names["dev"]) < min(names["held_out"])
    halves = evaluate_split(directory)
    assert halves["dev"][0].articles + halves["held_out"][0].articles == 28
