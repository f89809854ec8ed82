"""Demo records of this app for the reference organization (called by `dangvu demo`)."""

from __future__ import annotations

from dangvu.organization.models import PartyOrg

LABEL = "Chương trình kiểm tra, giám sát 2019"


def load(root: PartyOrg) -> dict[str, int]:
    """Create what is missing; return how many of each kind were added (nothing on a second run)."""
    return {}
