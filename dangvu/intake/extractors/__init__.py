"""Extractors: pure functions `extract(text) -> dict`, no Django import (tests run without the app installed)."""

from __future__ import annotations

from dangvu.intake.extractors.rules import classify, empty_result, extract

__all__ = ["classify", "empty_result", "extract"]
