"""The page on every article of the evaluation set: read, shown with its highlights, confirmed once."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.urls import reverse

from dangvu.conftest import Cast
from dangvu.intake.models import IntakeDraft
from dangvu.intake.tests.helpers import form_data
from dangvu.meetings.models import Conference

ARTICLES = sorted((Path(__file__).resolve().parents[1] / "evalset" / "articles").glob("*.txt"))
SEED = Path(__file__).resolve().parents[3].parent / "shared" / "seed"


@pytest.mark.parametrize("article", ARTICLES, ids=[a.stem[:2] for a in ARTICLES])
def test_each_article_of_the_evaluation_set_goes_through_the_page(cast: Cast, article: Path) -> None:
    client = cast.client("office")
    text = article.read_text(encoding="utf-8")
    response = client.post(reverse("intake:draft_create"), {"org": cast.root.pk, "text": text})
    assert response.status_code == 302
    draft = IntakeDraft.objects.get()
    url = reverse("intake:draft_detail", args=[draft.pk])
    page = client.get(url).content.decode()
    for key in ("achievements", "shortcomings", "directives"):
        for index, item in enumerate(draft.proposals[key]):
            if item["span"]:
                assert f'<mark id="span-{key}-{index}"' in page
    data = form_data(page, "event-title")
    if not data["event-date"]:
        data["event-date"] = "01/01/2020"  # the person fills in what the text does not say
    data["action"] = "confirm"
    client.post(url, data)
    assert Conference.objects.count() == 1
    draft.refresh_from_db()
    assert draft.status == IntakeDraft.Status.CONFIRMED


@pytest.mark.skipif(not SEED.is_dir(), reason="the shared seed folder is not beside the checkout")
def test_the_seed_reference_article_reads_like_the_evaluation_copy(cast: Cast) -> None:
    seed = next(SEED.glob("*.txt"))
    response = cast.client("office").post(
        reverse("intake:draft_create"), {"org": cast.root.pk, "text": seed.read_text(encoding="utf-8")}
    )
    assert response.status_code == 302
    proposals = IntakeDraft.objects.get().proposals
    assert proposals["event"]["date"] == "2020-01-17"
    assert [p["name"] for p in proposals["people"]] == ["Nguyễn Hồng Minh", "Phí Mạnh Thắng"]
