"""Reads of the Party organization, always through the user's scope (organization.access).

Every list here runs a fixed number of queries whatever the number of rows: counts are grouped SQL
queries, related rows are joined or prefetched.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, OuterRef, Prefetch, Q, QuerySet, Subquery

from dangvu.core.aggregates import cached, query_key
from dangvu.core.audit_display import describe
from dangvu.core.models import AuditEntry
from dangvu.lib.vn_text import fold
from dangvu.organization.access import AUDIT_ROLES, path_q, scope_for, visible_members, visible_orgs
from dangvu.organization.apps import TOPIC
from dangvu.organization.models import PATH_STEP, GovUnit, Member, MembershipEvent, PartyOrg, Position

ACTIVE = Member.ACTIVE_STATUSES


STEP = PATH_STEP + 1  # characters per tree level in a path ("00001.")


def _roots(paths: list[str]) -> list[str]:
    """The shortest paths that cover all the others (the tops of the subtrees shown)."""
    roots: list[str] = []
    for path in sorted(paths):
        if not roots or not path.startswith(roots[-1]):
            roots.append(path)
    return roots


def _attach_subtree_counts(nodes: list[Any], members: QuerySet[Member], via: str) -> None:
    """Set member_count and probationary_count on each tree node, for its whole subtree.

    One grouped query: the members counted per cell (or unit), then added up in Python under the prefix of
    each cell's path that names its ancestor at every depth shown. One scan of the members, whatever the
    number of levels (bench/load.py: the tree and the dashboard read 200,000 members once, not once a level),
    and only after a change to the members or the tree (core.aggregates).
    """
    counts: dict[str, list[int]] = {}
    members = members.filter(status__in=ACTIVE, archived_at__isnull=True).filter(
        path_q(set(_roots([n.path for n in nodes])), f"{via}__path")
    )
    widths = sorted({(n.depth + 1) * STEP for n in nodes})
    rows = (
        members.order_by()
        .values_list(f"{via}__path")
        .annotate(n=Count("id"), p=Count("id", filter=Q(status=Member.Status.PROBATIONARY)))
    )
    for path, n, p in cached(TOPIC, query_key(rows), lambda: list(rows)):
        for width in widths:
            if len(path) >= width:
                total = counts.setdefault(path[:width], [0, 0])
                total[0] += n
                total[1] += p
    for node in nodes:
        node.member_count, node.probationary_count = counts.get(node.path, (0, 0))


def _set_levels(nodes: list[Any]) -> None:
    """Indentation for flat tree tables: depth below the shallowest node shown."""
    top = min((node.depth for node in nodes), default=0)
    for node in nodes:
        node.level = node.depth - top


def _with_child_count(qs: QuerySet[PartyOrg]) -> QuerySet[PartyOrg]:
    return qs.annotate(child_count=Count("children", filter=Q(children__archived_at__isnull=True), distinct=True))


def org_tree(user: Any, *, max_depth: int | None = None) -> list[PartyOrg]:
    """The organizations the user sees, in tree order, each with member counts of its whole subtree."""
    qs = visible_orgs(user).filter(is_external=False)
    if max_depth is not None:
        qs = qs.filter(depth__lte=max_depth)
    nodes = list(_with_child_count(qs).order_by("path"))
    _attach_subtree_counts(nodes, Member.objects.all(), "cell")
    _set_levels(nodes)
    return nodes


def gov_unit_tree(user: Any) -> list[GovUnit]:
    """Government units in tree order, each with the number of visible active members working there."""
    qs = GovUnit.objects.active().annotate(
        cell_name=Subquery(
            PartyOrg.objects.filter(gov_units=OuterRef("pk"), archived_at__isnull=True)
            .order_by("path")
            .values("name")[:1]
        ),
    )
    units = list(qs.order_by("path"))
    _attach_subtree_counts(units, visible_members(user), "gov_unit")
    _set_levels(units)
    return units


def nest(nodes: list[PartyOrg], *, open_depth: int) -> list[PartyOrg]:
    """Arrange a flat, path-ordered list into roots with `loaded_children` (no queries).

    A node whose children were not fetched keeps `loaded_children = None`; the page loads them on demand.
    """
    by_id = {node.pk: node for node in nodes}
    roots: list[PartyOrg] = []
    for node in nodes:
        node.loaded_children = None  # type: ignore[attr-defined]
        node.open = node.depth <= open_depth  # type: ignore[attr-defined]
    for node in nodes:
        parent = by_id.get(node.parent_id) if node.parent_id else None
        if parent is None:
            roots.append(node)
        else:
            if parent.loaded_children is None:  # type: ignore[attr-defined]
                parent.loaded_children = []  # type: ignore[attr-defined]
            parent.loaded_children.append(node)  # type: ignore[attr-defined]
    return roots


def org_children(user: Any, org: PartyOrg) -> list[PartyOrg]:
    nodes = list(_with_child_count(visible_orgs(user).filter(parent=org)).order_by("path"))
    _attach_subtree_counts(nodes, Member.objects.all(), "cell")
    return nodes


def org_ancestors(org: PartyOrg) -> list[PartyOrg]:
    return list(PartyOrg.objects.filter(path__in=org.ancestor_paths()).order_by("depth"))


@dataclass
class MemberFilters:
    q: str = ""
    cell: PartyOrg | None = None
    gov_unit: GovUnit | None = None
    status: str = ""
    include_archived: bool = False


def member_list(user: Any, filters: MemberFilters) -> QuerySet[Member]:
    """Members the user may see, filtered; the name search ignores diacritics ("dang" finds "Đặng")."""
    qs = visible_members(user).select_related("cell", "gov_unit")
    if not filters.include_archived:
        qs = qs.filter(archived_at__isnull=True)
    if filters.q:
        for word in fold(filters.q).split():
            qs = qs.filter(Q(name_folded__contains=word) | Q(card_number__startswith=word))
    if filters.cell is not None:
        # Members sit in cells only, so a cell needs no subtree match (and its index is cheaper than LIKE).
        cell = filters.cell
        qs = qs.filter(cell=cell) if cell.is_cell else qs.filter(cell__path__startswith=cell.path)
    if filters.gov_unit is not None:
        qs = qs.filter(gov_unit__path__startswith=filters.gov_unit.path)
    if filters.status == "active":
        qs = qs.filter(status__in=ACTIVE)
    elif filters.status == "exempt":
        qs = qs.filter(is_exempt=True)
    elif filters.status:
        qs = qs.filter(status=filters.status)
    return qs.order_by("sort_key", "id")


def member_detail(user: Any, member: Member) -> dict[str, Any]:
    """What the profile page shows beside the member's fields: history, positions, audit."""
    events = list(
        MembershipEvent.objects.filter(member=member).select_related("from_org", "to_org").order_by("-date", "-id")
    )
    positions = list(member.positions.active().select_related("party_org", "gov_unit").order_by("-start_date", "-id"))
    member_type = ContentType.objects.get_for_model(Member)
    audit = list(
        audit_entries(user, model=f"{member_type.app_label}.{member_type.model}", object_id=str(member.pk))[:20]
    )
    return {"events": events, "positions": positions, "audit": describe(audit)}


def cell_detail(org: PartyOrg) -> dict[str, Any]:
    """The roster and the committee of one organization."""
    roster = (
        Member.objects.active()
        .filter(cell=org)
        .select_related("gov_unit")
        .prefetch_related(
            Prefetch(
                "positions",
                queryset=Position.objects.active().filter(end_date__isnull=True),
                to_attr="current_positions",
            )
        )
        .order_by("sort_key", "id")
    )
    members = Member.objects.active().filter(cell__path__startswith=org.path)
    counts = cached(
        TOPIC,
        query_key(members, "cell_detail"),
        lambda: members.aggregate(
            total=Count("id", filter=Q(status__in=ACTIVE)),
            full=Count("id", filter=Q(status=Member.Status.FULL)),
            probationary=Count("id", filter=Q(status=Member.Status.PROBATIONARY)),
            exempt=Count("id", filter=Q(status__in=ACTIVE, is_exempt=True)),
            female=Count("id", filter=Q(status__in=ACTIVE, gender=Member.Gender.FEMALE)),
        ),
    )
    committee = list(
        Position.objects.active()
        .filter(party_org=org, end_date__isnull=True)
        .select_related("member")
        .order_by("title", "member__sort_key")
    )
    return {"roster": roster, "counts": counts, "committee": committee, "gov_units": list(org.gov_units.all())}


def dashboard_stats(user: Any) -> dict[str, Any]:
    scope = scope_for(user)
    members = visible_members(user).filter(archived_at__isnull=True)
    cells = visible_orgs(user).filter(kind__in=PartyOrg.CELL_KINDS)

    def count() -> dict[str, Any]:
        stats = members.aggregate(
            total=Count("id", filter=Q(status__in=ACTIVE)),
            full=Count("id", filter=Q(status=Member.Status.FULL)),
            probationary=Count("id", filter=Q(status=Member.Status.PROBATIONARY)),
            exempt=Count("id", filter=Q(status__in=ACTIVE, is_exempt=True)),
        )
        stats["cells"] = cells.count() if scope.sees_organization else 0
        return stats

    return cached(TOPIC, query_key(members, "dashboard", query_key(cells), scope.sees_organization), count)


def audit_entries(
    user: Any,
    *,
    actor: Any = None,
    model: str = "",
    object_id: str = "",
    date_from: Any = None,
    date_to: Any = None,
) -> QuerySet[AuditEntry]:
    """The audit trail the user may read: entries about records in their audit scope, newest first."""
    qs = AuditEntry.objects.select_related("content_type").order_by("-at", "-id")
    scope = scope_for(user)
    if not scope.superuser:
        qs = (
            qs.filter(Q(org_path="") | path_q(scope.paths(AUDIT_ROLES), "org_path"))
            if scope.can_view_audit
            else qs.none()
        )
    if actor is not None:
        qs = qs.filter(actor=actor)
    if model:
        app_label, _, model_name = model.partition(".")
        qs = qs.filter(content_type__app_label=app_label, content_type__model=model_name)
    if object_id:
        qs = qs.filter(object_id=object_id)
    if date_from:
        qs = qs.filter(at__date__gte=date_from)
    if date_to:
        qs = qs.filter(at__date__lte=date_to)
    return qs
