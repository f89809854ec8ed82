"""Search across everything: folding, ranking, phrases, filters, bad input, the index following writes, and
above all that nothing a user may not open ever shows (results, counts, snippets). Runs on SQLite and, with
DATABASE_URL, on PostgreSQL: the same assertions hold on both."""

from __future__ import annotations

import datetime
import re
from typing import Any

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from dangvu.conftest import ROLES, Cast, make_member
from dangvu.core.audit import acting_as
from dangvu.organization import services as org_services
from dangvu.organization.models import Member, RoleAssignment
from dangvu.planning import services as planning_services
from dangvu.planning.models import KeyTask
from dangvu.search import selectors
from dangvu.search.models import SearchEntry
from dangvu.search.registry import PROVIDERS
from dangvu.search.text import parse
from dangvu.supervision.models import Activity
from dangvu.supervision.tests.helpers import activity, run_to

AUTHED = [r for r in ROLES if r != "anonymous"]
Role = RoleAssignment.Role
SECRET = "Vụ việc mật Quýt 4711"


def titles(cast: Cast, role: str, **params: Any) -> list[str]:
    response = cast.client(role).get(reverse("search:results"), params)
    assert response.status_code == 200
    return [re.sub(r"<[^>]+>", "", t) for t in result_links(response.content.decode())]


def result_links(html: str) -> list[str]:
    """The text of the results' links: those of the page's main part that end their line (not the navigation's)."""
    main = html.split("<main", 1)[1].split("</main>", 1)[0]
    return re.findall(r'<a href="/[^"]*">(.*?)</a>\n', main)


def page(cast: Cast, role: str, **params: Any) -> str:
    response = cast.client(role).get(reverse("search:results"), params)
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def people(cast: Cast) -> Cast:
    with acting_as(None, source="test"):
        make_member(
            cast.cell_a,
            "Lê Văn Đang",
            card_number="01000011",
            admission_date=datetime.date(2015, 1, 5),
            official_date=None,
        )
        make_member(
            cast.cell_a,
            "Hoàng Minh Đảng",
            card_number="01000012",
            admission_date=datetime.date(2001, 1, 5),
            official_date=None,
        )
    return cast


def task(cast: Cast, title: str, **fields: Any) -> KeyTask:
    with acting_as(None, source="test"):
        return planning_services.task_create(
            org=fields.pop("org", cast.root),
            title=title,
            start_date=fields.pop("start_date", datetime.date(2019, 1, 2)),
            due_date=fields.pop("due_date", datetime.date(2019, 12, 31)),
            **fields,
        )


# --- folding, ranking, phrases ------------------------------------------------------------------------


def test_a_query_without_diacritics_finds_the_text_with_them(cast: Cast) -> None:
    task(cast, "Kiện toàn Đảng ủy cơ quan")
    assert "Kiện toàn Đảng ủy cơ quan" in titles(cast, "office", q="dang uy")
    assert "Chi bộ A" in titles(cast, "office", q="chi bo")
    assert "Chi bộ A" in titles(cast, "office", q="CHI BỘ")


def test_a_query_typed_in_decomposed_unicode_still_matches(cast: Cast) -> None:
    assert "Chi bộ A" in titles(cast, "office", q="Chi bộ")  # NFD from some keyboards


def test_exact_diacritics_rank_above_folded_matches(people: Cast) -> None:
    found = titles(people, "office", q="Đảng", kind="member")
    assert found.index("Hoàng Minh Đảng") < found.index("Lê Văn Đang")  # Đang was admitted later: recency loses
    found = titles(people, "office", q="đang", kind="member")
    assert found.index("Lê Văn Đang") < found.index("Hoàng Minh Đảng")


def test_a_query_typed_without_diacritics_prefers_no_spelling(people: Cast) -> None:
    with acting_as(None, source="test"):
        make_member(people.cell_a, "Le Van Dang", card_number="01000013", admission_date=datetime.date(1999, 1, 5))
    found = titles(people, "office", q="dang", kind="member")
    # recency decides, as for any two matches: the name written without diacritics is not "exact" for "dang"
    assert found.index("Lê Văn Đang") < found.index("Hoàng Minh Đảng") < found.index("Le Van Dang")


def test_a_quoted_phrase_must_match_in_order(cast: Cast) -> None:
    task(cast, "Sinh hoạt chi bộ định kỳ")
    task(cast, "Bộ phận chi tiêu")
    assert "Sinh hoạt chi bộ định kỳ" in titles(cast, "office", q='"chi bo"', kind="task")
    assert "Bộ phận chi tiêu" not in titles(cast, "office", q='"chi bo"', kind="task")
    assert "Bộ phận chi tiêu" in titles(cast, "office", q="chi bo", kind="task")


def test_the_snippet_highlights_the_match_in_the_body(cast: Cast) -> None:
    task(cast, "Nhiệm vụ năm", description="Tổ chức <hội nghị> tổng kết công tác đảng vụ")
    body = page(cast, "office", q="tong ket")
    assert "<mark>tổng kết</mark>" in body
    assert "&lt;hội nghị&gt;" in body and "<hội nghị>" not in body


def test_a_shortened_word_finds_the_record_when_nothing_matches_exactly(cast: Cast) -> None:
    body = page(cast, "office", q="nghiem")  # "nghiệm" of "Thử nghiệm" is a whole word: exact
    assert "Đảng bộ Thử nghiệm" in body
    found = titles(cast, "office", q="nghie")
    assert "Đảng bộ Thử nghiệm" in found
    assert "kết quả gần đúng" in page(cast, "office", q="nghie")


def test_one_or_two_letters_are_searched_as_whole_words_only(cast: Cast) -> None:
    assert "Đảng bộ Thử nghiệm" in titles(cast, "office", q="ngh")
    assert titles(cast, "office", q="ng") == []  # not every "Nguyễn", "nghiệm", "ngày"...
    assert "Từ dưới 3 chữ cái (ng) chỉ được tìm đúng nguyên từ" in page(cast, "office", q="ng")
    assert "chỉ được tìm đúng nguyên từ" not in page(cast, "office", q="ngh")


def test_a_misspelt_name_is_a_near_match_on_postgresql_only(cast: Cast) -> None:
    from django.db import connection

    found = titles(cast, "office", q="nguyen hong mingh")
    if connection.vendor == "postgresql":  # pg_trgm; SQLite has no trigram fallback (docs/performance.md)
        assert found == ["Nguyễn Hồng Minh"]
        assert "kết quả gần đúng" in page(cast, "office", q="nguyen hong mingh")
    else:
        assert found == []
    assert "Trần Văn Xa" not in titles(cast, "office", q="tran van xaa")  # near matches respect the rights too


# --- filters -------------------------------------------------------------------------------------------


def test_filters_by_kind_organization_and_date(cast: Cast) -> None:
    task(cast, "Kế hoạch kiểm tra chi bộ A", org=cast.cell_a, due_date=datetime.date(2019, 6, 30))
    task(cast, "Kế hoạch kiểm tra đảng bộ", org=cast.root, due_date=datetime.date(2019, 12, 31))
    assert "Chi bộ A" not in titles(cast, "office", q="chi bo", kind="task")
    in_cell = titles(cast, "office", q="ke hoach kiem tra", org=cast.cell_a.pk)
    assert in_cell == ["Kế hoạch kiểm tra chi bộ A"]
    until_july = titles(cast, "office", q="ke hoach kiem tra", date_from="01/01/2019", date_to="31/07/2019")
    assert until_july == ["Kế hoạch kiểm tra chi bộ A"]


def test_the_kind_chips_count_every_match_the_user_may_see(cast: Cast) -> None:
    body = page(cast, "office", q="chi bo")
    assert re.search(r'kind=org"\s*>Tổ chức đảng <span class="chip">2</span>', body)  # Chi bộ A and B, not X


def test_the_pages_follow_the_rank_and_the_chips_count_every_match(cast: Cast, settings: Any) -> None:
    """One query counts the matches per kind and ranks one page of them (selectors._counts_and_page): the pages
    cut the whole ranked list in order, and a page number that is not one, or is past the end, still gives a page."""
    settings.DANGVU_PAGE_SIZE = 10
    with acting_as(None, source="test"):
        for i in range(23):
            make_member(cast.cell_a, f"Trương Văn Sen {i:02d}", card_number=f"0400{i:04d}")
        task(cast, "Trồng sen ở chi bộ", org=cast.cell_a)

    def links(**params: Any) -> list[str]:
        return result_links(re.sub(r"</?mark>", "", page(cast, "office", q="sen", **params)))

    first = page(cast, "office", q="sen")
    chips = re.findall(r'kind=(\w+)"\s*>[^<]*<span class="chip">(\d+)</span>', first)
    assert chips == [("member", "23"), ("task", "1")]
    pages = [links(page=n) for n in (1, 2, 3)]
    assert [len(p) for p in pages] == [10, 10, 4]
    ranked = selectors.search(cast.users["office"], parse("sen"), selectors.Filters()).entries
    assert pages[0] + pages[1] + pages[2] == [e.title for e in ranked]  # the whole ranked list, cut in order
    assert len(set(pages[0] + pages[1] + pages[2])) == 24 and "Trồng sen ở chi bộ" in pages[0]  # in its title
    members_page_3 = links(kind="member", page=3)
    assert len(members_page_3) == 3 and all(t.startswith("Trương Văn Sen") for t in members_page_3)
    assert links(page=99) == pages[2] and links(page="abc") == pages[0] and links(page=0) == pages[0]
    assert links(page=10**30) == pages[2]  # past SQL's integers too
    assert "Trang 3 / 3" in page(cast, "office", q="sen", page=99)


def test_an_organization_outside_the_scope_is_not_a_filter(cast: Cast) -> None:
    found = titles(cast, "office", q="chi bo", org=cast.cell_x.pk)
    assert "Chi bộ X" not in found and "Chi bộ A" in found  # an invalid filter is ignored


# --- bad input -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "q",
    ['"', "*", "NEAR", ":", '"chi" OR *', "chi:bo", "' OR 1=1 --", "NEAR(a b)", "a" * 199 + '"', "%", "_", "\\"],
)
def test_syntax_characters_give_a_page_never_an_error(cast: Cast, q: str) -> None:
    response = cast.client("office").get(reverse("search:results"), {"q": q})
    assert response.status_code == 200


def test_a_query_of_200_characters_and_more_gives_a_message(cast: Cast) -> None:
    body = page(cast, "office", q="chi bo " * 30)
    assert "Từ khóa dài quá 200 ký tự" in body


def test_the_page_without_a_query_asks_for_words(cast: Cast) -> None:
    assert "Nhập tên, số hiệu" in page(cast, "member")


def test_punctuation_alone_asks_for_words(cast: Cast) -> None:
    assert "Nhập tên, số hiệu" in page(cast, "office", q='"*":')
    assert "Nhập tên, số hiệu" in page(cast, "office", q='"*":', page=2)  # a page past an empty search


def test_a_page_without_a_query_asks_for_words(cast: Cast) -> None:
    assert "Nhập tên, số hiệu" in page(cast, "member", page=3)


# --- who sees what -------------------------------------------------------------------------------------


@pytest.fixture
def secret(cast: Cast) -> Activity:
    act = activity(cast, kind=Activity.Kind.VIOLATION, subject_org=None, subject_member=cast.member_a2, content=SECRET)
    return run_to(act, Activity.State.FOLLOW_UP, datetime.date(2019, 3, 5))


@pytest.mark.parametrize("role", AUTHED)
def test_every_hit_is_a_record_the_user_may_open(cast: Cast, secret: Activity, role: str) -> None:
    user = cast.users[role]
    everything = parse(" ".join({w for e in SearchEntry.objects.all() for w in e.folded.split()[:3]}))
    allowed = {
        ContentType.objects.get_for_model(p.model).pk: set(p.visible(user).values_list("pk", flat=True))
        for p in PROVIDERS
    }
    for part in everything.parts:
        found = selectors.search(user, parse(part.folded_text), selectors.Filters())
        for ct, object_id in found.entries.values_list("content_type", "object_id"):
            assert object_id in allowed[ct], (role, ct, object_id, part.folded_text)


@pytest.mark.parametrize("role", AUTHED)
def test_a_confidential_case_shows_only_to_inspection_and_the_standing_committee(
    cast: Cast, secret: Activity, role: str
) -> None:
    body = page(cast, role, q="quyt 4711")
    allowed = role in {"inspection", "committee"}
    assert ("Quýt 4711" in body) is allowed
    assert ("kết quả" in body and re.search(r'<span class="chip">', body) is not None) is allowed  # no count either
    found = selectors.search(cast.users[role], parse("chua thuong xuyen"), selectors.Filters())  # its finding
    assert (found.total > 0) is allowed


@pytest.mark.parametrize("role", AUTHED)
def test_no_role_finds_a_member_outside_the_scope(cast: Cast, role: str) -> None:
    body = page(cast, role, q="tran van xa")
    assert "Trần Văn Xa" not in body and "Chi bộ X" not in body


def test_a_role_given_or_taken_changes_the_next_search(cast: Cast) -> None:
    """The visibility filter is compiled once per scope and kept (selectors._visibility_sql): a role given or taken
    between two searches of the same account changes what the next one finds."""
    assert titles(cast, "cell_secretary", q="tran van xa") == []
    with acting_as(None, source="test"):
        given = org_services.role_assign(user=cast.users["cell_secretary"], role=Role.OFFICE, org=cast.other_root)
    assert titles(cast, "cell_secretary", q="tran van xa") == ["Trần Văn Xa"]
    RoleAssignment.objects.filter(pk=given.pk).update(archived_at=timezone.now())  # taken back in the admin
    assert titles(cast, "cell_secretary", q="tran van xa") == []


def test_a_member_finds_themselves_but_not_their_cell_mates_profiles(cast: Cast) -> None:
    assert "Đặng Thị Lan" in titles(cast, "member", q="dang thi lan")
    assert "Nguyễn Hồng Minh" not in titles(cast, "member", q="nguyen hong minh")


def test_anonymous_is_sent_to_log_in(cast: Cast) -> None:
    response = cast.client("anonymous").get(reverse("search:results"), {"q": "chi bo"})
    assert response.status_code == 302


# --- the index follows writes, and reindex rebuilds it --------------------------------------------------


def test_the_index_follows_create_update_and_archive(cast: Cast) -> None:
    t = task(cast, "Rà soát hồ sơ đảng viên")
    assert titles(cast, "office", q="ra soat ho so") == ["Rà soát hồ sơ đảng viên"]
    with acting_as(None, source="test"):
        planning_services.task_update(task=t, expected_version=t.version, title="Số hóa hồ sơ đảng viên")
    assert titles(cast, "office", q="ra soat ho so") == []
    assert titles(cast, "office", q="so hoa") == ["Số hóa hồ sơ đảng viên"]
    with acting_as(None, source="test"):
        org_services.member_archive(member=cast.member_a)
    assert titles(cast, "office", q="nguyen hong minh") == []


def fulltext_writes() -> int:
    """Rows FTS5 has written on SQLite (each insert or delete of an entry's text adds to its segments)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM search_fts_data")
        return int(cursor.fetchone()[0])


def test_a_save_refreshes_its_entry_in_one_statement_and_the_text_index_only_when_the_text_changed(
    cast: Cast,
) -> None:
    t = task(cast, "Rà soát hồ sơ đảng viên")
    sqlite = connection.vendor == "sqlite"
    before = fulltext_writes() if sqlite else 0
    with CaptureQueriesContext(connection) as ctx, acting_as(None, source="test"):
        t = planning_services.task_update(task=t, expected_version=t.version, due_date=datetime.date(2019, 11, 30))
    writes = [q["sql"] for q in ctx.captured_queries if "search_searchentry" in q["sql"]]
    assert len(writes) == 1 and "ON CONFLICT" in writes[0]
    assert SearchEntry.objects.get(object_id=t.pk, kind="task").date == datetime.date(2019, 11, 30)
    if sqlite:
        assert fulltext_writes() == before  # the same text: nothing rewritten in the full-text index
    with acting_as(None, source="test"):
        planning_services.task_update(task=t, expected_version=t.version, title="Số hóa hồ sơ đảng viên")
    assert titles(cast, "office", q="so hoa") == ["Số hóa hồ sơ đảng viên"]
    assert titles(cast, "office", q="ra soat") == []


def test_a_conclusion_follows_its_meeting_when_the_meeting_changes(cast: Cast) -> None:
    from dangvu.meetings import services as meetings

    with acting_as(None, source="test"):
        meeting = meetings.meeting_create(
            org=cast.cell_a,
            kind="regular",
            planned_at=datetime.datetime(2026, 3, 5, 7, tzinfo=datetime.UTC),
            topic="Sinh hoạt tháng Ba",
        )
        meetings.conclusion_add(meeting=meeting, text="Tự kiểm tra mỗi quý.", date=datetime.date(2026, 3, 5))
    assert "Kết luận: Sinh hoạt tháng Ba" in titles(cast, "office", q="tu kiem tra")
    with acting_as(None, source="test"):
        meetings.meeting_update(meeting=meeting, expected_version=meeting.version, topic="Sinh hoạt chuyên đề")
    assert titles(cast, "office", q="tu kiem tra") == ["Kết luận: Sinh hoạt chuyên đề"]


def test_a_renamed_report_kind_reaches_its_submissions_entries_in_the_background(
    cast: Cast, django_capture_on_commit_callbacks: Any
) -> None:
    from dangvu.reporting import services as reporting
    from dangvu.reporting.tests.helpers import monthly_kind, owe

    with acting_as(None, source="test"):
        kind = monthly_kind(cast.root)
        owe(kind, cast.cell_a)
        reporting.submissions_generate(year=2019)
    before = titles(cast, "office", q="bao cao thang", kind="report")
    assert before and all(t.startswith("Báo cáo tháng · ") for t in before)
    with django_capture_on_commit_callbacks(execute=True) as queued, acting_as(None, source="test"):
        reporting.report_kind_update(kind=kind, due_day=10)  # the name unchanged: nothing to refresh
    assert queued == []
    with django_capture_on_commit_callbacks(execute=True) as queued, acting_as(None, source="test"):
        reporting.report_kind_update(kind=kind, name="Báo cáo công tác đảng")
    assert len(queued) == 1  # one task for every submission of the kind, queued once the rename is committed
    after = titles(cast, "office", q="bao cao", kind="report")
    assert len(after) == len(before) and all(t.startswith("Báo cáo công tác đảng · ") for t in after)


def test_a_renamed_cell_reaches_its_meetings_and_inspections_entries(
    cast: Cast, django_capture_on_commit_callbacks: Any
) -> None:
    from dangvu.meetings import services as meetings
    from dangvu.organization.models import PartyOrg

    with acting_as(None, source="test"):
        meetings.meeting_create(
            org=cast.cell_a, kind="regular", planned_at=datetime.datetime(2026, 3, 5, 7, tzinfo=datetime.UTC)
        )
    activity(cast)  # a supervision of the cell: its title names the cell
    assert not titles(cast, "office", q="hoa sen", kind="meeting")
    cell = PartyOrg.objects.get(pk=cast.cell_a.pk)
    cell.name = "Chi bộ Hoa Sen"
    with django_capture_on_commit_callbacks(execute=True), acting_as(None, source="test"):
        cell.save()
    assert len(titles(cast, "office", q="hoa sen", kind="meeting")) == 1
    assert [t for t in titles(cast, "office", q="hoa sen", kind="inspection") if "Chi bộ Hoa Sen" in t]


def test_a_renamed_member_reaches_the_inspections_of_them(
    cast: Cast, secret: Activity, django_capture_on_commit_callbacks: Any
) -> None:
    """The case's title and its finding's and recommendation's carry the inspected member's name."""
    assert not titles(cast, "inspection", q="tran thi moi")
    member = Member.objects.get(pk=cast.member_a2.pk)
    with django_capture_on_commit_callbacks(execute=True), acting_as(None, source="test"):
        org_services.member_update(member=member, full_name="Trần Thị Mới")
    found = titles(cast, "inspection", q="tran thi moi")
    assert "Trần Thị Mới" in found  # the member's own entry
    kinds = {"inspection": 1, "finding": 2}  # the case; its finding and its recommendation
    for kind, n in kinds.items():
        hits = titles(cast, "inspection", q="tran thi moi", kind=kind)
        assert len(hits) == n and all("Trần Thị Mới" in t for t in hits)
    assert not titles(cast, "member", q="tran thi moi", kind="inspection")  # still confidential


def test_reindex_rebuilds_the_same_results(cast: Cast, secret: Activity) -> None:
    task(cast, "Kiện toàn Đảng ủy cơ quan", description="Chi bộ A họp bàn")
    queries = ["dang", "chi bo", '"chi bo a"', "quyt", "nguyen"]
    before = {(r, q): titles(cast, r, q=q) for r in ["office", "member", "inspection"] for q in queries}
    SearchEntry.objects.all().delete()
    assert titles(cast, "office", q="chi bo") == []
    call_command("search", "reindex", verbosity=0)
    after = {(r, q): titles(cast, r, q=q) for r in ["office", "member", "inspection"] for q in queries}
    assert after == before and before[("office", "chi bo")]


def test_the_page_runs_a_fixed_number_of_queries(cast: Cast, django_assert_max_num_queries: Any) -> None:
    client = cast.client("office")
    client.get(reverse("search:results"), {"q": "chi bo"})  # warm the content-type cache
    # Session, user, scope, member, the filter's organizations; the counts with the page's ids, and its rows.
    # PostgreSQL also sets the search transaction's settings in one statement, inside a savepoint in a test.
    with django_assert_max_num_queries(10):
        client.get(reverse("search:results"), {"q": "chi bo"})
    with acting_as(None, source="test"):
        for i in range(30):
            make_member(cast.cell_a, f"Chi Bộ Thành Viên {i}", card_number=f"0300{i:04d}")
    with django_assert_max_num_queries(10):
        response = client.get(reverse("search:results"), {"q": "chi bo"})
    assert "Chi Bộ Thành Viên" in re.sub(r"<[^>]+>", "", response.content.decode())
    assert Member.objects.count() > 30


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's planner; PostgreSQL matches with GIN")
def test_sqlite_ranks_from_the_narrow_index_and_checks_members_by_their_cell(people: Cast) -> None:
    """The ranked read takes the entries from their narrow index, not from the wide rows (migration search.0004:
    on the province demo, 66 → 46 ms for "nguyen van" as the office), and checks members by the cell on their
    entry against the visible organizations, read once, without reading the members (search.0006: 39 → 34 ms)."""
    with CaptureQueriesContext(connection) as ctx:
        assert "Lê Văn Đang" in titles(people, "office", q="van")
    ranked = [q["sql"] for q in ctx.captured_queries if "MATCH" in q["sql"]]
    assert len(ranked) == 1
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE sqlite_schema")  # as a new connection would: read the statistics
        cursor.execute(f"EXPLAIN QUERY PLAN {ranked[0]}")
        plan = [row[3] for row in cursor.fetchall()]
    assert any(step.startswith("SEARCH search_searchentry USING COVERING INDEX search_entry_rank_idx") for step in plan)
    assert "SCAN U0 USING COVERING INDEX partyorg_path_like_idx" in plan
    assert not any("member" in step for step in plan), plan


# A condition that takes about a second on either database: it stands for a search matching most of a province.
SLOW = "(WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < {n}) SELECT COUNT(*) FROM c) > 0"


def test_a_search_past_its_time_limit_is_stopped_and_says_so(cast: Cast, settings: Any, monkeypatch: Any) -> None:
    settings.DANGVU_SEARCH_SECONDS = 0.05
    original = selectors._match
    monkeypatch.setattr(
        selectors, "_match", lambda qs, q, mode: original(qs, q, mode).extra(where=[SLOW.format(n=3_000_000)])
    )
    response = cast.client("office").get(reverse("search:results"), {"q": "chi bo"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Tìm kiếm này quá rộng nên đã dừng" in html
    assert 'role="status"' not in html and "search-results" not in html  # no count, no results
    assert 'value="chi bo"' in html  # the query stays in the box, to narrow it
    assert not titles(cast, "office", q="chi bo")

    # The limit was the search's alone: the same connection runs a long query afterwards, and the next search works.
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + SLOW.format(n=1_000_000))
        assert cursor.fetchone()[0] in (True, 1)
    monkeypatch.setattr(selectors, "_match", original)
    assert "Chi bộ A" in " ".join(titles(cast, "office", q="chi bo"))


# --- documents ----------------------------------------------------------------------------------------


def _docx(text: str) -> Any:
    import io

    import docx
    from django.core.files.uploadedfile import SimpleUploadedFile

    out = io.BytesIO()
    document = docx.Document()
    document.add_paragraph(text)
    document.save(out)
    mime = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    return SimpleUploadedFile("cong-van.docx", out.getvalue(), content_type=mime)


@pytest.mark.parametrize("role", AUTHED)
def test_a_document_is_found_by_the_text_of_its_docx_within_the_rights(cast: Cast, role: str) -> None:
    from dangvu.documents import services as doc_services
    from dangvu.documents.models import Confidentiality

    office = cast.users["office"]
    with acting_as(office, source="test"):
        for symbol, level in (("15-CV/ĐU", Confidentiality.NORMAL), ("16-CV/ĐU", Confidentiality.SECRET)):
            stored = doc_services.file_upload(upload=_docx(f"Về việc củng cố tổ chức cơ sở đảng {symbol}"), user=office)
            doc_services.document_register_incoming(
                org=cast.root,
                doc_type="CV",
                symbol=symbol,
                date=datetime.date(2019, 5, 6),
                issuer_name="Đảng ủy Khối",
                summary="Công văn về tổ chức",
                user=office,
                confidentiality=level,
                upload=stored,
            )
    found = titles(cast, role, q="cung co to chuc co so", kind="document")
    expected = {
        "office": ["16-CV/ĐU Công văn về tổ chức", "15-CV/ĐU Công văn về tổ chức"],
        "committee": ["16-CV/ĐU Công văn về tổ chức", "15-CV/ĐU Công văn về tổ chức"],
        "inspection": ["15-CV/ĐU Công văn về tổ chức"],
        "observer": ["15-CV/ĐU Công văn về tổ chức"],
    }.get(role, [])
    assert sorted(found) == sorted(expected)
