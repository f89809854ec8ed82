"""Reads of the intake app, scoped by organization/access.py."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from dangvu.intake.models import IntakeDraft
from dangvu.lib.vn_text import fold
from dangvu.organization.access import path_q, scope_for
from dangvu.organization.models import Member, PartyOrg, Position, RoleAssignment

Role = RoleAssignment.Role

# The committee's office prepares the records, the committee members may do it too.
INTAKE_ROLES: set[str] = {Role.OFFICE, Role.COMMITTEE}


def intake_orgs(user: Any) -> QuerySet[PartyOrg]:
    """The Đảng bộ where the user may take in a conference report (cells hold no conferences)."""
    scope = scope_for(user)
    qs = PartyOrg.objects.active().exclude(kind__in=PartyOrg.CELL_KINDS)
    return qs if scope.superuser else qs.filter(path_q(scope.paths(INTAKE_ROLES), "path"))


def can_take_in(user: Any) -> bool:
    return scope_for(user).has_role(*INTAKE_ROLES)


def visible_drafts(user: Any) -> QuerySet[IntakeDraft]:
    """Drafts of the organizations the user sees at all (a draft elsewhere is a 404, never a 403)."""
    scope = scope_for(user)
    qs = IntakeDraft.objects.active()
    return qs if scope.superuser else qs.filter(path_q(scope.paths(), "org__path"))


def draft_list(user: Any) -> QuerySet[IntakeDraft]:
    scope = scope_for(user)
    qs = visible_drafts(user)
    if not scope.superuser:
        qs = qs.filter(path_q(scope.paths(INTAKE_ROLES), "org__path"))
    # the list shows the title (in the proposals), never the source text, which can be long
    return qs.select_related("org", "created_by", "conference").defer("source_text").order_by("-created_at", "-pk")


def get_draft_for_user(user: Any, pk: int) -> IntakeDraft:
    """404 outside the user's scope, 403 inside it for a role that does not take in reports."""
    try:
        draft = visible_drafts(user).select_related("org", "conference", "created_by").get(pk=pk)
    except IntakeDraft.DoesNotExist:
        raise Http404 from None
    if not scope_for(user).covers(draft.org.path, INTAKE_ROLES):
        raise PermissionDenied
    return draft


# --- Matching the names of the text to the members of the organization -------------------------------------


def _given(name: str) -> str:
    words = fold(name).split()
    return words[-1] if words else ""


def member_options(org: PartyOrg, names: list[str]) -> dict[str, list[tuple[int, str]]]:
    """For each folded given name among `names`, the members of `org`'s subtree who share it: (id, label).

    One query whatever the number of names: the select beside each person offers these, closest first.
    """
    wanted = {_given(n) for n in names if n.strip()}
    options: dict[str, list[tuple[int, str]]] = {given: [] for given in wanted}
    if not wanted:
        return options
    rows = (
        Member.objects.active()
        .filter(cell__path__startswith=org.path)
        .values_list("pk", "full_name", "name_folded", "cell__name")
        .order_by("sort_key", "pk")
    )
    for pk, full_name, name_folded, cell_name in rows.iterator(chunk_size=2000):
        given = (name_folded or fold(full_name)).split()[-1:] or [""]
        if given[0] in options:
            options[given[0]].append((pk, f"{full_name} — {cell_name}"))
    return options


def match_members(org: PartyOrg, people: list[dict[str, Any]]) -> list[int | None]:
    """The member each person links to: the same name without diacritics in the organization, the title as a hint.

    Two members of the same name are told apart by a current position whose title appears in the person's titles;
    if that does not decide, no link is proposed (the person chooses).
    """
    keys = {fold(p.get("name", "")) for p in people if p.get("name", "").strip()}
    if not keys:
        return [None for _p in people]
    candidates: dict[str, list[int]] = {}
    for pk, name_folded in (
        Member.objects.active()
        .filter(cell__path__startswith=org.path, name_folded__in=keys)
        .values_list("pk", "name_folded")
        .order_by("pk")
    ):
        candidates.setdefault(name_folded, []).append(pk)
    ambiguous = {pk for pks in candidates.values() if len(pks) > 1 for pk in pks}
    positions: dict[int, list[str]] = {}
    if ambiguous:
        current = Q(end_date__isnull=True) | Q(end_date__gte=datetime.date.today())
        for position in Position.objects.active().filter(current, member_id__in=ambiguous):
            positions.setdefault(position.member_id, []).extend(
                [fold(str(position.get_title_display())), fold(position.title_text)]
            )
    found: list[int | None] = []
    for person in people:
        pks = candidates.get(fold(person.get("name", "")), [])
        if len(pks) == 1:
            found.append(pks[0])
            continue
        titles = fold(" ; ".join(person.get("titles") or []))
        # the longest title found wins: "Phó Bí thư" beats the "Bí thư" it contains
        scores = {pk: max((len(t) for t in positions.get(pk, []) if t and t in titles), default=0) for pk in pks}
        best = max(scores.values(), default=0)
        winners = [pk for pk, score in scores.items() if score == best]
        found.append(winners[0] if best and len(winners) == 1 else None)
    return found


def member_labels(pks: list[int]) -> dict[int, str]:
    ids = [pk for pk in pks if pk]
    if not ids:
        return {}
    return {
        pk: f"{name} — {cell}"
        for pk, name, cell in Member.objects.filter(pk__in=ids).values_list("pk", "full_name", "cell__name")
    }
