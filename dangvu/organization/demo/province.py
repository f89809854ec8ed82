"""A province-sized synthetic Party organization, for load tests: `dangvu demo --members N`.

Tỉnh ủy → huyện ủy (about one per 2,000 members) → đảng bộ cơ sở → some đảng bộ bộ phận → chi bộ
(10–30 members) → a few tổ đảng. Each run adds a new, numbered province, separate from the reference
organization.

Speed matters more than per-row bookkeeping here, so rows go in with bulk_create. That skips save()
and the audit signals, so this module does by hand what they would do: tree paths and depths in the
format of services._child_path, the search/sort helpers of Member.save(), the admission and
full-membership events with the status they imply, and one AuditEntry for the whole load.
"""

from __future__ import annotations

import datetime
import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

from dangvu.core.aggregates import changed, topics
from dangvu.core.models import AuditEntry
from dangvu.lib.vn_text import fold, given_name_sort_key
from dangvu.organization import services
from dangvu.organization.demo.names import PeopleGenerator, add_months
from dangvu.organization.demo.province_records import Cell, load_records
from dangvu.organization.models import PATH_STEP, Member, MembershipEvent, PartyOrg

K = PartyOrg.Kind
ADMISSION = MembershipEvent.Kind.ADMISSION
FULL = MembershipEvent.Kind.FULL_MEMBERSHIP
PREFIX = "Đảng bộ tỉnh Thử nghiệm"
AS_OF = datetime.date(2020, 1, 15)  # the same moment as the reference organization
MEMBERS_PER_DISTRICT = 2000
CELL_SIZE = (10, 30)
BATCH = 5000  # members per flush: bounds memory whatever N is

PLACE_A = (
    "An", "Bình", "Đông", "Tây", "Nam", "Bắc", "Phú", "Thanh", "Hòa", "Tân", "Vĩnh", "Quảng", "Hưng", "Kim",
    "Yên", "Long", "Thuận", "Gia", "Mỹ", "Cẩm", "Đức", "Hoài", "Lạc", "Minh", "Ngọc",
)  # fmt: skip
PLACE_B = (
    "Phú", "Lộc", "Sơn", "Hà", "Thành", "Lâm", "Hòa", "Xuân", "Bình", "Hưng", "Điền", "Khánh", "Thịnh",
    "Trung", "Giang", "Lợi", "Mỹ", "Tiến", "Định", "Phong", "Thái", "Nghĩa", "Tường", "Vinh", "Thủy",
)  # fmt: skip
DEPARTMENTS = (
    "Văn phòng", "Phòng Nội vụ", "Phòng Tài chính – Kế hoạch", "Phòng Tư pháp", "Phòng Kinh tế",
    "Phòng Văn hóa – Thông tin", "Phòng Giáo dục và Đào tạo", "Phòng Y tế", "Phòng Tài nguyên và Môi trường",
    "Phòng Lao động – Thương binh và Xã hội", "Thanh tra",
)  # fmt: skip
# Government titles by the kind of grassroots organization; repeats weight the draw.
TITLES = {
    "xa": ("", "", "", "", "", "Cán bộ hưu trí", "Cán bộ hưu trí", "Công chức xã"),
    "co_quan": ("Chuyên viên", "Chuyên viên", "Chuyên viên", "Chuyên viên chính", "Phó Trưởng phòng", "Trưởng phòng"),
    "truong": ("Giáo viên", "Giáo viên", "Giáo viên", "Giáo viên", "Giáo viên", "Tổ trưởng chuyên môn", "Nhân viên"),
    "cong_ty": ("Công nhân", "Công nhân", "Công nhân", "Kỹ sư", "Nhân viên", "Quản đốc"),
}


@dataclass
class OrgNode:
    kind: str
    name: str
    abbr: str = ""
    has_seal: bool = False
    flavour: str = "xa"
    members: int = 0  # cells only
    children: list[OrgNode] = field(default_factory=list)
    path: str = ""
    depth: int = 0
    pk: int | None = None

    def walk(self) -> Iterator[OrgNode]:
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass
class ProvinceResult:
    root: PartyOrg
    members: int
    orgs: int
    events: int
    records: dict[str, int] = field(default_factory=dict)  # plans, reports, meetings... (province_records)


def _cell_sizes(n: int, rng: random.Random) -> list[int]:
    sizes: list[int] = []
    remaining = n
    while remaining > 0:
        size = rng.randint(*CELL_SIZE)
        if remaining - size < CELL_SIZE[0]:  # never leave a tiny last cell behind
            size = remaining if remaining <= CELL_SIZE[1] else remaining - CELL_SIZE[0]
        sizes.append(size)
        remaining -= size
    return sizes


def _chunks(items: list[int], sizes: Callable[[], int]) -> list[list[int]]:
    out: list[list[int]] = []
    i = 0
    while i < len(items):
        step = sizes()
        out.append(items[i : i + step])
        i += step
    return out


def _place(rng: random.Random, used: set[str]) -> str:
    for _attempt in range(50):
        a, b = rng.choice(PLACE_A), rng.choice(PLACE_B)
        if a != b and f"{a} {b}" not in used:
            break
    name = f"{a} {b}"
    if name in used:
        name = f"{name} {len(used) + 1}"
    used.add(name)
    return name


def plan_province(n: int, name: str, rng: random.Random) -> OrgNode:
    """The tree for `n` members, without touching the database."""
    root = OrgNode(K.DANG_BO_CAP_TREN, name, abbr="TU", has_seal=True)
    sizes = _cell_sizes(n, rng)
    grassroots_cells = _chunks(sizes, lambda: rng.randint(3, 15))
    district_count = max(1, min(len(grassroots_cells), round(n / MEMBERS_PER_DISTRICT)))
    per_district = -(-len(grassroots_cells) // district_count)  # ceiling: the last district may be smaller
    districts_used: set[str] = set()
    for d in range(0, len(grassroots_cells), per_district):
        district_place = _place(rng, districts_used)
        district = OrgNode(K.DANG_BO_CAP_TREN, f"Đảng bộ huyện {district_place}", abbr="HU", has_seal=True)
        root.children.append(district)
        places: set[str] = set()
        for cell_sizes in grassroots_cells[d : d + per_district]:
            district.children.append(_grassroots(rng, cell_sizes, district_place, places))
    return root


def _grassroots(rng: random.Random, cell_sizes: list[int], district_place: str, places: set[str]) -> OrgNode:
    roll = rng.random()
    flavour = "xa" if roll < 0.65 else "co_quan" if roll < 0.8 else "truong" if roll < 0.92 else "cong_ty"
    place = _place(rng, places)
    name = {
        "xa": f"Đảng bộ xã {place}",
        "co_quan": f"Đảng bộ Cơ quan {place} huyện {district_place}",
        "truong": f"Đảng bộ Trường Trung học phổ thông {place}",
        "cong_ty": f"Đảng bộ Công ty cổ phần {place}",
    }[flavour]
    node = OrgNode(K.DANG_BO_CO_SO, name, abbr="ĐU", has_seal=True, flavour=flavour)
    cells = [_cell(rng, flavour, j, size) for j, size in enumerate(cell_sizes, start=1)]
    if flavour in ("co_quan", "cong_ty") and len(cells) >= 6 and rng.random() < 0.6:
        # Large agencies and companies group their cells under đảng bộ bộ phận.
        parts = rng.randint(2, 3)
        per_part = -(-len(cells) // parts)
        for p in range(parts):
            label = f"khối {p + 1}" if flavour == "co_quan" else f"Xí nghiệp số {p + 1}"
            part = OrgNode(K.DANG_BO_BO_PHAN, f"Đảng bộ bộ phận {label}", abbr="ĐU", flavour=flavour)
            part.children = cells[p * per_part : (p + 1) * per_part]
            if part.children:
                node.children.append(part)
    else:
        node.children = cells
    return node


def _cell(rng: random.Random, flavour: str, j: int, size: int) -> OrgNode:
    if flavour == "xa":
        name = f"Chi bộ thôn {j}"
    elif flavour == "co_quan":
        name = f"Chi bộ {DEPARTMENTS[j - 1]}" if j <= len(DEPARTMENTS) else f"Chi bộ số {j}"
    elif flavour == "truong":
        name = f"Chi bộ giáo viên số {j}"
    else:
        name = f"Chi bộ Phân xưởng số {j}"
    cell = OrgNode(K.CHI_BO, name, abbr="CB", flavour=flavour, members=size)
    if size >= 20 and rng.random() < 0.15:  # a large cell split into party groups (Điều lệ Art. 24)
        cell.children = [OrgNode(K.TO_DANG, f"Tổ đảng số {g}", flavour=flavour) for g in (1, 2)]
    return cell


def _next_name() -> tuple[str, int]:
    taken = set(PartyOrg.objects.filter(name__startswith=PREFIX).values_list("name", flat=True))
    number = len(taken) + 1
    while f"{PREFIX} {number}" in taken:
        number += 1
    return f"{PREFIX} {number}", number


def _insert_orgs(root: OrgNode) -> int:
    """Insert the tree level by level: a level's parents have their primary keys by then."""
    root.path, root.depth = services._child_path(PartyOrg, None)
    level = [root]
    parents: dict[int, OrgNode] = {}
    total = 0
    while level:
        rows = []
        for node in level:
            for seq, child in enumerate(node.children, start=1):
                child.path, child.depth = f"{node.path}{seq:0{PATH_STEP}d}.", node.depth + 1
            parent = parents.get(id(node))
            rows.append(
                PartyOrg(
                    name=node.name,
                    name_folded=fold(node.name),
                    kind=node.kind,
                    abbr=node.abbr,
                    has_seal=node.has_seal,
                    parent_id=parent.pk if parent else None,
                    path=node.path,
                    depth=node.depth,
                )
            )
        PartyOrg.objects.bulk_create(rows, batch_size=1000)
        next_level: list[OrgNode] = []
        for node, row in zip(level, rows, strict=True):
            node.pk = row.pk
            for child in node.children:
                parents[id(child)] = node
                next_level.append(child)
        total += len(rows)
        level = next_level
    return total


def _insert_members(root: OrgNode, number: int) -> tuple[int, int]:
    """Members and their admission / full-membership events, flushed every BATCH members."""
    gen = PeopleGenerator(f"dangvu-province-{number}-people")
    rng = gen.rng
    names: dict[str, tuple[str, str]] = {}  # full name -> (folded, sort key): names repeat a lot
    members: list[Member] = []
    dates: list[tuple[datetime.date, datetime.date | None]] = []  # (admission, full membership) per member
    members_total = events_total = 0
    serial = 0
    probation_from = AS_OF - datetime.timedelta(days=365)
    full_by = add_months(AS_OF, -13)

    def flush() -> int:
        Member.objects.bulk_create(members, batch_size=BATCH)
        events: list[MembershipEvent] = []
        for m, (admitted, official) in zip(members, dates, strict=True):
            events.append(MembershipEvent(member_id=m.pk, kind=ADMISSION, date=admitted, to_org_id=m.cell_id))
            if official is not None:
                events.append(MembershipEvent(member_id=m.pk, kind=FULL, date=official))
        MembershipEvent.objects.bulk_create(events, batch_size=BATCH)
        members.clear()
        dates.clear()
        return len(events)

    for node in root.walk():
        if node.kind != K.CHI_BO:
            continue
        assert node.pk is not None, "orgs are inserted first"
        titles = TITLES[node.flavour]
        for _i in range(node.members):
            serial += 1
            probationary = rng.random() < 0.04
            person = gen.person(
                born=(1950, 1997),
                admitted_by=AS_OF if probationary else full_by,
                official_by=AS_OF,
                probationary_from=probation_from if probationary else None,
                details=False,
            )
            cached = names.get(person.full_name)
            if cached is None:
                cached = names[person.full_name] = (fold(person.full_name), given_name_sort_key(person.full_name))
            members.append(
                Member(
                    **person.member_fields(),
                    cell_id=node.pk,
                    card_number=f"9{number:03d}{serial:07d}",
                    gov_position=rng.choice(titles),
                    status=Member.Status.FULL if person.official_date else Member.Status.PROBATIONARY,
                    name_folded=cached[0],
                    sort_key=cached[1],
                )
            )
            dates.append((person.admission_date, person.official_date))
            if len(members) >= BATCH:
                members_total += len(members)
                events_total += flush()
    if members:
        members_total += len(members)
        events_total += flush()
    return members_total, events_total


def load_province(n: int, *, records: bool = True, today: datetime.date | None = None) -> ProvinceResult:
    """Add a new numbered province with `n` synthetic members, in one transaction; with `records`, also
    two years (the year of `today` and the one before) of plans, reports and meetings."""
    with transaction.atomic():
        name, number = _next_name()
        tree = plan_province(n, name, random.Random(f"dangvu-province-{number}"))
        orgs = _insert_orgs(tree)
        members, events = _insert_members(tree, number)
        assert tree.pk is not None
        added: dict[str, int] = {}
        if records:
            cells = [Cell(node.pk, node.name) for node in tree.walk() if node.kind == K.CHI_BO and node.pk]
            added = load_records(
                tree.pk,
                tree.name,
                cells,
                seed=f"dangvu-province-{number}-records",
                today=today or timezone.localdate(),
            )
        root = PartyOrg.objects.get(pk=tree.pk)
        # bulk_create sends no signals: one entry stands for the whole load in the audit trail.
        AuditEntry.objects.create(
            action=AuditEntry.Action.CREATE,
            content_type=ContentType.objects.get_for_model(PartyOrg),
            object_id=str(root.pk),
            object_repr=str(root)[:255],
            changes={"members_added": members, "orgs_added": orgs, "events_added": events}
            | {f"{key}_added": count for key, count in added.items()},
            source="demo",
        )
        # ...and for the cached counts of the dashboards (core.aggregates).
        changed(*topics())
    return ProvinceResult(root=root, members=members, orgs=orgs, events=events, records=added)
