from __future__ import annotations

from django.urls import URLPattern, path

from dangvu.supervision import views

app_name = "supervision"
urlpatterns: list[URLPattern] = [
    path("", views.program_list, name="program_list"),
    path("programs/new/", views.program_create, name="program_create"),
    path("programs/<int:pk>/", views.program_detail, name="program_detail"),
    path("programs/<int:pk>/issue/", views.program_issue, name="program_issue"),
    path("programs/<int:pk>/export/", views.program_export, name="program_export"),
    path("programs/<int:pk>/activities/new/", views.activity_create, name="activity_create"),
    path("activities/<int:pk>/", views.activity_detail, name="activity_detail"),
    path("activities/<int:pk>/advance/", views.activity_advance, name="activity_advance"),
    path("activities/<int:pk>/findings/new/", views.finding_add, name="finding_add"),
    path("activities/<int:pk>/recommendations/new/", views.recommendation_add, name="recommendation_add"),
    path("activities/<int:pk>/notice.docx", views.activity_notice, name="activity_notice"),
    path("recommendations/<int:pk>/follow-up/", views.follow_up_add, name="follow_up_add"),
    path("recommendations/<int:pk>/task/", views.recommendation_task, name="recommendation_task"),
    path("coverage/", views.coverage, name="coverage"),
]
