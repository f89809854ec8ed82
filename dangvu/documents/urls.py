from __future__ import annotations

from django.urls import path

from dangvu.documents import views

app_name = "documents"
urlpatterns = [
    path("", views.document_list, name="document_list"),
    path("den/moi/", views.incoming_create, name="incoming_create"),
    path("di/cap-so/", views.outgoing_create, name="outgoing_create"),
    path("so.xlsx", views.book_xlsx, name="book_xlsx"),
    path("so.docx", views.book_docx, name="book_docx"),
    path("<int:pk>/", views.document_detail, name="document_detail"),
    path("<int:pk>/sua/", views.document_edit, name="document_edit"),
    path("<int:pk>/luu-tru/", views.document_archive, name="document_archive"),
    path("<int:pk>/tep/", views.file_add, name="file_add"),
    path("tep/<int:pk>/", views.file_download, name="file_download"),
]
