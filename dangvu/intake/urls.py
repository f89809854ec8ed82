from __future__ import annotations

from django.urls import URLPattern, path

from dangvu.intake import views

app_name = "intake"
urlpatterns: list[URLPattern] = [
    path("", views.draft_list, name="draft_list"),
    path("moi/", views.draft_create, name="draft_create"),
    path("<int:pk>/", views.draft_detail, name="draft_detail"),
    path("<int:pk>/bo/", views.draft_discard, name="draft_discard"),
]
