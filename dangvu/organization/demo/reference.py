"""The reference organization: Đảng bộ Tổng cục Giáo dục nghề nghiệp as of January 2020.

Sources: DOMAIN.md §1.2–1.3 (upper chain, units, leaders) and the article on the 2019 review conference
of 17/01/2020 (Nguyễn Hồng Minh, Bí thư Đảng ủy, Tổng Cục trưởng; Phí Mạnh Thắng, Phó Bí thư Đảng ủy
Tổng cục). For those four public figures only the names and positions are taken from the sources; their
dates are illustrative and no identity data (citizen id, phone) is invented for them. Everyone else is
synthetic.

The load is idempotent: every row is looked up by a natural key (name under its parent, card number,
username...) and created through the services only when missing, so a second run writes nothing and
leaves no audit entry. The people come from a seeded generator, so a rerun plans the very same people.
"""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.models import Permission
from django.db import transaction
from django.db.models import Count, Q

from dangvu.accounts.models import User
from dangvu.core.audit import acting_as
from dangvu.lib.vn_text import clean
from dangvu.organization import services
from dangvu.organization.demo.names import PeopleGenerator, Person
from dangvu.organization.models import GovUnit, Member, MembershipEvent, PartyOrg, Position, RoleAssignment

Title = Position.Title
Role = RoleAssignment.Role
EventKind = MembershipEvent.Kind
Theory = Member.TheoryLevel

SEED = 2020
DEMO_PASSWORD = "dangvu-demo-2020"
EMAIL_DOMAIN = "tcgdnn.example"  # a reserved name: the demo never points at real mailboxes
PARTY_TERM = "2015–2020"  # Đại hội V of the Đảng bộ; Đại hội VI was held 26–27/5/2020
CELL_TERM = "2017–2020"  # cells hold two congresses per five-year term (Điều lệ Art. 24.3)
ADMITTED_BY = datetime.date(2018, 9, 30)  # full members: admitted early enough to be full by end 2019
OFFICIAL_BY = datetime.date(2019, 12, 31)
PROBATION_FROM = datetime.date(2019, 1, 15)  # probationary members: admitted during 2019
PROBATION_TO = datetime.date(2019, 11, 30)

UPPER_CHAIN = ("Đảng bộ Khối các cơ quan Trung ương", "Đảng bộ Bộ Lao động – Thương binh và Xã hội")
ROOT_NAME = "Đảng bộ Tổng cục Giáo dục nghề nghiệp"
MINISTRY = "Bộ Lao động – Thương binh và Xã hội"
DIRECTORATE = "Tổng cục Giáo dục nghề nghiệp"


@dataclass(frozen=True)
class UnitSpec:
    key: str
    name: str
    short_name: str
    kind: str
    head: str  # the head's title as written after a name: "Vụ trưởng"
    deputy: str
    senior: str  # staff titles
    junior: str
    head_text: str = ""  # full title when "{head} {name}" reads badly

    @property
    def head_full(self) -> str:
        return self.head_text or f"{self.head} {self.name}"

    @property
    def deputy_full(self) -> str:
        return f"Phó {self.head_text}" if self.head_text else f"{self.deputy} {self.name}"


V = GovUnit.Kind


def _vu(key: str, name: str, short_name: str, senior: str = "Chuyên viên chính") -> UnitSpec:
    return UnitSpec(key, name, short_name, V.VU, "Vụ trưởng", "Phó Vụ trưởng", senior, "Chuyên viên")


# §1.3, in the UNEVOC order. The two project boards share one cell (§1.3 suggests merging them).
UNITS: tuple[UnitSpec, ...] = (
    _vu("dtcq", "Vụ Đào tạo chính quy", "Vụ ĐTCQ"),
    _vu("dttx", "Vụ Đào tạo thường xuyên", "Vụ ĐTTX"),
    _vu("ngcb", "Vụ Nhà giáo và Cán bộ quản lý giáo dục nghề nghiệp", "Vụ NG&CBQL"),
    _vu("csvc", "Vụ Cơ sở vật chất và Thiết bị đào tạo", "Vụ CSVC&TBĐT"),
    _vu("hssv", "Vụ Công tác học sinh, sinh viên", "Vụ CTHSSV"),
    _vu("knn", "Vụ Kỹ năng nghề", "Vụ KNN"),
    _vu("tccb", "Vụ Tổ chức cán bộ", "Vụ TCCB"),
    _vu("khtc", "Vụ Kế hoạch – Tài chính", "Vụ KH-TC"),
    _vu("pctt", "Vụ Pháp chế – Thanh tra", "Vụ PC-TT", senior="Thanh tra viên chính"),
    UnitSpec(
        "vp",
        "Văn phòng Tổng cục",
        "Văn phòng",
        V.VAN_PHONG,
        "Chánh Văn phòng",
        "Phó Chánh Văn phòng",
        "Chuyên viên chính",
        "Chuyên viên",
        head_text="Chánh Văn phòng Tổng cục",
    ),
    UnitSpec(
        "kd",
        "Cục Kiểm định chất lượng giáo dục nghề nghiệp",
        "Cục KĐCL",
        V.CUC,
        "Cục trưởng",
        "Phó Cục trưởng",
        "Chuyên viên chính",
        "Chuyên viên",
    ),
    UnitSpec(
        "vien",
        "Viện Khoa học Giáo dục nghề nghiệp",
        "Viện KHGDNN",
        V.VIEN,
        "Viện trưởng",
        "Phó Viện trưởng",
        "Nghiên cứu viên chính",
        "Nghiên cứu viên",
    ),
    UnitSpec(
        "oda",
        "Ban Quản lý các dự án ODA",
        "Ban QLDA ODA",
        V.BAN,
        "Giám đốc Ban",
        "Phó Giám đốc Ban",
        "Chuyên viên chính",
        "Chuyên viên",
    ),
    UnitSpec(
        "ctmt",
        "Ban Quản lý dự án Chương trình mục tiêu",
        "Ban QLDA CTMT",
        V.BAN,
        "Giám đốc Ban",
        "Phó Giám đốc Ban",
        "Chuyên viên chính",
        "Chuyên viên",
    ),
)
UNIT_BY_KEY = {u.key: u for u in UNITS}


@dataclass(frozen=True)
class CellSpec:
    key: str
    name: str
    short_name: str
    units: tuple[str, ...]
    size: int  # synthetic members; the named leaders come on top (Văn phòng)


CELLS: tuple[CellSpec, ...] = (
    CellSpec("dtcq", "Chi bộ Vụ Đào tạo chính quy", "CB Vụ ĐTCQ", ("dtcq",), 16),
    CellSpec("dttx", "Chi bộ Vụ Đào tạo thường xuyên", "CB Vụ ĐTTX", ("dttx",), 13),
    CellSpec("ngcb", "Chi bộ Vụ Nhà giáo và Cán bộ quản lý giáo dục nghề nghiệp", "CB Vụ NG&CBQL", ("ngcb",), 12),
    CellSpec("csvc", "Chi bộ Vụ Cơ sở vật chất và Thiết bị đào tạo", "CB Vụ CSVC&TBĐT", ("csvc",), 10),
    CellSpec("hssv", "Chi bộ Vụ Công tác học sinh, sinh viên", "CB Vụ CTHSSV", ("hssv",), 9),
    CellSpec("knn", "Chi bộ Vụ Kỹ năng nghề", "CB Vụ KNN", ("knn",), 14),
    CellSpec("tccb", "Chi bộ Vụ Tổ chức cán bộ", "CB Vụ TCCB", ("tccb",), 11),
    CellSpec("khtc", "Chi bộ Vụ Kế hoạch – Tài chính", "CB Vụ KH-TC", ("khtc",), 15),
    CellSpec("pctt", "Chi bộ Vụ Pháp chế – Thanh tra", "CB Vụ PC-TT", ("pctt",), 10),
    CellSpec("vp", "Chi bộ Văn phòng", "CB Văn phòng", ("vp",), 18),
    CellSpec("kd", "Chi bộ Cục Kiểm định chất lượng giáo dục nghề nghiệp", "CB Cục Kiểm định", ("kd",), 18),
    CellSpec("vien", "Chi bộ Viện Khoa học Giáo dục nghề nghiệp", "CB Viện KHGDNN", ("vien",), 24),
    CellSpec("ban", "Chi bộ các Ban Quản lý dự án", "CB Ban QLDA", ("oda", "ctmt"), 14),
)

# Cells whose last synthetic member was admitted in 2019 and is still probationary.
PROBATIONARY_CELLS = ("dtcq", "ngcb", "hssv", "knn", "khtc", "kd", "vien")
# Cells whose second-to-last member is exempt from party work for health reasons.
EXEMPT_CELLS = ("dttx", "pctt", "vien")
TRANSFER_OUT = ("csvc", datetime.date(2019, 9, 16), "Đảng bộ Sở Lao động – Thương binh và Xã hội tỉnh Nam Định")
INTERNAL_MOVE = ("dttx", "knn", datetime.date(2019, 7, 1))  # from, to, date


@dataclass(frozen=True)
class PlannedPosition:
    title: str
    where: str  # "root", "upper" (Đảng bộ Bộ), "cell", "directorate" (Tổng cục), "unit" (own GovUnit)
    term: str = ""
    title_text: str = ""


@dataclass(frozen=True)
class PlannedEvent:
    kind: str
    date: datetime.date
    to_cell: str = ""
    external_org: str = ""
    decision_ref: str = ""
    note: str = ""


@dataclass
class PlannedMember:
    card_number: str
    cell: str  # the cell key the member joined the Đảng bộ in
    unit: str  # GovUnit key, "" for the Tổng cục itself
    gov_position: str
    person: Person
    positions: list[PlannedPosition] = field(default_factory=list)
    events: list[PlannedEvent] = field(default_factory=list)
    username: str = ""


@dataclass(frozen=True)
class DemoUser:
    username: str
    full_name: str
    role: str | None
    scope: str  # "root" or a cell key; ignored without a role
    is_staff: bool = False


@dataclass(frozen=True)
class NamedLeader:
    full_name: str
    born: tuple[int, int]
    gov_position: str
    positions: tuple[PlannedPosition, ...]
    username: str = ""


NAMED: tuple[NamedLeader, ...] = (
    NamedLeader(
        "Nguyễn Hồng Minh",
        (1960, 1964),
        "Tổng Cục trưởng",
        (
            PlannedPosition(Title.BI_THU, "root", PARTY_TERM, "Bí thư Đảng ủy Tổng cục Giáo dục nghề nghiệp"),
            # DOMAIN §1.2: the Director General also sat on the Ministry committee's standing committee.
            PlannedPosition(Title.UV_BTV, "upper", PARTY_TERM, "Ủy viên Ban Thường vụ Đảng ủy Bộ"),
            PlannedPosition(Title.TONG_CUC_TRUONG, "directorate", "", "Tổng Cục trưởng Tổng cục Giáo dục nghề nghiệp"),
        ),
    ),
    NamedLeader(
        "Phí Mạnh Thắng",
        (1963, 1968),
        "",  # the sources give no government title: none is invented
        (PlannedPosition(Title.PHO_BI_THU, "root", PARTY_TERM, "Phó Bí thư Đảng ủy Tổng cục"),),
        username="capuy",
    ),
    NamedLeader(
        "Trương Anh Dũng",
        (1962, 1967),
        "Phó Tổng Cục trưởng",
        (
            PlannedPosition(Title.UV_BTV, "root", PARTY_TERM, "Ủy viên Ban Thường vụ Đảng ủy Tổng cục"),
            PlannedPosition(Title.PHO_TONG_CUC_TRUONG, "directorate", "", "Phó Tổng Cục trưởng"),
        ),
    ),
    NamedLeader(
        "Đỗ Năng Khánh",
        (1963, 1968),
        "Phó Tổng Cục trưởng",
        (
            PlannedPosition(Title.UV_BTV, "root", PARTY_TERM, "Ủy viên Ban Thường vụ Đảng ủy Tổng cục"),
            PlannedPosition(Title.PHO_TONG_CUC_TRUONG, "directorate", "", "Phó Tổng Cục trưởng"),
        ),
    ),
)
NAMED_CELL = "vp"  # the Directorate's leaders attend the Văn phòng cell

# Đảng ủy members beyond the four above (heads of units, as is usual in a ministry's directorate),
# and the inspection commission. Keys: (cell, index in the cell).
COMMITTEE_HEADS = ("vp", "tccb", "vien", "kd", "khtc")
UBKT_CHAIR = ("tccb", 0)
UBKT_DEPUTY = ("pctt", 2)
UBKT_MEMBERS = (("khtc", 1), ("vien", 3))
OFFICE_CLERK = ("vp", 7)  # staff who keep the Đảng ủy's papers part-time (cán bộ kiêm nhiệm)
SECRETARY_CELL = "knn"
PLAIN_MEMBER = ("knn", 8)

USERS: tuple[DemoUser, ...] = (
    DemoUser("vanphong", "", Role.OFFICE, "root", is_staff=True),
    DemoUser("capuy", "", Role.COMMITTEE, "root"),
    DemoUser("kiemtra", "", Role.INSPECTION, "root"),
    DemoUser("bithu", "", Role.CELL_SECRETARY, SECRETARY_CELL),
    DemoUser("dangvien", "", None, SECRETARY_CELL),
    DemoUser("quansat", "Đinh Quang Vinh (Đảng ủy Bộ)", Role.OBSERVER, "root"),
)
USER_MEMBERS = {
    "vanphong": OFFICE_CLERK,
    "kiemtra": UBKT_MEMBERS[0],
    "bithu": (SECRETARY_CELL, 0),
    "dangvien": PLAIN_MEMBER,
}
STAFF_APPS = ("organization", "accounts", "core")


def plan_members() -> list[PlannedMember]:
    """Every member of the reference organization, computed without touching the database."""
    gen = PeopleGenerator(SEED, email_domain=EMAIL_DOMAIN, unique_names=True)
    named_names = {leader.full_name for leader in NAMED}
    planned: list[PlannedMember] = []

    def card() -> str:
        return f"0104{len(planned) + 1:04d}"

    for leader in NAMED:
        person = gen.person(
            born=leader.born,
            admitted_by=datetime.date(1995, 12, 31),
            official_by=OFFICIAL_BY,
            gender=Member.Gender.MALE,
            full_name=leader.full_name,
            theory=Theory.CAO_CAP,
        )
        # Public figures: names and positions from the sources only, no invented identity data.
        person.citizen_id = person.phone = person.email = person.residence = ""
        planned.append(
            PlannedMember(
                card(), NAMED_CELL, "", leader.gov_position, person, list(leader.positions), username=leader.username
            )
        )

    by_slot: dict[tuple[str, int], PlannedMember] = {}
    for cell in CELLS:
        unit = UNIT_BY_KEY[cell.units[0]]
        for index in range(cell.size):
            last = index == cell.size - 1
            probationary = last and cell.key in PROBATIONARY_CELLS
            exempt = index == cell.size - 2 and cell.key in EXEMPT_CELLS
            member_unit = unit
            heads_unit = index == 0
            if len(cell.units) > 1 and index % 2 == 1:
                # The merged cell serves both project boards; its second member heads the other board.
                member_unit = UNIT_BY_KEY[cell.units[1]]
                heads_unit = index == 1
            gov_position, born, theory = _rank(gen, member_unit, 0 if heads_unit else index, cell.size)
            if probationary:
                born, gov_position, theory = (1989, 1997), member_unit.junior, Theory.NONE
            elif exempt:
                born = (1960, 1962)
            moving = (cell.key, index) == (INTERNAL_MOVE[0], cell.size - 3)
            if moving:
                member_unit, gov_position = UNIT_BY_KEY[INTERNAL_MOVE[1]], UNIT_BY_KEY[INTERNAL_MOVE[1]].junior
            person = gen.person(
                born=born,
                admitted_by=PROBATION_TO if probationary else ADMITTED_BY,
                official_by=OFFICIAL_BY,
                probationary_from=PROBATION_FROM if probationary else None,
                theory=theory,
                avoid_names=named_names,
            )
            if probationary:
                person.admission_place = f"{cell.name}, {ROOT_NAME}"
            member = PlannedMember(card(), cell.key, member_unit.key, gov_position, person)
            if exempt:
                member.events.append(
                    PlannedEvent(
                        EventKind.EXEMPTION,
                        gen.date_between(datetime.date(2019, 3, 1), datetime.date(2019, 10, 31)),
                        decision_ref="Nghị quyết của chi bộ",
                        note="Miễn công tác và sinh hoạt đảng vì lý do sức khỏe.",
                    )
                )
            if (cell.key, index) == (TRANSFER_OUT[0], cell.size - 3):
                member.events.append(
                    PlannedEvent(
                        EventKind.TRANSFER_OUT,
                        TRANSFER_OUT[1],
                        external_org=TRANSFER_OUT[2],
                        decision_ref="27-GGT/ĐU",
                        note="Chuyển công tác về địa phương.",
                    )
                )
            if moving:
                member.events.append(
                    PlannedEvent(
                        EventKind.INTERNAL_MOVE,
                        INTERNAL_MOVE[2],
                        to_cell=INTERNAL_MOVE[1],
                        note=f"Được điều động sang {UNIT_BY_KEY[INTERNAL_MOVE[1]].name}.",
                    )
                )
            member.positions.extend(_cell_positions(member_unit, index, cell.size, heads_unit=heads_unit))
            by_slot[(cell.key, index)] = member
            planned.append(member)

    for key in COMMITTEE_HEADS:
        by_slot[(key, 0)].positions.append(PlannedPosition(Title.UV_BCH, "root", PARTY_TERM))
    by_slot[UBKT_CHAIR].positions.append(PlannedPosition(Title.CHU_NHIEM_UBKT, "root", PARTY_TERM))
    by_slot[UBKT_DEPUTY].positions.append(PlannedPosition(Title.PHO_CHU_NHIEM_UBKT, "root", PARTY_TERM))
    for slot in UBKT_MEMBERS:
        by_slot[slot].positions.append(PlannedPosition(Title.UV_UBKT, "root", PARTY_TERM))
    by_slot[OFFICE_CLERK].positions.append(
        PlannedPosition(Title.KHAC, "root", PARTY_TERM, "Cán bộ Văn phòng Đảng ủy (kiêm nhiệm)")
    )
    for username, slot in USER_MEMBERS.items():
        by_slot[slot].username = username
    return planned


def _rank(gen: PeopleGenerator, unit: UnitSpec, index: int, size: int) -> tuple[str, tuple[int, int], str]:
    """Government title, birth-year range and political-theory level by place in the unit."""
    if index == 0:
        return unit.head, (1962, 1972), Theory.CAO_CAP
    if index == 1 or (index == 2 and size >= 14):
        return unit.deputy, (1965, 1978), Theory.CAO_CAP
    if index in (2, 3, 4):
        return "Trưởng phòng", (1968, 1982), gen.rng.choice((Theory.CAO_CAP, Theory.TRUNG_CAP))
    if index in (5, 6):
        return "Phó Trưởng phòng", (1972, 1985), Theory.TRUNG_CAP
    if gen.rng.random() < 0.4:
        return unit.senior, (1965, 1988), gen.rng.choice((Theory.TRUNG_CAP, Theory.SO_CAP))
    return unit.junior, (1978, 1997), gen.rng.choice((Theory.SO_CAP, Theory.SO_CAP, Theory.NONE))


def _cell_positions(unit: UnitSpec, index: int, size: int, *, heads_unit: bool) -> list[PlannedPosition]:
    """The cell committee and the unit's leaders (unit heads usually lead the cell too, DOMAIN §1.2).

    A cell electing a chi ủy (≥ 9 full members) has at most 7; smaller cells elect a Bí thư and a Phó
    Bí thư only (QĐ 29-QĐ/TW, mục 24).
    """
    positions: list[PlannedPosition] = []
    if index == 0:
        positions.append(PlannedPosition(Title.BI_THU, "cell", CELL_TERM))
    elif index == 1:
        positions.append(PlannedPosition(Title.PHO_BI_THU, "cell", CELL_TERM))
    elif (index == 2 and size >= 12) or (index in (3, 4) and size >= 18):
        positions.append(PlannedPosition(Title.CHI_UY_VIEN, "cell", CELL_TERM))
    if heads_unit:
        positions.append(PlannedPosition(Title.THU_TRUONG_DON_VI, "unit", "", unit.head_full))
    elif index == 1 or (index == 2 and size >= 14):
        positions.append(PlannedPosition(Title.PHO_THU_TRUONG_DON_VI, "unit", "", unit.deputy_full))
    return positions


@dataclass
class ReferenceResult:
    root: PartyOrg
    directorate: GovUnit
    created: Counter[str]
    users: list[tuple[User, str, str]]  # user, role label, scope name

    @property
    def changed(self) -> bool:
        return any(self.created.values())


class _Loader:
    def __init__(self) -> None:
        self.created: Counter[str] = Counter()
        self.units: dict[str, GovUnit] = {}
        self.cells: dict[str, PartyOrg] = {}

    def gov_unit(self, name: str, kind: str, parent: GovUnit | None, short_name: str = "") -> GovUnit:
        existing = GovUnit.objects.filter(parent=parent, name=clean(name)).first()
        if existing is not None:
            return existing
        self.created["gov_units"] += 1
        return services.gov_unit_create(name=name, kind=kind, parent=parent, short_name=short_name)

    def party_org(self, name: str, kind: str, parent: PartyOrg | None, **fields: Any) -> PartyOrg:
        existing = PartyOrg.objects.filter(parent=parent, name=clean(name)).first()
        if existing is not None:
            return existing
        self.created["party_orgs"] += 1
        return services.party_org_create(name=name, kind=kind, parent=parent, **fields)

    def run(self) -> ReferenceResult:
        events_before = MembershipEvent.objects.count()  # member_create writes events of its own
        ministry = self.gov_unit(MINISTRY, V.BO, None, "Bộ LĐTBXH")
        directorate = self.gov_unit(DIRECTORATE, V.TONG_CUC, ministry, "TCGDNN")
        for spec in UNITS:
            self.units[spec.key] = self.gov_unit(spec.name, spec.kind, directorate, spec.short_name)

        K = PartyOrg.Kind
        bloc = self.party_org(UPPER_CHAIN[0], K.DANG_BO_CAP_TREN, None, abbr="ĐUK", is_external=True)
        upper = self.party_org(UPPER_CHAIN[1], K.DANG_BO_CAP_TREN, bloc, abbr="ĐUB", is_external=True)
        root = self.party_org(
            ROOT_NAME,
            K.DANG_BO_CO_SO,
            upper,
            short_name="Đảng bộ Tổng cục",
            abbr="ĐU",
            has_seal=True,
            gov_units=[directorate],
        )
        for cell_spec in CELLS:
            self.cells[cell_spec.key] = self.party_org(
                cell_spec.name,
                K.CHI_BO,
                root,
                short_name=cell_spec.short_name,
                abbr="CB",
                gov_units=[self.units[key] for key in cell_spec.units],
            )

        users = {user_spec.username: self.user(user_spec) for user_spec in USERS}
        places = {"root": root, "upper": upper}
        for planned in plan_members():
            member = self.member(planned, directorate, users)
            for event in planned.events:
                self.event(member, event)
            cell = self.cells[planned.cell]
            for position in planned.positions:
                self.position(member, position, places.get(position.where, cell), directorate)
        self.created["events"] = MembershipEvent.objects.count() - events_before
        # The member linked to a demo user gives it a display name (quansat has its own).
        for user_spec in USERS:
            user = users[user_spec.username]
            if not user.first_name:
                linked = Member.objects.filter(user=user).first()
                if linked is not None:
                    user.first_name = linked.full_name
                    user.save(update_fields=["first_name"])
        summary: list[tuple[User, str, str]] = []
        for user_spec in USERS:
            user = users[user_spec.username]
            scope = root if user_spec.scope == "root" else self.cells[user_spec.scope]
            if user_spec.role is not None:
                if not RoleAssignment.objects.filter(user=user, role=user_spec.role, org=scope).exists():
                    self.created["roles"] += 1
                    services.role_assign(user=user, role=user_spec.role, org=scope)
                label = str(Role(user_spec.role).label)
            else:
                label = "Đảng viên (chỉ hồ sơ của mình)"
            summary.append((user, label, scope.name))
        return ReferenceResult(root=root, directorate=directorate, created=self.created, users=summary)

    def user(self, spec: DemoUser) -> User:
        user = User.objects.filter(username=spec.username).first()
        if user is None:
            # Argon2 is slow on purpose: hash only for a new user, so a rerun stays quick and unchanged.
            user = User(username=spec.username, first_name=spec.full_name, is_staff=spec.is_staff)
            user.set_password(DEMO_PASSWORD)
            user.save()
            self.created["users"] += 1
        if spec.is_staff:
            if not user.is_staff:
                user.is_staff = True
                user.save(update_fields=["is_staff"])
            # The admin needs model permissions; a superuser would bypass the role scopes altogether.
            perms = Permission.objects.filter(content_type__app_label__in=STAFF_APPS)
            missing = perms.exclude(pk__in=user.user_permissions.values("pk"))
            if missing.exists():
                user.user_permissions.add(*missing)
        return user

    def member(self, planned: PlannedMember, directorate: GovUnit, users: dict[str, User]) -> Member:
        user = users.get(planned.username) if planned.username else None
        member = Member.objects.filter(card_number=planned.card_number).first()
        if member is None:
            fields = planned.person.member_fields()
            self.created["members"] += 1
            return services.member_create(
                cell=self.cells[planned.cell],
                card_number=planned.card_number,
                gov_unit=self.units[planned.unit] if planned.unit else directorate,
                gov_position=planned.gov_position,
                user=user,
                **fields,
            )
        if user is not None and member.user_id is None and not Member.objects.filter(user=user).exists():
            member.user = user
            member.save()
        return member

    def event(self, member: Member, event: PlannedEvent) -> None:
        if member.events.filter(kind=event.kind, date=event.date).exists():
            return
        services.member_add_event(
            member=member,
            kind=event.kind,
            date=event.date,
            to_org=self.cells[event.to_cell] if event.to_cell else None,
            external_org=event.external_org,
            decision_ref=event.decision_ref,
            note=event.note,
        )

    def position(self, member: Member, planned: PlannedPosition, party_org: PartyOrg, directorate: GovUnit) -> None:
        place: dict[str, Any]
        if planned.where == "directorate":
            place = {"party_org": None, "gov_unit": directorate}
        elif planned.where == "unit":
            place = {"party_org": None, "gov_unit": member.gov_unit}
        else:
            place = {"party_org": party_org, "gov_unit": None}
        if Position.objects.filter(member=member, title=planned.title, term=planned.term, **place).exists():
            return
        self.created["positions"] += 1
        services.position_create(
            member=member, title=planned.title, term=planned.term, title_text=planned.title_text, **place
        )


def load_reference() -> ReferenceResult:
    """Create whatever of the reference organization is missing, in one transaction."""
    with transaction.atomic(), acting_as(None, source="demo"):
        return _Loader().run()


def reference_counts(result: ReferenceResult) -> dict[str, int]:
    """Figures for the summary: the Đảng bộ's own subtree, upper committees excluded."""
    root = result.root
    members = Member.objects.filter(cell__path__startswith=root.path, archived_at__isnull=True)
    counts = members.aggregate(
        total=Count("id"),
        full=Count("id", filter=Q(status=Member.Status.FULL)),
        probationary=Count("id", filter=Q(status=Member.Status.PROBATIONARY)),
        exempt=Count("id", filter=Q(is_exempt=True, status__in=Member.ACTIVE_STATUSES)),
        transferred=Count("id", filter=Q(status=Member.Status.TRANSFERRED_OUT)),
    )
    counts["cells"] = PartyOrg.objects.filter(path__startswith=root.path, kind__in=PartyOrg.CELL_KINDS).count()
    counts["gov_units"] = GovUnit.objects.filter(path__startswith=result.directorate.path).count()
    counts["positions"] = Position.objects.filter(member__cell__path__startswith=root.path).count()
    return counts
