"""The steps in order, the quota of the top level and the other rules of each regulation's version."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from dangvu.conftest import Cast
from dangvu.rating.models import Step
from dangvu.rating.tests.helpers import D, add_members, cycle, decide, rating, review, run, self_assess

pytestmark = pytest.mark.django_db


def test_each_cycle_follows_the_regulation_in_force_in_its_year(cast: Cast) -> None:
    assert cycle(cast, year=2019).rule.regulation.code == "132-QĐ/TW"
    assert cycle(cast, year=2023).rule.regulation.code == "124-QĐ/TW"
    assert cycle(cast, year=2025).rule.regulation.code == "366-QĐ/TW"
    assert cycle(cast, year=2025).rule.params["score_bands"]["htxsnv"] == 90


def test_opening_a_cycle_lists_every_active_member_of_the_organization_and_its_collectives(cast: Cast) -> None:
    c = cycle(cast)
    assert {r.member.full_name for r in c.members.all()} == {"Nguyễn Hồng Minh", "Đặng Thị Lan", "Phí Mạnh Thắng"}
    assert {x.org.name for x in c.collectives.all()} == {"Đảng bộ Thử nghiệm", "Chi bộ A", "Chi bộ B"}
    assert rating(cast, cast.member_a).position == "Bí thư"


def test_a_second_cycle_for_the_same_year_is_refused(cast: Cast) -> None:
    c = cycle(cast)
    with pytest.raises(ValidationError, match="đã có đợt xếp loại năm 2019"):
        cycle_module_open(c)


def cycle_module_open(c: object) -> None:
    from dangvu.rating import services

    services.cycle_open(
        org=c.org,  # type: ignore[attr-defined]
        year=2019,
        self_from=D(2019, 12, 1),
        self_to=D(2019, 12, 2),
        cell_review_by=D(2019, 12, 3),
        decision_by=D(2019, 12, 4),
    )


def test_the_steps_go_self_then_cell_then_decision(cast: Cast) -> None:
    r = rating(cast)
    assert r.step == Step.PENDING
    r = self_assess(r, "httnv")
    assert (r.step, r.self_level, r.self_on) == (Step.SELF, "httnv", D(2019, 12, 5))
    r = review(r, "httnv")
    assert (r.step, r.cell_level, r.votes_for) == (Step.CELL, "httnv", 5)
    r = decide(r, "httnv")
    assert (r.step, r.decided_level, r.decided_on) == (Step.DECIDED, "httnv", D(2020, 1, 10))


def test_a_step_taken_out_of_order_is_refused_and_nothing_is_lost(cast: Cast) -> None:
    r = rating(cast)
    with pytest.raises(ValidationError, match="chưa nộp bản tự kiểm điểm"):
        review(r, "httnv")
    with pytest.raises(ValidationError, match="chi bộ chưa kiểm điểm"):
        decide(r, "httnv")
    r = self_assess(r, "httnv")
    with pytest.raises(ValidationError, match="chi bộ chưa kiểm điểm"):
        decide(r, "httnv")
    r = review(r, "httnv")
    with pytest.raises(ValidationError, match="bước sau đã được thực hiện"):
        self_assess(r, "htxsnv")
    r.refresh_from_db()
    assert (r.step, r.self_level, r.duties) == (Step.CELL, "httnv", "Hoàn thành 100% nhiệm vụ được giao đúng hạn.")


def test_self_assessment_before_the_cycle_opens_is_refused(cast: Cast) -> None:
    with pytest.raises(ValidationError, match="Chưa đến thời gian tự kiểm điểm"):
        self_assess(rating(cast), "httnv", on=D(2019, 11, 1))


def test_a_closed_cycle_takes_no_more_steps(cast: Cast) -> None:
    from dangvu.rating import services

    c = cycle(cast)
    services.cycle_close(cycle=c, on=D(2020, 1, 20))
    with pytest.raises(ValidationError, match="Đợt xếp loại đã kết thúc"):
        self_assess(rating(cast), "httnv")


def test_the_2019_quota_limits_the_top_level_to_20_percent_of_the_second(cast: Cast) -> None:
    """QĐ 132 / HD 21-HD/BTCTW: HTXSNV ≤ 20% of HTTNV in the grassroots organization."""
    extra = add_members(cast, cast.cell_b, 9)
    ratings = {r.member_id: r for r in cycle(cast).members.all()}
    for m in extra[:4]:
        run(ratings[m.pk], "httnv")
    first = self_assess(ratings[extra[4].pk], "htxsnv")
    with pytest.raises(ValidationError) as err:
        review(first, "htxsnv")
    assert err.value.messages == [
        "Số đảng viên của chi bộ đề nghị xếp loại 'Hoàn thành xuất sắc nhiệm vụ' (1) vượt 20% số được xếp loại "
        "'Hoàn thành tốt nhiệm vụ' (0 tối đa, trên 4) theo Quy định 132-QĐ/TW."
    ]
    run(ratings[extra[5].pk], "httnv")  # 5 rated HTTNV: one HTXSNV allowed
    assert decide(review(first, "htxsnv"), "htxsnv").decided_level == "htxsnv"
    second = self_assess(ratings[extra[6].pk], "htxsnv")
    with pytest.raises(ValidationError, match=r"\(2\) vượt 20%.*\(1 tối đa, trên 5\)"):
        review(second, "htxsnv")
    # The committee's check counts the whole organization, whatever the cell proposed.
    third = review(self_assess(ratings[extra[7].pk], "httnv"), "httnv")
    with pytest.raises(ValidationError) as err:
        decide(third, "htxsnv")
    assert err.value.messages == [
        "Số đảng viên xếp loại 'Hoàn thành xuất sắc nhiệm vụ' (2) vượt 20% số được xếp loại "
        "'Hoàn thành tốt nhiệm vụ' (1 tối đa, trên 5) theo Quy định 132-QĐ/TW."
    ]
    third.refresh_from_db()
    assert (third.step, third.cell_level, third.decided_level) == (Step.CELL, "httnv", "")


def test_lowering_a_second_level_rating_under_the_quota_is_refused(cast: Cast) -> None:
    extra = add_members(cast, cast.cell_b, 6)
    ratings = {r.member_id: r for r in cycle(cast).members.all()}
    for m in extra[:5]:
        run(ratings[m.pk], "httnv")
    run(ratings[extra[5].pk], "htxsnv")
    with pytest.raises(ValidationError, match=r"vượt 20%.*\(0 tối đa, trên 4\)"):
        decide(ratings[extra[0].pk], "htnv")


def test_the_2025_cycle_rates_on_the_100_point_scale(cast: Cast) -> None:
    r = rating(cast, year=2025)
    with pytest.raises(ValidationError, match="thang điểm 100: nhập số điểm"):
        self_assess(r, "httnv")
    with pytest.raises(ValidationError, match=r"85 điểm chỉ được xếp loại từ 'Hoàn thành tốt nhiệm vụ' trở xuống"):
        self_assess(r, "htxsnv", score=85)
    r = self_assess(r, "httnv", score=85)
    with pytest.raises(ValidationError, match="cần từ 70 điểm"):
        review(r, "httnv", score=65)
    r = review(r, "htnv", score=65)
    with pytest.raises(ValidationError, match="Quy định 366-QĐ/TW"):
        decide(r, "httnv")
    assert decide(r, "htnv").decided_level == "htnv"


def test_the_2019_cycle_needs_no_score(cast: Cast) -> None:
    assert run(rating(cast), "httnv").self_score is None


def test_a_member_disciplined_in_the_year_is_rated_not_completed(cast: Cast) -> None:
    r = self_assess(rating(cast), "httnv")
    with pytest.raises(ValidationError, match="bị kỷ luật trong năm không được xếp loại cao hơn 'Không hoàn thành"):
        review(r, "htnv", disciplined=True)
    r = review(r, "khtnv", disciplined=True)
    with pytest.raises(ValidationError, match="bị kỷ luật"):
        decide(r, "htnv")


def test_the_cells_proposal_needs_a_majority(cast: Cast) -> None:
    from dangvu.rating import services

    r = self_assess(rating(cast), "httnv")
    with pytest.raises(ValidationError, match="chưa được quá nửa"):
        services.rating_cell_review(
            rating=r, level="httnv", comment="Nhất trí", votes_for=2, votes_against=2, on=D(2019, 12, 20)
        )


def test_a_step_cannot_be_dated_before_the_previous_one(cast: Cast) -> None:
    from dangvu.rating import services

    r = self_assess(rating(cast), "httnv")
    with pytest.raises(ValidationError, match="không được trước ngày của bước trước"):
        services.rating_cell_review(
            rating=r, level="httnv", comment="Nhất trí", votes_for=3, votes_against=0, on=D(2019, 12, 1)
        )


def test_collectives_follow_the_same_steps_and_the_cells_quota(cast: Cast) -> None:
    from dangvu.rating import services
    from dangvu.rating.tests.helpers import collective

    a, b = collective(cast, cast.cell_a), collective(cast, cast.cell_b)
    with pytest.raises(ValidationError, match="chi bộ chưa kiểm điểm"):
        services.collective_decide(collective=a, level="httnv", on=D(2020, 1, 10))
    for col, level in ((a, "httnv"), (b, "htxsnv")):
        services.collective_self_assess(collective=col, level=level, report="Báo cáo kiểm điểm", on=D(2019, 12, 20))
        services.collective_propose(collective=col, level=level, on=D(2019, 12, 28))
    assert services.collective_decide(collective=a, level="httnv", on=D(2020, 1, 10)).step == Step.DECIDED
    with pytest.raises(ValidationError, match=r"Số chi bộ xếp loại 'Hoàn thành xuất sắc nhiệm vụ' \(1\)"):
        services.collective_decide(collective=b, level="htxsnv", on=D(2020, 1, 10))
    org = collective(cast, cast.root)
    services.collective_self_assess(collective=org, level="httnv", report="Báo cáo của Đảng ủy", on=D(2019, 12, 28))
    services.collective_propose(collective=org, level="httnv", on=D(2019, 12, 30))
    assert services.collective_decide(collective=org, level="httnv", on=D(2020, 1, 17)).decided_level == "httnv"


def test_the_commitment_is_assessed_in_the_self_assessment(cast: Cast) -> None:
    from dangvu.rating import services
    from dangvu.rating.models import Commitment

    services.commitment_register(
        member=cast.member_a2, year=2019, text="Học tập và làm theo Bác về tác phong", on=D(2019, 2, 15)
    )
    with pytest.raises(ValidationError, match="đã đăng ký cam kết năm 2019"):
        services.commitment_register(member=cast.member_a2, year=2019, text="Lần hai", on=D(2019, 3, 1))
    r = rating(cast)
    services.rating_self_assess(
        rating=r, level="httnv", on=D(2019, 12, 5), duties="Hoàn thành", commitment_result="Đã thực hiện đủ"
    )
    c = Commitment.objects.get(member=cast.member_a2, year=2019)
    assert (c.result, c.result_level) == ("Đã thực hiện đủ", "httnv")


def test_a_member_exempt_from_meetings_is_not_rated(cast: Cast) -> None:
    from dangvu.core.audit import acting_as
    from dangvu.organization import services as org_services

    with acting_as(None, source="test"):
        org_services.member_add_event(member=cast.member_b, kind="mien_sinh_hoat", date=D(2019, 6, 1))
    names = {r.member.full_name for r in cycle(cast).members.all()}
    assert names == {"Nguyễn Hồng Minh", "Đặng Thị Lan"}
