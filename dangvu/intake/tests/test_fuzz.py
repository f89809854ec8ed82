"""Property tests: whatever the input, extract() returns the shape and never raises."""

from __future__ import annotations

import string

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dangvu.intake.extractors import extract
from dangvu.intake.tests.test_extract import REFERENCE

ROLES = {"chair", "presenter", "speaker", "attendee", "author", "other"}
REFERENCE_TEXT = REFERENCE.read_text(encoding="utf-8")
VIETNAMESE = "ăâđêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵĐĂÂÊÔƠƯ"


def assert_shape(result: dict) -> None:
    assert set(result) >= {"event", "people", "achievements", "shortcomings", "directives"}
    assert set(result) >= {"period_reviewed", "period_planned"}
    event = result["event"]
    assert isinstance(event["type"], str)
    for key in ("date", "place", "organizer"):
        assert event[key] is None or isinstance(event[key], str)
    if event["date"] is not None:
        assert len(event["date"]) == 10 and event["date"][4] == "-" and event["date"][7] == "-"
    for person in result["people"]:
        assert isinstance(person["name"], str) and person["name"]
        assert all(isinstance(t, str) for t in person["titles"])
        assert person["role_in_event"] in ROLES
    for key in ("achievements", "shortcomings"):
        assert all(isinstance(item, str) for item in result[key])
    for directive in result["directives"]:
        assert isinstance(directive["text"], str)
        assert directive["addressee"] is None or isinstance(directive["addressee"], str)
        assert directive["deadline"] is None or isinstance(directive["deadline"], str)
    for key in ("period_reviewed", "period_planned"):
        assert result[key] is None or isinstance(result[key], str)


@given(st.text())
@settings(max_examples=300, deadline=None)
def test_random_text(text):
    assert_shape(extract(text))


@given(st.text(alphabet=string.ascii_letters + VIETNAMESE + " .,;:…\n-–/0123456789()“”\"'", max_size=2000))
@settings(max_examples=300, deadline=None)
def test_vietnamese_like_text(text):
    assert_shape(extract(text))


@given(st.binary(max_size=2000))
@settings(max_examples=200, deadline=None)
def test_binary_ish(data):
    assert_shape(extract(data.decode("latin-1")))
    assert_shape(extract(data.decode("utf-8", errors="replace")))


@st.composite
def mangled_reference(draw: st.DrawFn) -> str:
    """The reference article cut, with words dropped, duplicated, case-flipped or glued, and noise inserted."""
    words = REFERENCE_TEXT.split(" ")
    start = draw(st.integers(0, len(words) - 1))
    end = draw(st.integers(start, len(words)))
    out = []
    for word in words[start:end]:
        action = draw(st.sampled_from(["keep", "keep", "keep", "drop", "dup", "upper", "lower", "glue", "noise"]))
        if action == "keep":
            out.append(word)
        elif action == "dup":
            out.extend([word, word])
        elif action == "upper":
            out.append(word.upper())
        elif action == "lower":
            out.append(word.lower())
        elif action == "glue" and out:
            out[-1] += word
        elif action == "noise":
            out.append(draw(st.text(max_size=8)))
    return " ".join(out)


@given(mangled_reference())
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_mangled_reference(text):
    assert_shape(extract(text))


def test_one_megabyte_and_non_strings():
    big = (REFERENCE_TEXT + "\n\n") * (1_000_000 // len(REFERENCE_TEXT.encode()) + 1)
    assert_shape(extract(big))
    assert_shape(extract("." * 100_000))
    assert_shape(extract("Nguyễn " * 50_000))
    assert_shape(extract(""))
    assert_shape(extract(None))  # type: ignore[arg-type]  # the contract: never raises, whatever is passed
