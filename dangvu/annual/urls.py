from __future__ import annotations

from django.urls import URLPattern, path

from dangvu.annual import views

app_name = "annual"
urlpatterns: list[URLPattern] = [
    path("", views.report_list, name="report_list"),
    path("new/", views.report_create, name="report_create"),
    path("<int:pk>/", views.report_detail, name="report_detail"),
    path("<int:pk>/section/<str:key>/", views.section_save, name="section_save"),
    path("<int:pk>/refresh/", views.report_refresh, name="report_refresh"),
    path("<int:pk>/finalise/", views.report_finalise, name="report_finalise"),
    path("<int:pk>/versions/", views.report_versions, name="report_versions"),
    path("<int:pk>/compare/", views.report_compare, name="report_compare"),
    path("<int:pk>/docx/", views.report_docx, name="report_docx"),
    path("<int:pk>/xlsx/", views.report_xlsx, name="report_xlsx"),
    path("<int:pk>/conference/", views.conference_open, name="conference_open"),
]
