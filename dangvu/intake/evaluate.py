"""Scoring of the extractor (and of a keyword baseline) against hand-written gold files. Pure, no Django.

Rules, stated once here and in docs/intake.md:
- event date: exact match of the ISO string (null = null counts as correct);
- organizer: exact match after vn_text.fold and whitespace normalisation (null = null counts as correct);
- people: set precision/recall/F1 on folded names;
- achievements, shortcomings, directives (text): a predicted item matches a gold item when the Jaccard index of their
  sets of folded words is ≥ 0.5; matching is greedy one-to-one, best pairs first.
Counts are summed over all articles (micro average); the total is the mean of the six field scores (accuracy for
date and organizer, F1 for the four list fields).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dangvu.intake.extractors import extract
from dangvu.intake.extractors.rules import _split_sentences
from dangvu.lib.vn_text import clean, fold

JACCARD_THRESHOLD = 0.5
LIST_FIELDS = ("people", "achievements", "shortcomings", "directives")
EXACT_FIELDS = ("date", "organizer")
FIELDS = EXACT_FIELDS + LIST_FIELDS

_WORDS = re.compile(r"\w+")


def words(text: str) -> frozenset[str]:
    return frozenset(_WORDS.findall(fold(text)))


def jaccard(a: str, b: str) -> float:
    left, right = words(a), words(b)
    if not left and not right:
        return 1.0
    return len(left & right) / len(left | right)


def match_count(predicted: list[str], gold: list[str], threshold: float = JACCARD_THRESHOLD) -> int:
    """Greedy one-to-one matching, highest Jaccard first; returns the number of matched pairs."""
    pairs = sorted(
        ((jaccard(p, g), i, j) for i, p in enumerate(predicted) for j, g in enumerate(gold)),
        reverse=True,
    )
    used_p: set[int] = set()
    used_g: set[int] = set()
    for score, i, j in pairs:
        if score < threshold:
            break
        if i in used_p or j in used_g:
            continue
        used_p.add(i)
        used_g.add(j)
    return len(used_p)


def normalise_organizer(value: str | None) -> str:
    return " ".join(fold(value or "").split())


@dataclass
class Counts:
    """True positives, predicted and gold counts of a list field; correct and total of an exact field."""

    tp: int = 0
    predicted: int = 0
    gold: int = 0
    correct: int = 0
    total: int = 0

    @property
    def precision(self) -> float:
        return self.tp / self.predicted if self.predicted else (1.0 if not self.gold else 0.0)

    @property
    def recall(self) -> float:
        return self.tp / self.gold if self.gold else (1.0 if not self.predicted else 0.0)

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def accuracy(self) -> float:
        return self.correct / self.total if self.total else 0.0


@dataclass
class Score:
    fields: dict[str, Counts] = field(default_factory=lambda: {name: Counts() for name in FIELDS})
    articles: int = 0

    def value(self, name: str) -> float:
        counts = self.fields[name]
        return counts.accuracy if name in EXACT_FIELDS else counts.f1

    @property
    def total(self) -> float:
        return sum(self.value(name) for name in FIELDS) / len(FIELDS)


def _texts(items: Iterable[Any] | None) -> list[str]:
    """Statement lists hold strings (achievements) or {"text": ...} (directives)."""
    out = []
    for item in items or []:
        text = item.get("text") if isinstance(item, dict) else item
        if isinstance(text, str) and text.strip():
            out.append(text)
    return out


def score_one(predicted: dict[str, Any], gold: dict[str, Any], into: Score | None = None) -> Score:
    """Add one article's comparison to `into` (a new Score if None) and return it."""
    score = into if into is not None else Score()
    score.articles += 1
    p_event, g_event = predicted.get("event") or {}, gold.get("event") or {}
    date = score.fields["date"]
    date.total += 1
    date.correct += int((p_event.get("date") or None) == (g_event.get("date") or None))
    organizer = score.fields["organizer"]
    organizer.total += 1
    organizer.correct += int(
        normalise_organizer(p_event.get("organizer")) == normalise_organizer(g_event.get("organizer"))
    )
    p_names = {fold(p.get("name", "")) for p in predicted.get("people") or [] if p.get("name")}
    g_names = {fold(p.get("name", "")) for p in gold.get("people") or [] if p.get("name")}
    people = score.fields["people"]
    people.tp += len(p_names & g_names)
    people.predicted += len(p_names)
    people.gold += len(g_names)
    for name in ("achievements", "shortcomings", "directives"):
        p_items, g_items = _texts(predicted.get(name)), _texts(gold.get(name))
        counts = score.fields[name]
        counts.tp += match_count(p_items, g_items)
        counts.predicted += len(p_items)
        counts.gold += len(g_items)
    return score


# ---------------------------------------------------------------------------------------------------------------
# Keyword baseline: what a grep would give; the extractor must beat it.
# ---------------------------------------------------------------------------------------------------------------

_B_SHORT = re.compile(r"tuy nhiên|hạn chế|chưa")
_B_DIRECTIVE = re.compile(r"đề nghị|(?<!\w)cần(?!\w)|(?<!\w)phải(?!\w)")
_B_ACH = re.compile(r"(?<!\w)(?:đã|đạt)(?!\w)")


def baseline(text: str) -> dict[str, Any]:
    """Keyword baseline: each sentence (split like the extractor) with "tuy nhiên|hạn chế|chưa" is a shortcoming,
    else with "đề nghị|cần|phải" a directive, else with "đã|đạt" an achievement; no event, no people."""
    result: dict[str, Any] = {
        "event": {"type": "other", "date": None, "place": None, "organizer": None},
        "people": [],
        "achievements": [],
        "shortcomings": [],
        "directives": [],
        "period_reviewed": None,
        "period_planned": None,
    }
    for line in clean(text).split("\n"):
        for sentence, _ in _split_sentences(line):
            lower = sentence.lower()
            if _B_SHORT.search(lower):
                result["shortcomings"].append(sentence)
            elif _B_DIRECTIVE.search(lower):
                result["directives"].append({"text": sentence, "addressee": None, "deadline": None})
            elif _B_ACH.search(lower):
                result["achievements"].append(sentence)
    return result


def evaluate_dir(
    directory: Path, extractor: Callable[[str], dict[str, Any]] = extract
) -> tuple[Score, Score, list[str]]:
    """Score `extractor` and the baseline on DIR/articles/*.txt against DIR/gold/*.json (same stem).

    Returns (extractor score, baseline score, names of articles without a readable gold file, which are skipped)."""
    ours, base = Score(), Score()
    missing: list[str] = []
    for article in sorted((directory / "articles").glob("*.txt")):
        gold_path = directory / "gold" / f"{article.stem}.json"
        if not gold_path.exists():
            missing.append(article.name)
            continue
        text = article.read_text(encoding="utf-8")
        try:
            gold = json.loads(gold_path.read_text(encoding="utf-8"))
        except (ValueError, UnicodeDecodeError):
            # A gold file being written by hand may be half-done: report it as missing rather than stop.
            missing.append(article.name)
            continue
        score_one(extractor(text), gold, ours)
        score_one(baseline(text), gold, base)
    return ours, base, missing


def format_table(ours: Score, base: Score) -> str:
    """One row per field: the extractor's P / R / F1 (or accuracy) beside the baseline's."""
    header = f"{'Trường':<14}{'P':>7}{'R':>7}{'F1/Đúng':>9}   │{'Gốc P':>7}{'Gốc R':>7}{'Gốc F1':>8}"
    lines = [f"Số bài: {ours.articles}", header, "─" * len(header)]
    for name in FIELDS:
        o, b = ours.fields[name], base.fields[name]
        if name in EXACT_FIELDS:
            lines.append(f"{name:<14}{'':>7}{'':>7}{o.accuracy:>9.2f}   │{'':>7}{'':>7}{b.accuracy:>8.2f}")
        else:
            lines.append(
                f"{name:<14}{o.precision:>7.2f}{o.recall:>7.2f}{o.f1:>9.2f}   │"
                f"{b.precision:>7.2f}{b.recall:>7.2f}{b.f1:>8.2f}"
            )
    lines.append("─" * len(header))
    lines.append(f"{'Tổng (TB)':<14}{'':>7}{'':>7}{ours.total:>9.2f}   │{'':>7}{'':>7}{base.total:>8.2f}")
    return "\n".join(lines)


def split_names(directory: Path) -> dict[str, list[str]]:
    """The set cut alphabetically in two: "dev" (the first half, to tune the rules on) and "held_out" (the rest).

    The rules were tuned on all 28 articles before this split existed, so the held-out half is held out only for
    changes made from now on; both halves are printed so that a change that helps one and hurts the other shows.
    """
    names = sorted(article.stem for article in (directory / "articles").glob("*.txt"))
    half = (len(names) + 1) // 2
    return {"dev": names[:half], "held_out": names[half:]}


def evaluate_split(
    directory: Path, extractor: Callable[[str], dict[str, Any]] = extract
) -> dict[str, tuple[Score, Score]]:
    """(extractor score, baseline score) for each half of `split_names`; articles without gold are skipped."""
    out: dict[str, tuple[Score, Score]] = {}
    for part, names in split_names(directory).items():
        ours, base = Score(), Score()
        for name in names:
            gold_path = directory / "gold" / f"{name}.json"
            try:
                gold = json.loads(gold_path.read_text(encoding="utf-8"))
            except (OSError, ValueError, UnicodeDecodeError):
                continue
            text = (directory / "articles" / f"{name}.txt").read_text(encoding="utf-8")
            score_one(extractor(text), gold, ours)
            score_one(baseline(text), gold, base)
        out[part] = (ours, base)
    return out
