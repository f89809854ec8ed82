"""Personal tokens: created on the account page, shown once, stored hashed, expiring, revocable."""

from __future__ import annotations

import datetime

from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone

from dangvu.accounts.models import PersonalToken
from dangvu.accounts.services import token_hash
from dangvu.api.tests.helpers import bearer, token_for
from dangvu.conftest import Cast
from dangvu.core.models import AuditEntry


def _create(cast: Cast, name: str = "Bảng tính báo cáo", days: int = 30) -> tuple[str, str]:
    expires = (timezone.localdate() + datetime.timedelta(days=days)).strftime("%d/%m/%Y")
    response = cast.client("office").post(reverse("accounts:token_list"), {"name": name, "expires_on": expires})
    return response.content.decode(), expires


def test_a_user_creates_a_token_on_their_account_page_and_sees_the_secret_once(cast: Cast) -> None:
    body, expires = _create(cast)
    token = PersonalToken.objects.get(user=cast.users["office"])
    assert "Đã tạo mã truy cập “Bảng tính báo cáo”." in body
    secret = body.split("<code>", 1)[1].split("</code>", 1)[0]
    assert token.key_hash == token_hash(secret) and secret not in token.key_hash  # only the hash is stored
    assert expires in body
    again = cast.client("office").get(reverse("accounts:token_list")).content.decode()
    assert secret not in again and f"{secret[:8]}…" in again and "Bảng tính báo cáo" in again


def test_the_token_works_like_its_user(cast: Cast) -> None:
    body, _expires = _create(cast)
    secret = body.split("<code>", 1)[1].split("</code>", 1)[0]
    response = bearer(secret).get(reverse("api:member_list"))
    names = [m["full_name"] for m in response.json()["items"]]
    assert response.status_code == 200
    assert "Nguyễn Hồng Minh" in names and "Trần Văn Xa" not in names


def test_a_token_cannot_last_more_than_a_year(cast: Cast) -> None:
    body, _expires = _create(cast, days=400)
    assert "Mã truy cập có hạn tối đa một năm." in body
    assert not PersonalToken.objects.exists()


def test_creating_and_revoking_a_token_leave_audit_entries(cast: Cast) -> None:
    secret = token_for(cast.users["office"])
    token = PersonalToken.objects.get()
    response = cast.client("office").post(reverse("accounts:token_revoke", kwargs={"pk": token.pk}))
    assert response.status_code == 302
    assert "Đã thu hồi" in cast.client("office").get(reverse("accounts:token_list")).content.decode()
    entries = AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(PersonalToken), object_id=str(token.pk)
    )
    assert sorted(entries.values_list("action", flat=True)) == ["create", "update"]
    assert "key_hash" not in str(list(entries.values_list("changes", flat=True)))
    assert bearer(secret).get(reverse("api:org_list")).status_code == 401
    token.refresh_from_db()
    assert token.revoked_at is not None  # revoked, not deleted


def test_a_user_cannot_revoke_another_users_token(cast: Cast) -> None:
    token_for(cast.users["office"])
    token = PersonalToken.objects.get()
    response = cast.client("committee").post(reverse("accounts:token_revoke", kwargs={"pk": token.pk}))
    assert response.status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


def test_an_expired_token_is_refused_with_a_json_401(cast: Cast) -> None:
    secret = token_for(cast.users["office"])
    PersonalToken.objects.filter().update(expires_on=timezone.localdate() - datetime.timedelta(days=1))
    response = bearer(secret).get(reverse("api:org_list"))
    assert response.status_code == 401
    assert response.json() == {"detail": "Cần đăng nhập hoặc gửi mã truy cập hợp lệ (Authorization: Bearer <mã>)."}
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_a_wrong_or_missing_token_is_refused_with_401(cast: Cast) -> None:
    token_for(cast.users["office"])
    assert bearer("khong-phai-ma-that").get(reverse("api:org_list")).status_code == 401
    assert bearer("").get(reverse("api:org_list")).status_code == 401
    assert cast.client("anonymous").get(reverse("api:member_list")).status_code == 401


def test_the_token_of_a_disabled_user_stops_working(cast: Cast) -> None:
    secret = token_for(cast.users["office"])
    cast.users["office"].is_active = False
    cast.users["office"].save()
    assert bearer(secret).get(reverse("api:org_list")).status_code == 401


def test_the_last_use_is_noted_without_an_audit_entry(cast: Cast) -> None:
    secret = token_for(cast.users["office"])
    before = AuditEntry.objects.count()
    assert bearer(secret).get(reverse("api:org_list")).status_code == 200
    token = PersonalToken.objects.get()
    assert token.last_used_at is not None
    assert AuditEntry.objects.count() == before
    page = cast.client("office").get(reverse("accounts:token_list")).content.decode()
    assert timezone.localtime(token.last_used_at).strftime("%d/%m/%Y %H:%M") in page
