"""Rule-and-lexicon extractor for Vietnamese conference reports and minutes.

Pure functions, no Django import and no model: the rules below are the whole extractor, so it runs offline and
its tests run without the app installed. Every public function takes any string and never raises.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from typing import Any

from dangvu.lib.vn_text import clean, fold


def _wordset(words: str) -> frozenset[str]:
    return frozenset(words.split())


ROLE_PRIORITY = ("chair", "presenter", "speaker", "attendee", "author", "other")

# ---------------------------------------------------------------------------------------------------------------
# Lexicons
# ---------------------------------------------------------------------------------------------------------------

# Most common Vietnamese family names: a capitalised run that starts with one of them is a name candidate even
# without an honorific ("Bí thư Đảng ủy Nguyễn Hồng Minh").
SURNAMES = _wordset(
    """Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Phí Đinh Trương Lương Mai Đào Cao Tạ Hà
    Chu Lưu Tô Thái Kiều Lâm Quách Đoàn Tăng Vương Triệu Khúc Trịnh Đàm Thân Nông La Lại Giáp Mạc Tống Phùng Âu Doãn
    Hứa Khổng Lục Nghiêm Ông Quan Tôn Vi Lã Ninh Diệp Kim Từ Bế Lò Hầu Mẫn Hàn Bạch Cù Khương Trình Viên Đới Châu Ma
    Tiêu Lục Thạch Văn Đồng Hoàng Lữ Mông Sầm Hoa Chử Đàm Lỗ Yên Quang Ninh Thiều"""
)

# Capitalised runs that look like names but are places, streets or institutions named after people.
NOT_PEOPLE = frozenset(
    fold(n)
    for n in (
        "Hồ Chí Minh",
        "Hà Nội",
        "Hà Nam",
        "Hà Giang",
        "Hà Tĩnh",
        "Cao Bằng",
        "Lâm Đồng",
        "Thái Bình",
        "Thái Nguyên",
        "Đồng Nai",
        "Đồng Tháp",
        "Kim Bảng",
        "Nguyễn Bỉnh Khiêm",
        "Tôn Đức Thắng",
        "Trần Hưng Đạo",
        "Lê Lợi",
        "Phan Đình Phùng",
        "Ninh Bình",
        "Ninh Thuận",
        "Hoàng Mai",
        "Hoàng Sa",
        "Đoàn Thanh",
        "Văn Phòng",
        "Thanh Niên",
    )
)

# Words just before a capitalised run that make it a place, a street or a thing, never a person.
_NOT_PERSON_BEFORE = re.compile(
    r"(?:tư tưởng|phong cách|đạo đức|thành phố|tp\.?|tỉnh|huyện|quận|phường|xã|phố|đường|số|trường|đại học|"
    r"lăng|bảo tàng|khu di tích|di tích|sông|núi|cầu|chợ|chủ tịch|bác|thị xã|thị trấn|thôn|làng|thcs|thpt|"
    r"tiểu học|mầm non|mẫu giáo|chính trị|trung học cơ sở|trung học phổ thông|phổ thông|học viện|ấp|khu phố)\s*$",
    re.IGNORECASE,
)

# Capitalised words of titles, bodies and documents that never start a person's name ("Ban Thường vụ").
_NOT_FIRST_NAME_WORD = _wordset(
    "Ban Thường Ủy Uỷ Đảng Chi Bộ Vụ Cục Tổng Phòng Hội Trung Kiểm Chấp Giáo Công Sở Viện Trường Khoa Nghị Kết "
    "Quyết Chỉ Thông Hướng Kế Chương Luật Điều Quy Phó Bí Chủ Giám Thứ Tổ Học Nhà Chính Nhân Quốc Việt Nam Bắc "
    "Trưởng Chánh Thanh Tài Xã Lao Thương Đại Tỉnh Thành Huyện Quận Phường Sáng Chiều Tối Ngày Tháng Năm Tại Theo "
    "Các Những Một Ông Bà Anh Chị Tiếp Tuy Trong Đề Yêu Cần Nhìn Để Sau Trước Với Về Khối Mặt"
)

_NOT_LAST_NAME_WORD = _wordset(
    "Phó Bí Hội Chủ Ủy Uỷ Tổng Ban Thường Đảng Trưởng Giám Thứ Chánh Tại Sáng Chiều Ngày Các"
)

HONORIFICS = ("đồng chí", "đ/c", "ông", "bà", "anh", "chị", "đc")

# Title heads, longest first so "Phó Bí thư" wins over "Bí thư". A title is a head plus an optional body
# ("Bí thư Đảng ủy Tổng cục"), ended by a stop word or punctuation (see _title_span).
TITLE_HEADS = sorted(
    (
        "Phó Bí thư thường trực",
        "Phó Bí thư",
        "Bí thư",
        "Tổng Bí thư",
        "Ủy viên Ban Thường vụ",
        "Ủy viên Ban Chấp hành",
        "Ủy viên Ủy ban Kiểm tra",
        "Ủy viên BTV",
        "Ủy viên BCH",
        "Ủy viên UBKT",
        "Ủy viên",
        "Chi ủy viên",
        "Đảng ủy viên",
        "Cấp ủy viên",
        "Chủ nhiệm Ủy ban Kiểm tra",
        "Phó Chủ nhiệm Ủy ban Kiểm tra",
        "Chủ nhiệm UBKT",
        "Phó Chủ nhiệm UBKT",
        "Phó Chủ nhiệm",
        "Chủ nhiệm",
        "Phó Tổng Cục trưởng",
        "Tổng Cục trưởng",
        "Phó Cục trưởng",
        "Cục trưởng",
        "Phó Vụ trưởng",
        "Vụ trưởng",
        "Phó Chánh Văn phòng",
        "Chánh Văn phòng",
        "Thứ trưởng",
        "Bộ trưởng",
        "Phó Viện trưởng",
        "Viện trưởng",
        "Phó Giám đốc",
        "Giám đốc",
        "Phó Trưởng ban",
        "Trưởng ban",
        "Phó Trưởng phòng",
        "Trưởng phòng",
        "Phó Chủ tịch",
        "Chủ tịch",
        "Phó Hiệu trưởng",
        "Hiệu trưởng",
        "Tổ trưởng",
        "Tổ phó",
        "Bí thư chi bộ",
        "Trưởng khoa",
        "Phó Trưởng khoa",
        "Thư ký",
        "Chánh Thanh tra",
        "Chánh án",
        "Viện trưởng",
        "Giảng viên",
        "Chuyên viên",
    ),
    key=len,
    reverse=True,
)
_TITLE_HEAD_RE = re.compile(
    r"(?<!\w)(?:" + "|".join(re.escape(h).replace(r"\ ", r"\s+") for h in TITLE_HEADS) + r")(?!\w)",
    re.IGNORECASE,
)

# A title runs until one of these words (verbs of the event) or punctuation: "... Tổng cục Giáo dục nghề nghiệp
# phát biểu tại Hội nghị" → the title ends before "phát biểu".
_TITLE_STOP = re.compile(
    r"(?<!\w)(?:phát biểu|đã|đang|sẽ|trình bày|chủ trì|tham dự|dự|đánh giá|gửi|tại|khẳng định|nhấn mạnh|chúc|"
    r"chỉ đạo|kết luận|cho biết|yêu cầu|đề nghị|cùng|là|với|thay mặt|báo cáo|điều hành|quán triệt|trao|lưu ý|"
    r"mong muốn|ghi nhận|biểu dương|thông qua|công bố|có|được|cho|về|nêu|đọc|tặng|và các|nhận)(?!\w)",
    re.IGNORECASE,
)

# Role cues: the first role in ROLE_PRIORITY found near a name wins; a person's final role is the highest over
# all mentions (the chair is also seen "phát biểu" in a photo caption).
_ROLE_CUES: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "chair",
        re.compile(
            r"chủ trì|phát biểu kết luận|kết luận hội nghị|kết luận đại hội|kết luận buổi|chỉ đạo hội nghị|"
            r"chỉ đạo đại hội|chỉ đạo buổi|phát biểu chỉ đạo|điều hành hội nghị|điều hành buổi|chủ tọa|"
            r"thay mặt đoàn chủ tịch|khai mạc|bế mạc",
            re.IGNORECASE,
        ),
    ),
    ("presenter", re.compile(r"trình bày|báo cáo tổng kết|báo cáo sơ kết|thông qua báo cáo|quán triệt", re.I)),
    ("speaker", re.compile(r"phát biểu|ý kiến|tham luận|nhấn mạnh|khẳng định|chia sẻ|cho biết|đề nghị", re.I)),
    ("attendee", re.compile(r"tham dự|dự hội nghị|dự đại hội|tới dự|đến dự|có mặt|về dự|dự buổi", re.IGNORECASE)),
)

_EVENT_TYPES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("thematic_meeting", re.compile(r"sinh hoat chuyen de|chuyen de")),
    ("mid_year_review", re.compile(r"so ket")),
    ("review_conference", re.compile(r"hoi nghi tong ket|tong ket")),
    ("congress", re.compile(r"dai hoi")),
    (
        "committee_session",
        re.compile(r"hoi nghi ban chap hanh|hoi nghi bch|phien hop|hoi nghi dang uy|hoi nghi ban thuong vu|hop chi uy"),
    ),
    ("cell_meeting", re.compile(r"sinh hoat chi bo|sinh hoat thuong ky|hop chi bo")),
)

# Body heads for organizers and addressees.
_BODY_HEAD = (
    r"(?:Đảng\s+[bB]ộ|Đảng\s+[uUủỦ][yỷ]|Chi\s+[bB]ộ|Chi\s+ủy|Ban\s+Thường\s+vụ|Ban\s+Chấp\s+hành|Ủy\s+ban\s+Kiểm\s+tra|"
    r"Ban\s+Tuyên\s+giáo|Ban\s+Tổ\s+chức|Ban\s+Dân\s+vận|Ban\s+cán\s+sự|Văn\s+phòng|Tổng\s+cục|Bộ|Vụ|Cục|Viện|"
    r"Trường|Sở|Công\s+đoàn|Đoàn\s+Thanh\s+niên|Đoàn\s+thanh\s+niên|Hội|Liên\s+đoàn|Ủy\s+ban|UBND|HĐND|ĐU|BCH|BTV|"
    r"UBKT|Thành\s+ủy|Tỉnh\s+ủy|Huyện\s+ủy|Quận\s+ủy|Khoa|Phòng|Trung\s+tâm|Học\s+viện|Công\s+ty|Tập\s+đoàn)"
)
_ADDRESSEE_HEAD = re.compile(
    r"(?:(?:các|mỗi|từng|toàn\s+thể|toàn|những|tất\s+cả\s+các)\s+)?"
    r"(?:đồng\s+chí|đơn\s+vị|chi\s+bộ|cấp\s+ủy|cấp\s+uỷ|đảng\s+viên|cán\s+bộ|tổ\s+chức\s+đảng|chi\s+ủy|lãnh\s+đạo|"
    r"vụ|ban|phòng|khoa|đảng\s+bộ|đảng\s+ủy|đảng\s+uỷ|" + _BODY_HEAD[3:-1] + r")(?!\w)",
    re.IGNORECASE,
)
# Lower-case words that continue a body name after its head ("các đơn vị thuộc Tổng cục", "Đảng ủy Tổng cục").
_ADDRESSEE_CONT = _wordset(
    "thuộc trực và lãnh đạo đơn vị cơ sở cục bộ ủy uỷ giáo dục nghề nghiệp kiểm tra thường vụ chấp hành quan "
    "quản lý phòng ban chi đảng viên"
)
_ADDRESSEE_AFTER_COMMA = ("đơn vị", "chi bộ", "cấp ủy", "đảng viên", "phòng", "ban", "vụ", "Vụ", "Văn phòng")


def _addressee_at(text: str, start: int) -> str | None:
    """The body name that starts exactly at `start`, or None."""
    head = _ADDRESSEE_HEAD.match(text, start)
    if not head:
        return None
    end = head.end()
    while end < len(text):
        rest = text[end:]
        comma = re.match(r",\s*", rest)
        if comma and rest[comma.end() :].startswith(_ADDRESSEE_AFTER_COMMA):
            nxt = _ADDRESSEE_HEAD.match(text, end + comma.end())
            if nxt:
                end = nxt.end()
                continue
        word = re.match(r"\s+([^\W\d_][\w/–-]*)", rest)
        if not word:
            break
        token = word.group(1)
        if token[:1].isupper() or token in _ADDRESSEE_CONT:
            end += word.end()
            continue
        break
    found = text[start:end].strip(" ,")
    # "Vụ" or "ban" alone is a noun of the sentence, not an addressee.
    return found if len(found.split()) >= 2 else None


_DATE_WORDS = re.compile(r"ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})", re.IGNORECASE)

_PERIOD_RE = (
    r"(?:(?:6|sáu|9|chín)\s+tháng\s+(?:đầu\s+|cuối\s+)?năm\s+\d{4}|nhiệm\s+kỳ\s+\d{4}\s*[-–]\s*\d{4}|"
    r"giai\s+đoạn\s+\d{4}\s*[-–]\s*\d{4}|quý\s+[IV1-4]+(?:\s*/\s*|\s+năm\s+)\d{4}|năm\s+học\s+\d{4}\s*[-–]\s*\d{4}|"
    r"năm\s+\d{4})"
)
_REVIEWED_RE = re.compile(
    r"(?:tổng\s+kết|sơ\s+kết|kiểm\s+điểm|đánh\s+giá|kết\s+quả|thực\s+hiện)[^.;\n]{0,80}?(" + _PERIOD_RE + ")",
    re.IGNORECASE,
)
_PLANNED_RE = re.compile(
    r"(?:phương\s+hướng|nhiệm\s+vụ|kế\s+hoạch|giải\s+pháp|chương\s+trình\s+công\s+tác)[^.;\n]{0,80}?("
    + _PERIOD_RE
    + ")",
    re.IGNORECASE,
)

# Sentence classes. Cues are searched in the lower-cased NFC text, and the multi-syllable ones also in the folded
# text so that a lost diacritic ("tuy nhien") still counts; one-syllable cues are never folded ("cần" would fold to
# "can", which is also "cán" of "cán bộ").
_SHORT_CUES = re.compile(
    r"(?<!\w)(?:tuy nhiên|hạn chế|còn chậm|chưa|còn yếu|còn thiếu|thiếu sót|tồn tại|khuyết điểm|yếu kém|bất cập|"
    r"còn hình thức|còn ít|còn nhiều|còn một số|vẫn còn|chậm trễ|không đạt|không đảm bảo|lúng túng|sai sót|"
    r"vi phạm|còn thấp|còn nặng)(?!\w)"
)
_TOPIC_MENTION = re.compile(
    r"(?<!\w)(?:những|các|chỉ ra|phân tích|khắc phục|nêu|đánh giá|nhấn mạnh|rút ra)\s+"
    r"(?:những\s+|các\s+|rõ\s+)?(?:mặt\s+)?"
    r"(?:ưu điểm|hạn chế|tồn tại|khuyết điểm|yếu kém|bất cập|vấn đề còn tồn tại)"
    r"(?:\s*,\s*(?:những\s+)?(?:hạn chế|tồn tại|khuyết điểm|yếu kém|bất cập))*(?:\s+và\s+nguyên nhân)?"
)
_SHORT_CUES_FOLDED = re.compile(r"\b(?:tuy nhien|han che|khuyet diem|yeu kem|bat cap|thieu sot)\b")
# A statement that starts with one of these verbs asks for something ("Tiếp tục đẩy mạnh ...").
_DIRECTIVE_LEAD = re.compile(
    r"^(?:đề nghị|yêu cầu|cần|phải|tiếp tục|phấn đấu|tập trung|đẩy mạnh|tăng cường|chú trọng|quan tâm|nâng cao|"
    r"kiện toàn|rà soát|duy trì|giao|mỗi|các cấp ủy|các chi bộ cần|toàn đảng bộ|hoàn thiện|phát huy|"
    r"khắc phục|đổi mới|nghiên cứu|bảo đảm|đảm bảo|chủ động|thường xuyên|kịp thời)(?!\w)"
)
# These verbs start a directive too, but also a report's verbless statement of a result ("Triển khai kịp thời,
# nghiêm túc và có hiệu quả các chỉ thị ..."): a directive only without an evaluative word.
_DIRECTIVE_LEAD_AMBIGUOUS = re.compile(
    r"^(?:triển khai|thực hiện|làm tốt|xây dựng|hoàn thành|chỉ đạo|quán triệt|tổ chức|lãnh đạo)(?!\w)"
)
_EVALUATIVE = re.compile(r"(?<!\w)(?:có hiệu quả|kịp thời|nghiêm túc|đầy đủ|đúng quy định|thành công|tốt)(?!\w)")
_DIRECTIVE_STRONG = re.compile(
    r"(?<!\w)(?:đề nghị|cần|phải|yêu cầu|phấn đấu|giao cho|đề ra|nhiệm vụ trọng tâm là)(?!\w)"
)
# Nouns made of directive verbs: "sự nỗ lực phấn đấu", "yêu cầu của hướng dẫn", "không phải là".
_DIRECTIVE_NOUN = re.compile(
    r"(?<!\w)(?:(?:sự|nỗ lực|tinh thần)\s+phấn đấu|yêu cầu của|không phải là|phải chăng|những yêu cầu|các yêu cầu|"
    r"(?:chỉ tiêu|mục tiêu|nhiệm vụ|kế hoạch) đề ra|được đề ra|đã đề ra)(?!\w)"
)
# Preambles ("Thực hiện Kế hoạch số ...", "Căn cứ ...", "Vừa qua, ...") tell why the event was held.
_PREAMBLE = re.compile(
    r"^(?:thực hiện (?:hướng dẫn|kế hoạch|công văn|chỉ thị|nghị quyết|quyết định|chương trình|văn bản|thông báo)|"
    r"căn cứ|nhằm|vừa qua|sau khi|được sự|với sự|trong không khí|đến thời điểm này|sự |"
    r"(?:hội nghị|đại hội|buổi sinh hoạt|phiên họp)(?: cũng)? đã (?:nghe|thảo luận|đánh giá|điểm lại|thông qua|dành|"
    r"tập trung thảo luận|tiến hành))"
)
_DIRECTIVE_FOLDED = re.compile(r"\b(?:de nghi|yeu cau|phan dau)\b")
_YEU_CAU_NOT_DIRECTIVE = re.compile(r"(?:đáp ứng|theo|với|đúng|đạt)\s+(?:được\s+)?(?:các\s+|những\s+)?yêu cầu")
_DIRECTIVE_WEAK = re.compile(
    r"(?<!\w)(?:tiếp tục|tập trung|đẩy mạnh|tăng cường|chú trọng|nâng cao|quan tâm|kiện toàn|triển khai|thực hiện)"
    r"(?!\w)"
)
_FUTURE = re.compile(
    r"(?<!\w)(?:thời gian tới|sắp tới|năm tới|trong năm \d{4}|năm \d{4} sẽ|giai đoạn tới|nhiệm kỳ tới|tới đây|"
    r"sẽ)(?!\w)"
)
_PAST = re.compile(r"(?<!\w)(?:đã|đạt|được)(?!\w)")
_ACH_CUES = re.compile(
    r"(?<!\w)(?:đã|đạt|được triển khai|được thực hiện|hoàn thành|có hiệu quả|hiệu quả|kịp thời|nghiêm túc|"
    r"đánh giá cao|kết quả|làm tốt|tốt|chuyển biến|nâng lên|vượt|xuất sắc|thành công|đồng bộ|chặt chẽ|"
    r"đúng quy định|ghi nhận|biểu dương|tăng lên|tăng so với|có bước phát triển|tiến bộ|đúng hướng|ổn định|"
    r"giữ vững|được bảo đảm|được tăng cường|được nâng lên|được củng cố|chuyển dịch)(?!\w)"
)
# Sentences about the event itself (who organised, attended, presented, greeted) are no item.
_META = re.compile(
    r"(?<!\w)(?:tham dự|tổ chức hội nghị|tổ chức đại hội|tổ chức buổi|trình bày báo cáo|trình bày dự thảo|"
    r"dành nhiều thời gian|bày tỏ|nhất trí|gửi lời chúc|chúc sức khỏe|chúc mừng|dự thảo|thông qua|"
    r"biểu quyết|khai mạc|bế mạc|phát biểu tại|đến dự|tới dự|về dự|đại biểu|tổ chức thành công|đã tổ chức|"
    r"diễn ra|kết thúc|đã bầu|bầu cấp ủy|đắc cử|trúng cử|khen thưởng|nghe báo cáo|được nghe|thảo luận|cảm ơn|"
    r"đã báo cáo|làm việc)(?!\w)"
)
_META_OVERRIDE = re.compile(r"(?<!\w)(?:đánh giá cao|kết quả đạt được|ghi nhận)(?!\w)")

_LEADING_CONNECTIVE = re.compile(
    r"^(?:tuy nhiên|bên cạnh đó|nhìn chung|ngoài ra|đồng thời|mặt khác|trong đó|qua đó|bên cạnh những kết quả "
    r"đạt được|bên cạnh kết quả đạt được|song|nhưng)\s*[,:]?\s*",
    re.IGNORECASE,
)

_SECTION_SHORT = re.compile(r"hạn chế|tồn tại|khuyết điểm|yếu kém|nguyên nhân", re.IGNORECASE)
_SECTION_ACH = re.compile(r"kết quả|ưu điểm|thành tích|đạt được|mặt làm được", re.IGNORECASE)
_SECTION_DIR = re.compile(r"nhiệm vụ|giải pháp|phương hướng|kiến nghị|đề xuất|kết luận|chỉ đạo|kế hoạch", re.I)
_BULLET = re.compile(r"^\s*(?:[-–—+•*·▪●]|\(?[0-9]{1,2}[.)]|\(?[a-zđ][)]|[IVX]{1,4}[.)])\s*")

_ABBREVIATIONS = ("TS.", "ThS.", "PGS.", "GS.", "TP.", "Tp.", "BS.", "KS.", "CN.", "Th.S.", "P.", "Q.", "St.")


@dataclass
class _Person:
    name: str
    titles: list[str] = field(default_factory=list)
    roles: set[str] = field(default_factory=set)
    first: int = 0


# ---------------------------------------------------------------------------------------------------------------
# Public API
# ---------------------------------------------------------------------------------------------------------------


def empty_result() -> dict[str, Any]:
    """The shape with nothing found: what extract() returns for text it cannot read."""
    return {
        "event": {"type": "other", "date": None, "place": None, "organizer": None},
        "people": [],
        "achievements": [],
        "shortcomings": [],
        "directives": [],
        "period_reviewed": None,
        "period_planned": None,
    }


def extract(text: str) -> dict[str, Any]:
    """Extract the event, people and statements of a report; never raises (a failing part is left empty)."""
    result = empty_result()
    try:
        doc = _prepare(text)
    except Exception:  # the contract is "never raises"; a text we cannot even clean gives nothing
        return result
    # Each part is guarded on its own so that a bug in one rule still leaves the others' findings.
    for part in (_fill_event, _fill_people, _fill_statements, _fill_periods):
        try:
            part(doc, result)
        except Exception:  # see above
            continue
    return result


# ---------------------------------------------------------------------------------------------------------------
# Preparation: paragraphs, captions, sentences
# ---------------------------------------------------------------------------------------------------------------


@dataclass
class _Sentence:
    text: str
    start_of_paragraph: bool
    after_semicolon: bool
    section: str | None
    bullet: bool


@dataclass
class _Doc:
    text: str
    body_lines: list[str]
    caption_lines: list[str]
    byline: str | None
    sentences: list[_Sentence]
    units: list[str]  # captions and sentences in reading order


def _is_caption(line: str) -> bool:
    """Photo captions, titles and bylines: short lines without a final sentence mark."""
    stripped = line.rstrip()
    return not stripped.endswith((".", "!", "?", "…", ";", ":", '"', "”", ")")) and len(stripped.split()) <= 40


def _prepare(text: str) -> _Doc:
    if not isinstance(text, str):
        text = str(text)
    # Control characters other than line breaks break nothing but clutter the items: make them spaces.
    text = "".join(ch if ch in "\n\t" or ch.isprintable() else " " for ch in text)
    cleaned = clean(text)
    lines = [ln for ln in cleaned.split("\n") if ln.strip()]
    body: list[str] = []
    captions: list[str] = []
    byline: str | None = None
    if lines and _is_caption(lines[-1]) and len(lines[-1].split()) <= 8 and len(lines) > 1:
        byline = lines[-1]
    sentences: list[_Sentence] = []
    units: list[str] = []
    section: str | None = None
    for index, line in enumerate(lines):
        bullet = bool(_BULLET.match(line))
        content = _BULLET.sub("", line) if bullet else line
        if not bullet and _is_caption(line) or line.rstrip().endswith(":") and len(line.split()) <= 15:
            # Only a heading sets the section of what follows: "Tồn tại, hạn chế:", "2. Nhiệm vụ năm 2021",
            # "PHƯƠNG HƯỚNG NHIỆM VỤ"; a title or photo caption that mentions "nhiệm vụ" does not.
            stripped_line = line.rstrip()
            if stripped_line.endswith(":") or (
                len(line.split()) <= 10
                and index > 0
                and (re.match(r"^(?:[IVX]+|\d{1,2}|[a-zđ])[.)]\s", line) or stripped_line.isupper())
            ):
                section = _header_section(line)
            if index == len(lines) - 1 and byline is not None:
                continue
            captions.append(line)
            units.append(line)
            continue
        body.append(line)
        for position, (piece, after_semicolon) in enumerate(_split_sentences(content)):
            sentences.append(_Sentence(piece, position == 0, after_semicolon, section, bullet and position == 0))
            units.append(piece)
    return _Doc(cleaned, body, captions, byline, sentences, units)


def _header_section(line: str) -> str | None:
    if len(line.split()) > 15:
        return None
    if _SECTION_SHORT.search(line):
        return "shortcomings"
    if _SECTION_DIR.search(line):
        return "directives"
    if _SECTION_ACH.search(line):
        return "achievements"
    return None


_SENTENCE_MARK = re.compile(r"[.!?…;]+")


def _split_sentences(paragraph: str) -> list[tuple[str, bool]]:
    """Split on . ! ? … ; followed by a space or a capital ("kỹ,…Trong"); a ";" split is remembered: its piece
    continues the enumeration before it."""
    pieces: list[tuple[str, bool]] = []
    start = 0
    after_semicolon = False
    for mark in _SENTENCE_MARK.finditer(paragraph):
        following = paragraph[mark.end() : mark.end() + 1]
        if following and not (following.isspace() or following.isupper() or following in '“"'):
            continue
        piece = paragraph[start : mark.end()].strip()
        # "TS." or a lone initial ends no sentence; "3.5" never reaches here (a digit follows).
        if piece.endswith(_ABBREVIATIONS) or re.search(r"(?<!\w)[A-ZĐ]\.$", piece):
            continue
        if piece and pieces and pieces[-1][0].endswith(";") and _is_fragment(piece):
            # "...; trong đó, kinh tế 4/4 chỉ tiêu; văn hóa 9/10 chỉ tiêu": details of the statement before.
            pieces[-1] = (pieces[-1][0] + " " + piece, pieces[-1][1])
        elif piece:
            pieces.append((piece, after_semicolon))
        if piece:
            after_semicolon = piece.endswith(";")
        start = mark.end()
    rest = paragraph[start:].strip()
    if rest:
        pieces.append((rest, after_semicolon))
    return pieces


def _is_fragment(piece: str) -> bool:
    return len(piece.split()) <= 6 or piece.lower().startswith(("trong đó", "cụ thể", "gồm"))


def _strip_item(sentence: str) -> str:
    item = sentence.strip().strip("\"“”'").strip()
    for _ in range(2):
        item = _LEADING_CONNECTIVE.sub("", item)
    item = re.sub(r"[\s.;,:…]+$", "", item)
    return item[:1].upper() + item[1:] if item else item


# ---------------------------------------------------------------------------------------------------------------
# Event
# ---------------------------------------------------------------------------------------------------------------


_EVENT_VERB = re.compile(r"(?<!\w)(?:tổ chức|diễn ra|khai mạc|họp|tiến hành|chủ trì)(?!\w)")
_MEETING_WORD = re.compile(
    r"(?<!\w)(?:hội nghị|đại hội|sinh hoạt|phiên họp|cuộc họp|buổi|giao ban|hội thảo)(?!\w)", re.I
)


def _event_sentence(doc: _Doc) -> str:
    """The sentence or caption that announces the event: best a date with "tổ chức"/"diễn ra", then "tổ chức" with a
    meeting word, then a date; among equals the first."""
    best: tuple[int, int, str] | None = None
    for index, unit in enumerate(doc.units[:40]):
        if unit == doc.byline:
            continue
        dated = bool(_date_candidates(unit, None))
        verb = bool(_EVENT_VERB.search(unit))
        meeting = bool(_MEETING_WORD.search(unit))
        score = 3 if dated and verb else 2 if verb and meeting else 1 if dated else 0
        if score and (best is None or score > best[0]):
            best = (score, index, unit)
    if best is not None:
        return best[2]
    return doc.sentences[0].text if doc.sentences else (doc.caption_lines[0] if doc.caption_lines else "")


def _fill_event(doc: _Doc, result: dict[str, Any]) -> None:
    sentence = _event_sentence(doc)
    title = doc.caption_lines[0] if doc.caption_lines else ""
    event = result["event"]
    event["type"] = _event_type(sentence) or _event_type(title) or _event_type(doc.text[:3000]) or "other"
    hint = _year_hint(sentence, doc.text)
    event["date"] = _find_date(sentence, hint) or _find_date(title, hint)
    if event["date"] is None:
        for unit in doc.units[:40]:
            event["date"] = _find_date(unit, hint, strict=True)
            if event["date"]:
                break
    event["place"] = _find_place(sentence)
    event["organizer"] = _find_organizer(sentence) or _find_organizer(title)
    if event["organizer"] is None:
        for unit in doc.units[:15]:
            event["organizer"] = _find_organizer(unit)
            if event["organizer"]:
                break


def _event_type(text: str) -> str | None:
    folded = fold(text)
    best: tuple[int, int, str] | None = None
    for rank, (kind, pattern) in enumerate(_EVENT_TYPES):
        match = pattern.search(folded)
        if match and (best is None or (match.start(), rank) < best[:2]):
            best = (match.start(), rank, kind)
    return best[2] if best else None


def _valid_date(day: str, month: str, year: str) -> str | None:
    try:
        return datetime.date(int(year), int(month), int(day)).isoformat()
    except ValueError:
        return None


_DATE_NUMERIC = re.compile(r"(?<![\d/.-])(\d{1,2})\s*[/.-]+\s*(\d{1,2})\s*[/.-]+\s*(\d{4})(?![\d/])")
_DATE_NO_YEAR = re.compile(
    r"(?<!\w)(?:sáng|chiều|tối|trưa|ngày)\s+(?:ngày\s+)?(\d{1,2})\s*[/-]\s*(\d{1,2})(?![\d/-])", re.IGNORECASE
)
_DAYPART_BEFORE = re.compile(r"(?:sáng|chiều|tối|trưa)\s+(?:(?:thứ\s+\w+|chủ\s+nhật),?\s+)?(?:ngày\s+)?$", re.I)
# A date that dates a cited document ("Kế hoạch số 68-KH/TU ngày 26/7/2019") is not the event's.
_CITATION_BEFORE = re.compile(
    r"(?:(?<!\w)số\s+\S+|[A-ZĐ]{1,6}/[A-ZĐ][\w/-]*|(?:kế hoạch|hướng dẫn|quyết định|chỉ thị|nghị quyết|công văn|"
    r"thông báo|thông tư|kết luận|quy định|văn bản|tờ trình)[^,;]{0,30})\s*,?\s*(?:ban hành\s+)?(?:ngày\s*)?$",
    re.IGNORECASE,
)


def _year_hint(sentence: str, text: str) -> int | None:
    """The year of a date written without one ("Ngày 17/7"): from the period reviewed (January reviews the year
    before), else the start of the term, else the most frequent year of the text."""
    for source in (sentence, text[:3000]):
        match = _REVIEWED_RE.search(source)
        if match:
            years = re.findall(r"\d{4}", match.group(1))
            if years:
                return int(years[-1])
    term = re.search(r"nhiệm\s+kỳ\s+(\d{4})", sentence) or re.search(r"nhiệm\s+kỳ\s+(\d{4})", text[:3000])
    if term:
        return int(term.group(1))
    years = re.findall(r"(?<!\d)(19[5-9]\d|20\d\d)(?!\d)", text[:20000])
    if years:
        return int(max(set(years), key=years.count))
    return None


def _date_candidates(text: str, hint: int | None, strict: bool = False) -> list[tuple[int, int, str]]:
    """(priority, position, ISO date): a date after "sáng/chiều/tối" first, then any other; citations skipped."""
    found: list[tuple[int, int, str]] = []
    for pattern in (_DATE_WORDS, _DATE_NUMERIC):
        for match in pattern.finditer(text):
            value = _valid_date(*match.groups())
            if not value or not 1900 < int(match.group(3)) < 2200:
                continue
            before = text[max(0, match.start() - 60) : match.start()]
            if _CITATION_BEFORE.search(before):
                continue
            priority = (
                0 if _DAYPART_BEFORE.search(before) or re.match(r"(?:sáng|chiều|tối|trưa)", match.group(), re.I) else 1
            )
            if strict and priority and not re.search(r"(?:^|[,(]\s*|-\s*)(?:ngày\s+)?$", before, re.I):
                continue
            found.append((priority, match.start(), value))
    if hint is not None:
        for match in _DATE_NO_YEAR.finditer(text):
            if _CITATION_BEFORE.search(text[max(0, match.start() - 60) : match.start()]):
                continue
            value = _valid_date(match.group(1), match.group(2), str(hint))
            if value:
                month = int(match.group(2))
                # A January–March review of "năm 2019" is held in 2020.
                if month <= 3 and re.search(r"tổng kết|năm\s+\d{4}", text, re.I) and str(hint) in text:
                    shifted = _valid_date(match.group(1), match.group(2), str(hint + 1))
                    value = shifted or value
                daypart = re.match(r"sáng|chiều|tối|trưa", match.group(), re.I)
                found.append((0 if daypart else 1, match.start(), value))
    return sorted(found)


def _find_date(text: str, hint: int | None = None, strict: bool = False) -> str | None:
    candidates = _date_candidates(text, hint, strict)
    return candidates[0][2] if candidates else None


_PLACE_RE = re.compile(r"(?<!\w)tại\s+([^.;()\n]{3,120})", re.IGNORECASE)
_PLACE_NOT = re.compile(r"^(?:hội nghị|đại hội|buổi|cuộc|phiên|kỳ họp|chi bộ|đây|đó|chỗ|các|mỗi|từng)", re.I)


def _find_place(sentence: str) -> str | None:
    for match in _PLACE_RE.finditer(sentence):
        place = match.group(1)
        if _PLACE_NOT.match(place) or not place[:1].isupper():
            continue
        # An address goes on over commas ("tầng 6, số 37B Nguyễn Bỉnh Khiêm, Hà Nội"); a segment in lower case or
        # naming a body (the organizer that follows) ends it.
        segments = place.split(",")
        kept = [segments[0]]
        for segment in segments[1:]:
            seg = segment.strip()
            if not seg or not (seg[:1].isupper() or seg.startswith(("số ", "tầng ", "phòng "))):
                break
            if re.match(_BODY_HEAD, seg) or _DATE_NUMERIC.search(seg):
                break
            kept.append(segment)
        place = ",".join(kept)
        place = re.split(r"\s+(?:với|nhằm|để|do|dưới sự)\s", place)[0]
        return place.strip(" ,")
    return None


_TO_CHUC = re.compile(
    r"(?<!\w)(?:tổ\s+chức|tổng\s+kết|sơ\s+kết|khai\s+mạc|tiến\s+hành|họp)(?!\w)"
)  # lower case: "Ban Tổ chức" is a body, not the verb
_ORGANIZER_HEAD = re.compile(
    r"(?<!\w)(?:[Đđ]ảng\s+[bB]ộ|[Đđ]ảng\s+[uUủỦ][yỷ]|[Cc]hi\s+[bB]ộ|"
    + _BODY_HEAD[3:]
    + r"(?!\w)(?! nghị| thảo| trường)"
)
_ORGANIZER_TRAIL = re.compile(
    r"(?:\s+(?:đã|đang|sẽ|chủ trì|phối hợp|long trọng|trang trọng|chính thức|cùng|vừa|mới|tiến hành|khẩn trương))+\s*$"
)
_ORGANIZER_BAD = re.compile(r"(?<!\w)(?:về việc|việc|khen thưởng|cho các|nhằm|để|của|được)(?!\w)")


def _find_organizer(sentence: str) -> str | None:
    """The body written right before "tổ chức" (its clause; ", ĐHQG-HCM" kept), or after "do" in "do X tổ chức"."""
    for verb in _TO_CHUC.finditer(sentence):
        prefix = sentence[: verb.start()]
        for _ in range(2):
            prefix = _ORGANIZER_TRAIL.sub("", re.sub(r"[,\s]+$", "", prefix))
        segments = prefix.split(",")
        region = segments[-1]
        # "Trường Đại học Khoa học Tự nhiên, ĐHQG-HCM": a last segment of capitals belongs to the name before it.
        if len(segments) > 1 and re.fullmatch(r"\s*[A-ZĐ][A-ZĐ0-9.–-]+", region):
            region = segments[-2] + "," + region
        do = re.search(r"(?<!\w)do\s+", region)
        if do:
            region = region[do.end() :]
        head = _ORGANIZER_HEAD.search(region)
        if not head:
            continue
        # "Đảng bộ xã Vĩnh Phú (Thoại Sơn)": the district in brackets locates the body, it is not its name.
        organizer = re.sub(r"\s*\([^)]*\)\s*$", "", region[head.start() :]).strip(" ,")
        if _ORGANIZER_BAD.search(organizer) or len(organizer.split()) > 16:
            continue
        return _normalise_body(organizer)
    return None


def _normalise_body(name: str) -> str:
    """Fix the capitalisation typos of body heads ("Đảng Bộ" → "Đảng bộ"); the rest is kept as written."""
    name = re.sub(r"\s+", " ", name)
    name = name[:1].upper() + name[1:]
    for wrong, right in (("Đảng Bộ", "Đảng bộ"), ("Đảng Ủy", "Đảng ủy"), ("Đảng Uỷ", "Đảng ủy"), ("Chi Bộ", "Chi bộ")):
        if name.startswith(wrong):
            name = right + name[len(wrong) :]
    return name


# ---------------------------------------------------------------------------------------------------------------
# People
# ---------------------------------------------------------------------------------------------------------------

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


def _is_name_syllable(word: str) -> bool:
    return len(word) <= 7 and word[:1].isupper() and (len(word) == 1 or word[1:].islower())


def _name_runs(text: str) -> list[tuple[int, int, str]]:
    """Runs of 2–4 capitalised syllables separated by single spaces: (start, end, name)."""
    runs: list[tuple[int, int, str]] = []
    words = list(_WORD.finditer(text))
    i = 0
    while i < len(words):
        if not _is_name_syllable(words[i].group()):
            i += 1
            continue
        j = i
        while (
            j + 1 < len(words)
            and _is_name_syllable(words[j + 1].group())
            and text[words[j].end() : words[j + 1].start()] == " "
            and j - i < 8
        ):
            j += 1
        if j > i:
            runs.append((words[i].start(), words[j].end(), text[words[i].start() : words[j].end()]))
        i = j + 1
    return runs


def _title_span(text: str) -> str:
    """The title at the start of `text`, ended by a stop word or punctuation; "" if it starts with none."""
    match = _TITLE_HEAD_RE.match(text)
    if not match:
        return ""
    rest = text[match.end() :]
    end = len(rest)
    stop = _TITLE_STOP.search(rest)
    if stop:
        end = stop.start()
    punct = re.search(r"[,;.:()\n“\"]", rest)
    if punct and punct.start() < end:
        end = punct.start()
    title = (match.group() + rest[:end]).strip()
    words = title.split()
    return " ".join(words[:14])


def _fill_people(doc: _Doc, result: dict[str, Any]) -> None:
    people: dict[str, _Person] = {}
    units = [(s.text, False) for s in doc.sentences] + [(c, True) for c in doc.caption_lines]
    order = 0
    for unit, _caption in units:
        runs = _name_runs(unit)
        accepted: list[tuple[int, int, str, list[str]]] = []
        for start, end, name in runs:
            found = _accept_name(unit, start, end, name)
            if found is not None:
                accepted.append((found[0], found[3], found[1], found[2]))
        for index, (start, end, name, titles) in enumerate(accepted):
            segment_start = accepted[index - 1][1] if index else 0
            segment_end = accepted[index + 1][0] if index + 1 < len(accepted) else len(unit)
            role = _role_in(unit[segment_start:start], unit[end:segment_end])
            key = fold(name)
            person = people.get(key)
            if person is None:
                person = people[key] = _Person(name=name, first=order)
                order += 1
            for title in titles:
                if title and title not in person.titles:
                    person.titles.append(title)
            person.roles.add(role)
    if doc.byline:
        author = _byline_author(doc.byline)
        if author and fold(author) not in people:
            people[fold(author)] = _Person(name=author, roles={"author"}, first=order)
    out = []
    for person in sorted(people.values(), key=lambda p: p.first):
        role = next((r for r in ROLE_PRIORITY if r in person.roles), "other")
        out.append({"name": person.name, "titles": _prune_titles(person.titles), "role_in_event": role})
    result["people"] = out


def _accept_name(unit: str, start: int, end: int, name: str) -> tuple[int, str, list[str], int] | None:
    """Decide whether a capitalised run is a person; return (start, name, titles) or None."""
    words = name.split()
    # A capitalised honorific at the start of a sentence or caption ("Ông Nguyễn Hồng Minh, ...").
    while words and words[0].lower() in ("ông", "bà", "anh", "chị", "đồng", "chí") and len(words) > 2:
        start += len(words[0]) + 1
        words = words[1:]
    # A title head can glue onto the run ("Phó Bí thư" is not capitalised all through, but "Bí Thư" typos are).
    while words and _TITLE_HEAD_RE.fullmatch(words[0]):
        start += len(words[0]) + 1
        words = words[1:]
    # A title ending in a place glues onto the name ("Huyện ủy Bù Đốp Mai Xuân Tuân"): start at a family name.
    if len(words) > 4 or (words and words[0] not in SURNAMES):
        for k in range(1, len(words) - 1):
            if words[k] in SURNAMES and 2 <= len(words) - k <= 4:
                start += len(" ".join(words[:k])) + 1
                words = words[k:]
                break
    # A capitalised title word right after the name ("Nguyễn Quyền Phó Bí thư") is not part of it.
    while len(words) > 2 and words[-1] in _NOT_LAST_NAME_WORD:
        end -= len(words[-1]) + 1
        words = words[:-1]
    if len(words) < 2 or len(words) > 4 or words[0] in _NOT_FIRST_NAME_WORD:
        return None
    name = " ".join(words)
    if fold(name) in NOT_PEOPLE or any(fold(name).startswith(n + " ") for n in ("ho chi minh",)):
        return None
    before = unit[max(0, start - 200) : start]  # a bounded window keeps long texts linear
    tail = unit[max(0, start - 40) : start]
    honorific = re.search(r"(?:^|[\s,(])(?:" + "|".join(re.escape(h) for h in HONORIFICS) + r")\s*$", tail, re.I)
    preceding_title = _preceding_title(before)
    after = unit[end : end + 300]
    following_titles = _following_titles(after)
    surname = words[0] in SURNAMES
    if _NOT_PERSON_BEFORE.search(tail) and not honorific:
        return None
    if not (honorific or preceding_title or following_titles or surname):
        return None
    if not (honorific or preceding_title or following_titles) and len(words) == 2 and not re.match(r"\s*[,(]", after):
        # Two capitalised words after nothing that marks a person ("Đoàn Thanh niên"): too weak.
        return None
    titles = ([preceding_title] if preceding_title else []) + following_titles
    return start, name, titles, end


def _preceding_title(before: str) -> str:
    """A title written right before the name: "Bí thư Đảng ủy Nguyễn Hồng Minh" → "Bí thư Đảng ủy"."""
    clause = re.split(r"[,;:.()\n]", before)[-1]
    for match in _TITLE_HEAD_RE.finditer(clause):
        candidate = clause[match.start() :]
        span = _title_span(candidate)
        if span and candidate.strip() == span:
            return span
    return ""


def _following_titles(after: str) -> list[str]:
    """Titles after "Name, T1, T2 ..." (each comma segment that starts with a title head)."""
    titles: list[str] = []
    rest = after
    while True:
        match = re.match(r"\s*[,(–-]\s*", rest)
        if not match:
            break
        rest = rest[match.end() :]
        span = _title_span(rest)
        if not span:
            break
        titles.append(span)
        rest = rest[len(span) :].lstrip()
        if len(titles) >= 6:
            break
    return titles


def _prune_titles(titles: list[str]) -> list[str]:
    """Drop a title that is the start of a longer one of the same person ("Bí thư" beside "Bí thư Đảng ủy")."""
    folded = [fold(t) for t in titles]
    keep = []
    for index, title in enumerate(titles):
        if any(other != folded[index] and other.startswith(folded[index] + " ") for other in folded):
            continue
        keep.append(title)
    return keep


def _role_in(before: str, after: str) -> str:
    context_before = re.split(r"[.;]", before)[-1]
    context_after = re.split(r"[.;]", after)[0]
    for role, pattern in _ROLE_CUES:
        if pattern.search(context_before) or pattern.search(context_after):
            return role
    return "other"


def _byline_author(line: str) -> str | None:
    """A byline that is a name ("Nguyễn Văn An", "Bài, ảnh: Lê Hà"), not an office ("VP TCGDNN")."""
    text = re.sub(r"^(?:theo|bài|ảnh|bài và ảnh|bài, ảnh|tin|tin, ảnh)\s*[:,]?\s*", "", line.strip(), flags=re.I)
    text = re.sub(r"\s*[(\[].*$", "", text).strip(" -–")
    if text.isupper():
        # Newspapers print bylines in capitals ("PHƯƠNG LAN", "T.THUẬN"); pen names need no family name.
        text = " ".join(w[:1] + w[1:].lower() if "." not in w else w.title() for w in text.split())
        words = text.replace(".", " ").split()
        # "VP TCGDNN" or "HCMUS" is an office: a pen name has two words or an initial, each word with a vowel.
        if (
            2 <= len(words) <= 4
            and (len(text.split()) >= 2 or "." in text)
            and all(_is_name_syllable(w) for w in words)
            and all(len(w) == 1 or re.search(r"[aeiouy]", fold(w)) for w in words)
            and words[0] not in _NOT_FIRST_NAME_WORD
        ):
            return text
        return None
    words = text.split()
    if 2 <= len(words) <= 4 and all(_is_name_syllable(w) for w in words) and words[0] in SURNAMES:
        return text
    return None


# ---------------------------------------------------------------------------------------------------------------
# Statements: achievements, shortcomings, directives
# ---------------------------------------------------------------------------------------------------------------


def classify(sentence: str, *, section: str | None = None, previous: str | None = None) -> str | None:
    """Return "achievements", "shortcomings", "directives" or None for one sentence or enumeration item."""
    lower = sentence.lower()
    stripped = _LEADING_CONNECTIVE.sub("", lower)
    stripped = re.sub(
        r"^(?:trong (?:thời gian|năm|giai đoạn|nhiệm kỳ) (?:tới|\d{4}(?:\s*[-–]\s*\d{4})?)|"
        r"để (?:làm tốt|thực hiện tốt|thực hiện) [^,]{0,40}|thời gian tới|năm \d{4}|trước hết|"
        r"về [^,]{0,60})\s*,\s*",
        "",
        stripped,
    )
    stripped = re.sub(r"^(?:trước hết|đồng thời|bên cạnh đó)\s*,?\s*", "", stripped)
    is_meta = (bool(_META.search(lower)) and not _META_OVERRIDE.search(lower)) or bool(_PREAMBLE.match(stripped))
    lower_cues = _DIRECTIVE_NOUN.sub(" ", lower)
    # "chỉ ra những hạn chế", "khắc phục các khuyết điểm" name a topic; only a predicate states a shortcoming.
    predicate = _TOPIC_MENTION.sub(" ", lower)
    predicate = re.sub(r"(?<!\w)chưa\s*[?]?\s*$", "", predicate.rstrip(" .…"))  # "... đã sát thực tế chưa?"
    short = bool(_SHORT_CUES.search(predicate) or _SHORT_CUES_FOLDED.search(fold(predicate)))
    yeu_cau_only = (
        "yêu cầu" in lower
        and _YEU_CAU_NOT_DIRECTIVE.search(lower)
        and not re.search(r"(?<!\w)(?:đề nghị|cần|phải|phấn đấu)(?!\w)", lower)
    )
    strong = (
        bool(_DIRECTIVE_STRONG.search(lower_cues) or _DIRECTIVE_FOLDED.search(fold(lower_cues))) and not yeu_cau_only
    )
    if is_meta and (not strong or _PREAMBLE.match(stripped)):
        return None
    if _DIRECTIVE_LEAD.match(stripped) and not _PAST.search(stripped.split(",")[0]):
        return "directives"
    if _DIRECTIVE_LEAD_AMBIGUOUS.match(stripped) and not _PAST.search(stripped) and not _EVALUATIVE.search(stripped):
        return "directives"
    # "cần khắc phục hạn chế" is a directive; a lone "hạn chế" statement is a shortcoming.
    if short and not re.search(r"(?<!\w)(?:khắc phục|cần|phải|đề nghị)(?!\w)", lower):
        return "shortcomings"
    if strong:
        return "directives"
    if short:
        return "shortcomings"
    if _FUTURE.search(lower) and _DIRECTIVE_WEAK.search(lower) and not _PAST.search(lower) and not is_meta:
        return "directives"
    # An item after ";" or a bullet continues the enumeration it belongs to, whatever words it uses.
    if previous is not None:
        return previous
    if section is not None and not is_meta:
        return section
    if _ACH_CUES.search(lower) and not is_meta:
        return "achievements"
    return None


def _fill_statements(doc: _Doc, result: dict[str, Any]) -> None:
    previous: str | None = None
    section: str | None = None
    for sentence in doc.sentences:
        if sentence.section != section:
            # A new heading ("Nhiệm vụ năm 2021:") ends the enumeration before it.
            section, previous = sentence.section, None
        inherit = previous if sentence.after_semicolon else None
        if sentence.bullet:
            inherit = sentence.section or previous
        kind = classify(sentence.text, section=sentence.section, previous=inherit)
        item = _strip_item(sentence.text)
        if kind is None or len(item.split()) < 3:
            previous = None
            continue
        previous = kind
        if kind == "directives":
            item = _directive_span(item)
            result["directives"].append(
                {"text": item, "addressee": find_addressee(item), "deadline": find_deadline(item)}
            )
        else:
            result[kind].append(item)


_SPEAKER_CUE = re.compile(r"(?<!\w)(?:đề nghị|yêu cầu)(?!\w)\s*:?\s*")


def _directive_span(item: str) -> str:
    """Drop who speaks: "Điều hành ..., đồng chí X đề nghị các đại biểu ..." → "đề nghị các đại biểu ..."."""
    match = _SPEAKER_CUE.search(item)
    if not match or match.start() == 0:
        return item
    before = item[: match.start()]
    if "," in before or _TITLE_HEAD_RE.search(before) or re.search(r"(?:đồng chí|ông|bà)\s", before, re.I):
        rest = item[match.start() :]
        if rest.lower().startswith(("đề nghị:", "yêu cầu:")):
            rest = rest[match.end() - match.start() :]
        return rest[:1].upper() + rest[1:]
    return item


_ADDRESSEE_AFTER = re.compile(r"(?<!\w)(?:đề nghị|yêu cầu|chỉ đạo|giao cho|giao|giúp)\s+", re.IGNORECASE)
_ADDRESSEE_VERB = re.compile(r"\s+(?:cần|phải|phấn đấu|tiếp tục|tập trung|chịu trách nhiệm)(?!\w)", re.IGNORECASE)


def find_addressee(text: str) -> str | None:
    """Who is asked: the body after "đề nghị/yêu cầu/chỉ đạo", else the subject before "cần/phải/phấn đấu"."""
    try:
        for match in _ADDRESSEE_AFTER.finditer(text):
            found = _addressee_at(text, match.end())
            if found:
                return found
        verb = _ADDRESSEE_VERB.search(text)
        if verb:
            head = re.split(r"[,;:]\s*", text[: verb.start()])[-1]
            head = re.sub(r"^(?:trước hết|đồng thời|trong đó)\s+", "", head, flags=re.I)
            for candidate in _ADDRESSEE_HEAD.finditer(head):
                found = _addressee_at(head, candidate.start())
                if found and head.endswith(found):
                    return found
    except Exception:  # an addressee is optional; never let it break extract()
        return None
    return None


_DEADLINE_RE = re.compile(
    r"(?<!\w)(?:trước|chậm nhất(?: là)?|hạn chót|hạn|xong trước|hoàn thành trong|hoàn thành trước|"
    r"trong(?= (?:tháng|quý|quý)))\s+(?:ngày\s+)?"
    r"(\d{1,2}\s*[/.-]\s*\d{1,2}(?:\s*[/.-]\s*\d{2,4})?|ngày\s+\d{1,2}\s+tháng\s+\d{1,2}(?:\s+năm\s+\d{4})?|"
    r"tháng\s+\d{1,2}(?:\s*/\s*\d{4}|\s+năm\s+\d{4})?|quý\s+[IV1-4]+(?:\s*/\s*\d{4}|\s+năm\s+\d{4})?|"
    r"năm\s+\d{4}|cuối\s+năm(?:\s+\d{4})?|đầu\s+năm(?:\s+\d{4})?)",
    re.IGNORECASE,
)


def find_deadline(text: str) -> str | None:
    match = _DEADLINE_RE.search(text)
    return match.group().strip() if match else None


# ---------------------------------------------------------------------------------------------------------------
# Periods
# ---------------------------------------------------------------------------------------------------------------


def _fill_periods(doc: _Doc, result: dict[str, Any]) -> None:
    sources = [_event_sentence(doc)] + doc.caption_lines[:1] + [doc.text[:5000]]
    for source in sources:
        if result["period_reviewed"] is None:
            match = _REVIEWED_RE.search(source)
            if match:
                result["period_reviewed"] = re.sub(r"\s+", " ", match.group(1))
        if result["period_planned"] is None:
            match = _PLANNED_RE.search(source)
            if match and re.sub(r"\s+", " ", match.group(1)) != result["period_reviewed"]:
                result["period_planned"] = re.sub(r"\s+", " ", match.group(1))
