"""`dangvu backup` and `dangvu restore` give back exactly the database that was saved, on SQLite and PostgreSQL."""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from dangvu.conftest import Cast
from dangvu.core.backup import backed_up_models
from dangvu.organization.models import Member, PartyOrg
from dangvu.planning.models import AnnualPlan, KeyTask
from dangvu.planning.tests.factories import make_plan, make_task
from dangvu.reporting import services
from dangvu.reporting.models import Submission
from dangvu.reporting.tests.helpers import monthly_kind, owe

# Committed transactions: PostgreSQL checks deferred foreign keys only at commit.
pytestmark = pytest.mark.django_db(transaction=True)


def _fingerprint() -> dict[str, list[dict[str, Any]]]:
    rows: dict[str, list[dict[str, Any]]] = {}
    for model in backed_up_models():
        rows[model._meta.label_lower] = list(model._base_manager.order_by("pk").values())
        for field in model._meta.local_many_to_many:
            through = field.remote_field.through  # type: ignore[union-attr]
            # a many-to-many link is saved as the pair it joins; its own row id is not kept
            names = [f.attname for f in through._meta.fields if not f.primary_key]
            rows[through._meta.label_lower] = sorted(through._base_manager.values_list(*names))
    return rows


@pytest.fixture
def saved(cast: Cast, tmp_path: Path) -> tuple[Path, dict[str, list[dict[str, Any]]]]:
    plan = make_plan(cast.root)
    make_task(cast.cell_a, plan, title="Nhiệm vụ có dấu: Đảng ủy", lead=cast.member_a)
    path = tmp_path / "dangvu.json.gz"
    call_command("backup", str(path), verbosity=0)
    return path, _fingerprint()


def test_a_restore_gives_back_every_row_as_it_was_saved(cast: Cast, saved: Any) -> None:
    path, before = saved
    assert sum(len(rows) for rows in before.values()) > 50  # members, orgs, users, roles, tasks, audit entries...
    Member.objects.filter(pk=cast.member_b.pk).update(full_name="Đã sửa sau khi sao lưu")
    PartyOrg.objects.create(name="Chi bộ mới", kind=PartyOrg.Kind.CHI_BO, parent=cast.root)
    call_command("restore", str(path), "--yes", verbosity=0)
    assert _fingerprint() == before
    assert Member.objects.get(pk=cast.member_b.pk).full_name == "Phí Mạnh Thắng"


def test_new_records_after_a_restore_get_fresh_ids(cast: Cast, saved: Any) -> None:
    path, _before = saved
    call_command("restore", str(path), "--yes", verbosity=0)
    org = PartyOrg.objects.create(
        name="Chi bộ C", kind=PartyOrg.Kind.CHI_BO, parent=PartyOrg.objects.get(pk=cast.root.pk)
    )
    assert org.pk > max(PartyOrg.objects.exclude(pk=org.pk).values_list("pk", flat=True))


def test_a_file_that_is_not_a_backup_changes_nothing(cast: Cast, saved: Any, tmp_path: Path) -> None:
    _path, before = saved
    bad = tmp_path / "khong-phai.json.gz"
    bad.write_bytes(b"PK\x03\x04 not gzip")
    with pytest.raises(CommandError, match="không phải là bản sao lưu"):
        call_command("restore", str(bad), "--yes", verbosity=0)
    wrong = tmp_path / "khac.json.gz"
    with gzip.open(wrong, "wt", encoding="utf-8") as handle:
        handle.write('{"objects": []}')
    with pytest.raises(CommandError, match="không phải là bản sao lưu"):
        call_command("restore", str(wrong), "--yes", verbosity=0)
    assert _fingerprint() == before


def test_a_backup_that_fails_to_load_leaves_the_database_as_it_was(cast: Cast, saved: Any, tmp_path: Path) -> None:
    path, _before = saved
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        document = json.load(handle)
    document["objects"] = document["objects"][:-1]  # cut short: the rows no longer add up to the manifest's counts
    broken = tmp_path / "thieu.json.gz"
    with gzip.open(broken, "wt", encoding="utf-8") as handle:
        json.dump(document, handle)
    PartyOrg.objects.create(name="Chi bộ mới", kind=PartyOrg.Kind.CHI_BO, parent=cast.root)
    now = _fingerprint()
    with pytest.raises(CommandError, match="không khớp"):
        call_command("restore", str(broken), "--yes", verbosity=0)
    assert _fingerprint() == now  # the old rows were removed inside the transaction, and came back with the rollback


def test_counts_cached_before_a_restore_are_not_served_after_it(cast: Cast, saved: Any) -> None:
    from django.urls import reverse

    path, _before = saved
    client = cast.client("office")
    total = client.get(reverse("organization:dashboard")).context["stats"]["total"]
    Member.objects.filter(pk=cast.member_b.pk).update(archived_at="2020-01-01T00:00:00+07:00")  # no signal
    assert client.get(reverse("organization:dashboard")).context["stats"]["total"] == total  # still cached
    call_command("restore", str(path), "--yes", verbosity=0)
    Member.objects.filter(pk=cast.member_a.pk).update(archived_at="2020-01-01T00:00:00+07:00")  # no signal again
    assert client.get(reverse("organization:dashboard")).context["stats"]["total"] == total - 1


def test_plans_tasks_and_reports_from_a_backup_made_before_they_kept_their_units_path_take_it_back(
    cast: Cast, tmp_path: Path
) -> None:
    plan = make_plan(cast.root)
    task = make_task(cast.cell_b, plan)
    owe(monthly_kind(cast.root), cast.cell_b)
    services.submissions_generate(year=2019)
    KeyTask.objects.filter(pk=task.pk).update(org_path="")  # as the columns read in such a backup
    AnnualPlan.objects.filter(pk=plan.pk).update(org_path="")
    Submission.objects.update(org_path="")
    path = tmp_path / "old.json.gz"
    call_command("backup", str(path), verbosity=0)
    call_command("restore", str(path), "--yes", verbosity=0)
    assert KeyTask.objects.get(pk=task.pk).org_path == cast.cell_b.path  # the plans overview sorts by it
    assert AnnualPlan.objects.get(pk=plan.pk).org_path == cast.root.path  # and its plans
    # and the reports list
    assert set(Submission.objects.values_list("org_path", flat=True)) == {cast.cell_b.path}
    assert Submission.objects.count() == 12
