from __future__ import annotations

from django.urls import URLPattern, path

from dangvu.rating import views

app_name = "rating"
urlpatterns: list[URLPattern] = [
    path("", views.cycle_list, name="cycle_list"),
    path("cycles/new/", views.cycle_create, name="cycle_create"),
    path("cycles/<int:pk>/", views.cycle_detail, name="cycle_detail"),
    path("cycles/<int:pk>/close/", views.cycle_close, name="cycle_close"),
    path("cycles/<int:pk>/export.xlsx", views.cycle_export, name="cycle_export"),
    path("cycles/<int:pk>/cells/<int:cell_pk>/", views.cell_detail, name="cell_detail"),
    path("cycles/<int:pk>/cells/<int:cell_pk>/export.xlsx", views.cell_export, name="cell_export"),
    path("cycles/<int:pk>/collectives/", views.collective_list, name="collective_list"),
    path("ratings/<int:pk>/", views.rating_detail, name="rating_detail"),
    path("ratings/<int:pk>/self/", views.rating_self, name="rating_self"),
    path("ratings/<int:pk>/review/", views.rating_review, name="rating_review"),
    path("ratings/<int:pk>/decide/", views.rating_decide, name="rating_decide"),
    path("ratings/<int:pk>/ban-kiem-diem.docx", views.rating_docx, name="rating_docx"),
    path("collectives/<int:pk>/self/", views.collective_self, name="collective_self"),
    path("collectives/<int:pk>/propose/", views.collective_propose, name="collective_propose"),
    path("collectives/<int:pk>/decide/", views.collective_decide, name="collective_decide"),
    path("me/", views.my_rating, name="my_rating"),
    path("commitments/", views.commitment_list, name="commitment_list"),
    path("commitments/new/", views.commitment_create, name="commitment_create"),
]
