"""Synthetic Vietnamese people for demo and load-test data.

Everything is drawn from one seeded `random.Random`, so the same seed and the same sequence of calls
give the same people on every run (the demo loader relies on that to stay idempotent). Weights follow
the rough frequency of Vietnamese family names; no real person's data is used.
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass
from typing import Any

from dangvu.lib.vn_text import fold
from dangvu.organization.models import Member

Gender = Member.Gender
Theory = Member.TheoryLevel

# (family name, weight): Nguyễn alone is close to four in ten people.
FAMILY_NAMES: tuple[tuple[str, int], ...] = (
    ("Nguyễn", 380),
    ("Trần", 110),
    ("Lê", 95),
    ("Phạm", 70),
    ("Hoàng", 40),
    ("Huỳnh", 15),
    ("Phan", 45),
    ("Vũ", 39),
    ("Võ", 15),
    ("Đặng", 21),
    ("Bùi", 20),
    ("Đỗ", 14),
    ("Hồ", 13),
    ("Ngô", 13),
    ("Dương", 10),
    ("Lý", 5),
    ("Đinh", 8),
    ("Trịnh", 6),
    ("Đào", 6),
    ("Mai", 4),
    ("Lương", 4),
    ("Tạ", 3),
    ("Cao", 3),
)
MALE_MIDDLE: tuple[tuple[str, int], ...] = (
    ("Văn", 40),
    ("Hữu", 8),
    ("Đức", 8),
    ("Minh", 8),
    ("Quang", 6),
    ("Mạnh", 4),
    ("Xuân", 5),
    ("Thanh", 5),
    ("Công", 5),
    ("Anh", 3),
    ("Ngọc", 3),
    ("Trọng", 4),
    ("Việt", 3),
    ("Duy", 3),
    ("Quốc", 4),
    ("Đình", 5),
    ("Tiến", 3),
    ("Bá", 2),
)
FEMALE_MIDDLE: tuple[tuple[str, int], ...] = (
    ("Thị", 45),
    ("Thu", 8),
    ("Ngọc", 7),
    ("Thanh", 6),
    ("Minh", 4),
    ("Hồng", 5),
    ("Kim", 3),
    ("Phương", 3),
    ("Thùy", 3),
    ("Hải", 2),
    ("Diệu", 2),
    ("Bích", 2),
    ("Khánh", 2),
)
# Second middle name after "Thị" ("Nguyễn Thị Thu Hà"), common for women born 1960–1990.
FEMALE_SECOND_MIDDLE = ("Thu", "Minh", "Thanh", "Hồng", "Ngọc", "Kim", "Lan", "Bích", "Mai", "Hải")
MALE_GIVEN = (
    "Anh", "Bình", "Cường", "Dũng", "Đức", "Dương", "Hải", "Hiếu", "Hòa", "Hoàng", "Hùng", "Huy", "Khánh",
    "Khoa", "Kiên", "Lâm", "Long", "Mạnh", "Minh", "Nam", "Nghĩa", "Phong", "Phúc", "Quân", "Quang", "Sơn",
    "Tài", "Thắng", "Thành", "Thịnh", "Toàn", "Trung", "Tuấn", "Tùng", "Việt", "Vinh", "Hưng", "Hiệp",
    "Tiến", "Thái", "Khải", "Lợi", "Tâm", "Chiến", "Công", "Định", "Giang", "Hậu", "Lực", "Tú",
)  # fmt: skip
FEMALE_GIVEN = (
    "Anh", "Chi", "Dung", "Giang", "Hà", "Hạnh", "Hằng", "Hiền", "Hoa", "Hồng", "Huyền", "Hương", "Lan",
    "Liên", "Linh", "Loan", "Mai", "Nga", "Ngân", "Ngọc", "Nhung", "Oanh", "Phương", "Quỳnh", "Thảo",
    "Thủy", "Trang", "Tuyết", "Vân", "Yến", "Thu", "Hậu", "Hải", "Lý", "Nhàn", "Thoa", "Thúy", "Duyên",
)  # fmt: skip

# Provinces of origin with the first three digits of a citizen id (mã tỉnh on the CCCD).
PROVINCES: tuple[tuple[str, str], ...] = (
    ("Hà Nội", "001"),
    ("Nam Định", "036"),
    ("Thái Bình", "034"),
    ("Hải Dương", "030"),
    ("Hưng Yên", "033"),
    ("Nghệ An", "040"),
    ("Hà Tĩnh", "042"),
    ("Thanh Hóa", "038"),
    ("Ninh Bình", "037"),
    ("Bắc Ninh", "027"),
    ("Phú Thọ", "025"),
    ("Vĩnh Phúc", "026"),
    ("Hải Phòng", "031"),
    ("Quảng Ninh", "022"),
    ("Hà Nam", "035"),
    ("Quảng Bình", "044"),
    ("Thừa Thiên Huế", "046"),
    ("Bắc Giang", "024"),
)
HANOI_DISTRICTS = (
    "Ba Đình", "Hoàn Kiếm", "Hai Bà Trưng", "Đống Đa", "Cầu Giấy", "Thanh Xuân", "Hoàng Mai", "Long Biên",
    "Tây Hồ", "Hà Đông", "Nam Từ Liêm", "Bắc Từ Liêm", "Gia Lâm", "Thanh Trì",
)  # fmt: skip
FIELDS_OF_STUDY: tuple[tuple[str, str], ...] = (
    ("Cử nhân", "Kinh tế"),
    ("Cử nhân", "Luật"),
    ("Cử nhân", "Quản lý giáo dục"),
    ("Kỹ sư", "Sư phạm kỹ thuật"),
    ("Cử nhân", "Kế toán"),
    ("Cử nhân", "Quản trị kinh doanh"),
    ("Kỹ sư", "Công nghệ thông tin"),
    ("Kỹ sư", "Cơ khí"),
    ("Kỹ sư", "Điện"),
    ("Cử nhân", "Xã hội học"),
    ("Cử nhân", "Hành chính công"),
    ("Cử nhân", "Ngôn ngữ Anh"),
    ("Cử nhân", "Tài chính – Ngân hàng"),
)
LANGUAGES = ("Tiếng Anh B", "Tiếng Anh C", "Tiếng Anh B1", "Tiếng Anh B2", "Tiếng Pháp B", "Tiếng Nga B")
PHONE_PREFIXES = ("090", "091", "093", "094", "096", "097", "098")


def _weighted(pairs: tuple[tuple[str, int], ...]) -> tuple[tuple[str, ...], tuple[int, ...]]:
    names, weights = zip(*pairs, strict=True)
    cumulative: list[int] = []
    total = 0
    for weight in weights:
        total += weight
        cumulative.append(total)
    return names, tuple(cumulative)


_FAMILY = _weighted(FAMILY_NAMES)
_MALE_MIDDLE = _weighted(MALE_MIDDLE)
_FEMALE_MIDDLE = _weighted(FEMALE_MIDDLE)


def add_years(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February in a year that has none
        return day.replace(year=day.year + years, day=28)


def add_months(day: datetime.date, months: int) -> datetime.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return datetime.date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable")


@dataclass
class Person:
    """One synthetic person with a party history, ready for `Member(**person.member_fields())`."""

    full_name: str
    gender: str
    date_of_birth: datetime.date
    place_of_birth: str
    hometown: str
    citizen_id: str
    phone: str
    admission_date: datetime.date
    official_date: datetime.date | None
    email: str = ""
    residence: str = ""
    professional_qualification: str = ""
    academic_degree: str = ""
    political_theory: str = ""
    foreign_language: str = ""
    youth_union_date: datetime.date | None = None
    admission_place: str = ""

    def member_fields(self) -> dict[str, Any]:
        return dict(self.__dict__)


class PeopleGenerator:
    """Seeded source of Vietnamese names and member profiles."""

    def __init__(self, seed: int | str, *, email_domain: str = "", unique_names: bool = False) -> None:
        self.rng = random.Random(seed)
        self.email_domain = email_domain
        self.unique_names = unique_names
        self._names: set[str] = set()
        self._emails: set[str] = set()

    # Names -----------------------------------------------------------------
    def _pick(self, table: tuple[tuple[str, ...], tuple[int, ...]]) -> str:
        names, cumulative = table
        return self.rng.choices(names, cum_weights=cumulative)[0]

    def _one_name(self, gender: str) -> str:
        rng = self.rng
        family = self._pick(_FAMILY)
        if gender == Gender.MALE:
            middle = self._pick(_MALE_MIDDLE)
            given = rng.choice(MALE_GIVEN)
        else:
            middle = self._pick(_FEMALE_MIDDLE)
            if middle == "Thị" and rng.random() < 0.25:
                middle = f"Thị {rng.choice(FEMALE_SECOND_MIDDLE)}"
            given = rng.choice(FEMALE_GIVEN)
        if given == middle.rsplit(" ", 1)[-1]:  # "Minh Minh" is not a name
            middle = "Văn" if gender == Gender.MALE else "Thị"
        return f"{family} {middle} {given}"

    def name(self, gender: str, *, avoid: set[str] | None = None) -> str:
        """A full name; with `unique_names`, never one already given out (nor one in `avoid`)."""
        for _attempt in range(100):
            full = self._one_name(gender)
            if not self.unique_names or (full not in self._names and (avoid is None or full not in avoid)):
                break
        self._names.add(full)
        return full

    def gender(self, female_share: float = 0.45) -> str:
        return Gender.FEMALE if self.rng.random() < female_share else Gender.MALE

    # Dates -----------------------------------------------------------------
    def date_between(self, start: datetime.date, end: datetime.date) -> datetime.date:
        if end <= start:
            return start
        return datetime.date.fromordinal(self.rng.randint(start.toordinal(), end.toordinal()))

    # Contact and identity ----------------------------------------------------
    def phone(self) -> str:
        return f"{self.rng.choice(PHONE_PREFIXES)}{self.rng.randint(0, 9_999_999):07d}"

    def citizen_id(self, province_code: str, gender: str, born: datetime.date) -> str:
        # Digit 4 of a CCCD encodes sex and century (0/1 = male/female born in the 1900s, 2/3 after 2000).
        century = 0 if born.year < 2000 else 2
        sex = century + (1 if gender == Gender.FEMALE else 0)
        return f"{province_code}{sex}{born.year % 100:02d}{self.rng.randint(0, 999_999):06d}"

    def email(self, full_name: str) -> str:
        """Government style: given name + initials of the other words, e.g. "hantt" for Nguyễn Thị Thu Hà."""
        words = fold(full_name).split()
        local = words[-1] + "".join(w[0] for w in words[:-1])
        candidate, n = local, 1
        while candidate in self._emails:
            n += 1
            candidate = f"{local}{n}"
        self._emails.add(candidate)
        return f"{candidate}@{self.email_domain}"

    # Whole person ------------------------------------------------------------
    def person(
        self,
        *,
        born: tuple[int, int],
        admitted_by: datetime.date,
        official_by: datetime.date,
        probationary_from: datetime.date | None = None,
        gender: str | None = None,
        full_name: str | None = None,
        theory: str | None = None,
        details: bool = True,
        avoid_names: set[str] | None = None,
    ) -> Person:
        """A member born in the `born` year range, admitted at 20–40 and no later than `admitted_by`.

        Full membership comes 12 months after admission or up to ten weeks later (the cell's and the
        committee's resolutions take time), never after `official_by`. With `probationary_from` the
        member was admitted between that day and `admitted_by` and is still probationary.
        `details=False` skips the optional fields, for bulk loads.
        """
        rng = self.rng
        gender = gender or self.gender()
        full_name = full_name or self.name(gender, avoid=avoid_names)
        dob = self.date_between(datetime.date(born[0], 1, 1), datetime.date(born[1], 12, 31))
        province, code = rng.choice(PROVINCES)
        birth_place = province if rng.random() < 0.8 else rng.choice(PROVINCES)[0]
        if probationary_from is not None:
            admission = self.date_between(max(probationary_from, add_years(dob, 20)), admitted_by)
            official = None
        else:
            latest = min(add_years(dob, 40), admitted_by)
            admission = self.date_between(min(add_years(dob, 20), latest), latest)
            official = add_months(admission, 12) + datetime.timedelta(days=rng.randint(0, 70))
            if official > official_by:
                official = None
        person = Person(
            full_name=full_name,
            gender=gender,
            date_of_birth=dob,
            place_of_birth=birth_place,
            hometown=province,
            citizen_id=self.citizen_id(code, gender, dob),
            phone=self.phone(),
            admission_date=admission,
            official_date=official,
        )
        if not details:
            return person
        degree_roll = rng.random()
        title, field = rng.choice(FIELDS_OF_STUDY)
        person.academic_degree = "Tiến sĩ" if degree_roll < 0.12 else "Thạc sĩ" if degree_roll < 0.55 else ""
        person.professional_qualification = f"{title} {field}"
        person.political_theory = (
            theory if theory is not None else rng.choice((Theory.TRUNG_CAP, Theory.SO_CAP, Theory.SO_CAP, Theory.NONE))
        )
        person.foreign_language = rng.choice(LANGUAGES)
        person.residence = f"{rng.choice(HANOI_DISTRICTS)}, Hà Nội"
        if (admission - dob).days < 30 * 365:
            person.youth_union_date = add_years(dob, 16) + datetime.timedelta(days=rng.randint(0, 600))
        if self.email_domain and rng.random() < 0.6:
            person.email = self.email(full_name)
        return person
