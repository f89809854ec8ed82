from __future__ import annotations

from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from dangvu.core.views import health

admin.site.site_header = _("dangvu · Quản trị")
admin.site.site_title = _("dangvu")
admin.site.index_title = _("Quản trị dữ liệu")

urlpatterns = [
    path("admin/", admin.site.urls),
    path("accounts/", include("dangvu.accounts.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("health/", health, name="health"),
    path("plans/", include("dangvu.planning.urls")),
    path("reports/", include("dangvu.reporting.urls")),
    path("meetings/", include("dangvu.meetings.urls")),
    path("supervision/", include("dangvu.supervision.urls")),
    path("documents/", include("dangvu.documents.urls")),
    path("intake/", include("dangvu.intake.urls")),
    path("rating/", include("dangvu.rating.urls")),
    path("annual/", include("dangvu.annual.urls")),
    path("search/", include("dangvu.search.urls")),
    path("api/", include("dangvu.api.urls")),
    path("", include("dangvu.organization.urls")),
]
