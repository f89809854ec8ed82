"""The query parser and the snippets: pure functions, the same on both databases."""

from __future__ import annotations

from dangvu.search.text import folded_words, highlight, parse


def test_stored_text_is_folded_to_plain_words() -> None:
    assert folded_words("Đảng ủy, Chi bộ 12-BC/ĐU") == ["dang", "uy", "chi", "bo", "12", "bc", "du"]


def test_a_query_keeps_quoted_phrases_together_and_drops_syntax() -> None:
    query = parse('"chi bộ" NEAR(đảng* : ủy)')
    assert [p.exact_text for p in query.parts] == ["chi bộ", "near", "đảng", "ủy"]
    assert query.fts5() == '"chi bo" AND "near" AND "dang" AND "uy"'
    assert query.tsquery() == "('chi' <-> 'bo') & ('near') & ('dang') & ('uy')"


def test_only_words_of_three_letters_or_more_are_searched_as_prefixes() -> None:
    query = parse('c nguye "chi bo" "bo ch"')
    assert query.fts5(prefix=True) == '"c" AND "nguye"* AND "chi bo" AND "bo ch"'
    assert query.tsquery(prefix=True) == "('c') & ('nguye':*) & ('chi' <-> 'bo') & ('bo' <-> 'ch')"
    assert parse("chi").fts5(prefix=True) == '"chi"*'
    assert not parse("c ng").prefixable and parse("c ngu").prefixable


def test_a_query_of_only_punctuation_is_empty() -> None:
    assert parse('"*" : ( ) -- ; \' "').empty


def test_an_unbalanced_quote_is_ignored() -> None:
    assert [p.exact_text for p in parse('"chi bộ').parts] == ["chi", "bộ"]


def test_a_query_longer_than_200_characters_gives_the_message() -> None:
    query = parse("đảng " * 50, too_long="quá dài")
    assert query.empty and query.error == "quá dài"


def test_the_snippet_marks_folded_matches_and_escapes_html() -> None:
    html = highlight("<b>Chi bộ</b> họp về công tác Đảng ủy", parse("dang uy"))
    assert html == "&lt;b&gt;Chi bộ&lt;/b&gt; họp về công tác <mark>Đảng ủy</mark>"


def test_the_snippet_is_cut_around_the_first_match() -> None:
    text = "mở đầu " * 60 + "kết luận của chi bộ " + "phần sau " * 60
    html = highlight(text, parse('"chi bo"'))
    assert html.startswith("…") and html.endswith("…") and "<mark>chi bộ</mark>" in html
    assert len(html) < 300


def test_a_match_at_the_end_of_a_long_attachment_is_marked() -> None:
    text = "Nghị quyết của Đảng ủy về công tác kiểm tra, giám sát. " * 1200 + "Người ký: Trần Thị Hồng"
    html = highlight(text, parse("tran thi hong"))
    assert html.startswith("…") and html.endswith("<mark>Trần Thị Hồng</mark>")


def test_a_character_that_folds_to_none_or_several_keeps_the_marks_in_place() -> None:
    # a lone combining accent folds to nothing, a Hangul syllable to three letters: the marks stay on the words
    html = highlight("Cafe\u0301 한 Trần Thị Hồng và Hồng", parse("tran thi hong"))
    assert html == "Cafe\u0301 한 <mark>Trần Thị Hồng</mark> và <mark>Hồng</mark>"
