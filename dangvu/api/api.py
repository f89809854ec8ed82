"""The JSON API (django-ninja): authentication, errors as JSON in Vietnamese, and the docs page.

A call is made as one user, with their session (the browser, CSRF for unsafe methods) or with a personal
token (`Authorization: Bearer <token>`). The routes then ask each app's own access functions with that user,
so the API sees exactly what the user sees in the pages.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.openapi.docs import DocsBase
from ninja.security import HttpBearer, SessionAuth

from dangvu.accounts.services import token_authenticate


class TokenAuth(HttpBearer):
    """Mã truy cập cá nhân: the token acts as its user."""

    def authenticate(self, request: HttpRequest, token: str) -> Any | None:
        user = token_authenticate(token.strip())
        if user is not None:
            request.user = user
        return user


def bearer_user(request: HttpRequest) -> Any | None:
    """The user of a valid `Authorization: Bearer` header, or None."""
    value = request.headers.get("Authorization", "")
    scheme, _sep, token = value.partition(" ")
    if scheme.lower() != "bearer":
        return None
    return token_authenticate(token.strip())


def login_or_token(view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
    """The schema and its docs page: for a signed-in user or a valid token; others go to the log-in page."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        user = bearer_user(request)
        if user is not None:
            request.user = user
        elif not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return view(request, *args, **kwargs)

    return wrapper


class OperationsPage(DocsBase):
    """The docs as a server-rendered page of the schema's operations: no script, nothing from a CDN."""

    def render_page(self, request: HttpRequest, api: NinjaAPI, **kwargs: Any) -> HttpResponse:
        schema = api.get_openapi_schema(path_params=kwargs)
        operations = [
            {"method": method.upper(), "path": path, **operation}
            for path, methods in schema["paths"].items()
            for method, operation in methods.items()
        ]
        context = {"api": api, "operations": operations, "openapi_url": self.get_openapi_url(api, kwargs)}
        return render(request, "api/docs.html", context)


api = NinjaAPI(
    title="dangvu API",
    version="1",
    description="API JSON của dangvu: đọc dữ liệu trong phạm vi quyền của người dùng.",
    urls_namespace="api",
    auth=[TokenAuth(), SessionAuth()],
    docs=OperationsPage(),
    docs_url="/docs/",
    docs_decorator=login_or_token,
)


# --- errors: JSON {"detail": "<Vietnamese message>"} ------------------------------------------------------

PYDANTIC_MESSAGES: dict[str, Any] = {
    "missing": gettext_lazy("Thiếu trường bắt buộc."),
    "int_parsing": gettext_lazy("Phải là một số nguyên."),
    "int_type": gettext_lazy("Phải là một số nguyên."),
    "float_parsing": gettext_lazy("Phải là một số."),
    "bool_parsing": gettext_lazy("Phải là true hoặc false."),
    "date_parsing": gettext_lazy("Ngày không hợp lệ (định dạng YYYY-MM-DD)."),
    "date_from_datetime_parsing": gettext_lazy("Ngày không hợp lệ (định dạng YYYY-MM-DD)."),
    "date_type": gettext_lazy("Ngày không hợp lệ (định dạng YYYY-MM-DD)."),
    "string_type": gettext_lazy("Phải là một chuỗi ký tự."),
    "string_too_long": gettext_lazy("Quá dài: tối đa %(max_length)s ký tự."),
    "string_too_short": gettext_lazy("Quá ngắn: tối thiểu %(min_length)s ký tự."),
    "greater_than_equal": gettext_lazy("Phải lớn hơn hoặc bằng %(ge)s."),
    "less_than_equal": gettext_lazy("Phải nhỏ hơn hoặc bằng %(le)s."),
    "greater_than": gettext_lazy("Phải lớn hơn %(gt)s."),
    "less_than": gettext_lazy("Phải nhỏ hơn %(lt)s."),
    "literal_error": gettext_lazy("Giá trị không thuộc các lựa chọn cho phép."),
    "json_invalid": gettext_lazy("Nội dung JSON không hợp lệ."),
    "model_attributes_type": gettext_lazy("Nội dung gửi lên phải là một đối tượng JSON."),
    "dict_type": gettext_lazy("Nội dung gửi lên phải là một đối tượng JSON."),
}


def _field_message(error: dict[str, Any]) -> str:
    template = PYDANTIC_MESSAGES.get(str(error.get("type", "")))
    if template is None:
        return _("Giá trị không hợp lệ.")
    try:
        return str(template) % dict(error.get("ctx") or {})
    except (KeyError, TypeError, ValueError):
        return str(template)


def _error(request: HttpRequest, status: int, detail: str, **extra: Any) -> HttpResponse:
    response = api.create_response(request, {"detail": detail, **extra}, status=status)
    if status == 401:
        response["WWW-Authenticate"] = 'Bearer realm="dangvu"'
    return response


@api.exception_handler(AuthenticationError)
def _unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return _error(request, 401, _("Cần đăng nhập hoặc gửi mã truy cập hợp lệ (Authorization: Bearer <mã>)."))


@api.exception_handler(PermissionDenied)
def _forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    return _error(request, 403, _("Bạn không có quyền thực hiện thao tác này."))


@api.exception_handler(Http404)
def _not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return _error(request, 404, _("Không tìm thấy bản ghi, hoặc bản ghi nằm ngoài phạm vi của bạn."))


@api.exception_handler(ValidationError)
def _invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    errors = [
        {
            "loc": [str(part) if not isinstance(part, int) else part for part in e.get("loc", ())],
            "msg": _field_message(e),
            "type": str(e.get("type", "")),
        }
        for e in exc.errors
    ]
    return _error(request, 422, _("Dữ liệu gửi lên không hợp lệ."), errors=errors)


@api.exception_handler(HttpError)
def _http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    if exc.status_code == 401:
        return _unauthenticated(request, AuthenticationError())
    if exc.status_code == 403:
        return _forbidden(request, PermissionDenied())
    if exc.status_code == 400:
        return _error(request, 400, _("Không đọc được nội dung yêu cầu (cần JSON hợp lệ)."))
    return _error(request, exc.status_code, exc.message)


from dangvu.api import routes  # noqa: E402,F401  (the routes register themselves on `api`)
