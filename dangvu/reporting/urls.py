from __future__ import annotations

from django.urls import URLPattern, path

from dangvu.reporting import views

app_name = "reporting"
urlpatterns: list[URLPattern] = [
    path("", views.submission_list, name="submission_list"),
    path("mine/", views.my_reports, name="my_reports"),
    path("<int:pk>/", views.submission_detail, name="submission_detail"),
    path("<int:pk>/edit/", views.submission_edit, name="submission_edit"),
    path("<int:pk>/attach/", views.submission_attach, name="submission_attach"),
    path("<int:pk>/files/<int:attachment_pk>/", views.attachment_download, name="attachment_download"),
    path("<int:pk>/accept/", views.submission_accept, name="submission_accept"),
    path("<int:pk>/return/", views.submission_return, name="submission_return"),
    path("kinds/", views.kind_list, name="kind_list"),
    path("kinds/<int:pk>/", views.kind_edit, name="kind_edit"),
    path("obligations/", views.obligation_list, name="obligation_list"),
    path("generate/", views.generate, name="generate"),
    path("request/", views.request_report, name="request"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("dashboard/xlsx/", views.dashboard_export, name="dashboard_export"),
    path("compile/", views.compile_report, name="compile"),
    path("compilations/<int:pk>/", views.compilation_detail, name="compilation_detail"),
    path("compilations/<int:pk>/docx/", views.compilation_download, name="compilation_download"),
]
