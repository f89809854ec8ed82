from __future__ import annotations

from django.urls import path

from dangvu.organization import views, views_io

app_name = "organization"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("me/", views.me, name="me"),
    path("org/", views.org_tree, name="org_tree"),
    path("org/<int:pk>/", views.org_detail, name="org_detail"),
    path("org/<int:pk>/children/", views.org_children, name="org_children"),
    path("members/", views.member_list, name="member_list"),
    path("members/new/", views.member_create, name="member_create"),
    path("members/import/", views_io.member_import, name="member_import"),
    path("members/export.xlsx", views_io.member_export, name="member_export"),
    path("members/<int:pk>/", views.member_detail, name="member_detail"),
    path("members/<int:pk>/edit/", views.member_edit, name="member_edit"),
    path("members/<int:pk>/archive/", views.member_archive, name="member_archive"),
    path("members/<int:pk>/events/new/", views.member_event_add, name="member_event_add"),
    path("members/<int:pk>/positions/new/", views.position_add, name="position_add"),
    path("members/<int:pk>/positions/<int:position_pk>/", views.position_edit, name="position_edit"),
    path("audit/", views.audit_list, name="audit_list"),
]
