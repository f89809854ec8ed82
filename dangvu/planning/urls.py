from __future__ import annotations

from django.urls import URLPattern, path

from dangvu.planning import views, views_io

app_name = "planning"
urlpatterns: list[URLPattern] = [
    path("", views.overview, name="overview"),
    path("new/", views.plan_create, name="plan_create"),
    path("<int:pk>/", views.plan_detail, name="plan_detail"),
    path("<int:pk>/edit/", views.plan_edit, name="plan_edit"),
    path("<int:pk>/timeline/", views.plan_timeline, name="plan_timeline"),
    path("<int:pk>/submit/", views.plan_submit, name="plan_submit"),
    path("<int:pk>/approve/", views.plan_approve, name="plan_approve"),
    path("<int:pk>/return/", views.plan_return, name="plan_return"),
    path("<int:pk>/export.xlsx", views_io.plan_export, name="plan_export"),
    path("<int:pk>/import/", views_io.plan_import, name="plan_import"),
    path("tasks/mine/", views.my_tasks, name="my_tasks"),
    path("tasks/overdue/", views.overdue, name="overdue"),
    path("tasks/new/", views.task_create, name="task_create"),
    path("tasks/<int:pk>/", views.task_detail, name="task_detail"),
    path("tasks/<int:pk>/edit/", views.task_edit, name="task_edit"),
    path("tasks/<int:pk>/progress/", views.progress_add, name="progress_add"),
    path("evidence/<int:pk>/", views.evidence, name="evidence"),
    path("resolutions/", views.resolution_list, name="resolution_list"),
    path("resolutions/new/", views.resolution_create, name="resolution_create"),
    path("resolutions/<int:pk>/", views.resolution_detail, name="resolution_detail"),
]
