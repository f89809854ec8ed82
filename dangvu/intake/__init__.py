"""Intake: turn a Vietnamese conference report or minutes into records to confirm (issue 5)."""
