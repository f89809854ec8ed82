"""The Django admin for the committee office: scoped like the pages, nothing deleted, audited."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from dangvu.conftest import Cast
from dangvu.core.models import AuditEntry
from dangvu.organization.models import Member


@pytest.fixture
def office_admin(cast: Cast) -> Cast:
    office = cast.users["office"]
    office.is_staff = True
    office.save()
    office.user_permissions.set(Permission.objects.filter(content_type__app_label__in=["organization", "core"]))
    return cast


def test_the_office_admin_lists_only_its_own_organization(office_admin: Cast) -> None:
    client = office_admin.client("office")
    members = client.get(reverse("admin:organization_member_changelist")).content.decode()
    assert "Nguyễn Hồng Minh" in members and "Trần Văn Xa" not in members
    orgs = client.get(reverse("admin:organization_partyorg_changelist")).content.decode()
    assert "Chi bộ A" in orgs and "Chi bộ X" not in orgs
    outside = reverse("admin:organization_member_change", args=[office_admin.member_x.pk])
    assert client.get(outside).status_code == 302  # the admin answers "not found" by redirecting to its index
    trail = client.get(reverse("admin:core_auditentry_changelist")).content.decode()
    assert "Trần Văn Xa" not in trail


def test_nothing_can_be_deleted_from_the_admin(office_admin: Cast) -> None:
    client = office_admin.client("office")
    url = reverse("admin:organization_member_delete", args=[office_admin.member_a.pk])
    assert client.post(url, {"post": "yes"}).status_code == 403
    assert Member.objects.filter(pk=office_admin.member_a.pk).exists()


def test_a_member_added_in_the_admin_gets_events_status_and_an_audit_entry(office_admin: Cast) -> None:
    client = office_admin.client("office")
    data = {
        "full_name": "Lý Thị Admin",
        "gender": "nu",
        "date_of_birth": "12/04/1991",
        "admission_date": "03/02/2016",
        "official_date": "03/02/2017",
        "cell": office_admin.cell_b.pk,
        "ethnicity": "Kinh",
        "religion": "Không",
        "education_general": "12/12",
        "political_theory": "",
        "events-TOTAL_FORMS": "0",
        "events-INITIAL_FORMS": "0",
        "positions-TOTAL_FORMS": "0",
        "positions-INITIAL_FORMS": "0",
    }
    response = client.post(reverse("admin:organization_member_add"), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    member = Member.objects.get(full_name="Lý Thị Admin")
    assert member.status == Member.Status.FULL
    assert list(member.events.values_list("kind", flat=True)) == ["ket_nap", "chinh_thuc"]
    entry = AuditEntry.objects.filter(object_id=str(member.pk), action="create").first()
    assert entry is not None and entry.source == "admin" and entry.actor == office_admin.users["office"]


@pytest.mark.parametrize("role", ["committee", "inspection", "cell_secretary", "member", "observer", "outsider"])
def test_other_roles_cannot_open_the_admin(cast: Cast, role: str) -> None:
    response = cast.client(role).get(reverse("admin:organization_member_changelist"))
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
