from __future__ import annotations

from django.urls import URLPattern, path

from dangvu.meetings import views

app_name = "meetings"
urlpatterns: list[URLPattern] = [
    path("", views.meeting_list, name="meeting_list"),
    path("moi/", views.meeting_create, name="meeting_create"),
    path("<int:pk>/", views.meeting_detail, name="meeting_detail"),
    path("<int:pk>/sua/", views.meeting_edit, name="meeting_edit"),
    path("<int:pk>/chuan-bi-xong/", views.meeting_prepared, name="meeting_prepared"),
    path("<int:pk>/da-hop/", views.meeting_held, name="meeting_held"),
    path("<int:pk>/chuong-trinh/", views.agenda_add, name="agenda_add"),
    path("<int:pk>/tai-lieu/", views.document_upload, name="document_upload"),
    path("<int:pk>/tai-lieu/<int:doc_pk>/", views.document_download, name="document_download"),
    path("<int:pk>/diem-danh/", views.attendance, name="attendance"),
    path("<int:pk>/bien-ban/", views.minutes_edit, name="minutes_edit"),
    path("<int:pk>/bien-ban/<slug:step>/", views.minutes_step, name="minutes_step"),
    path("<int:pk>/gop-y/", views.minutes_comment, name="minutes_comment"),
    path("<int:pk>/dinh-chinh/", views.amendment_add, name="amendment_add"),
    path("<int:pk>/ket-luan/", views.conclusion_add, name="conclusion_add"),
    path("<int:pk>/ket-luan/<int:conclusion_pk>/nhiem-vu/", views.conclusion_task, name="conclusion_task"),
    path("<int:pk>/bien-ban.docx", views.minutes_docx, name="minutes_docx"),
    path("chi-so/", views.measures, name="measures"),
    path("chuyen-de/", views.topic_list, name="topic_list"),
    path("hoi-nghi/", views.conference_list, name="conference_list"),
    path("hoi-nghi/moi/", views.conference_create, name="conference_create"),
    path("hoi-nghi/<int:pk>/", views.conference_detail, name="conference_detail"),
    path("hoi-nghi/<int:pk>/them/", views.conference_add, name="conference_add"),
    path("hoi-nghi/<int:pk>/chi-dao/<int:item_pk>/nhiem-vu/", views.directive_task, name="directive_task"),
    path("hoi-nghi/<int:pk>/ket-luan.docx", views.conference_docx, name="conference_docx"),
    path("lich/", views.calendar, name="calendar"),
    # Calendar feeds: no session, the private token is the key; unnamed (built by views.feed_url).
    path("lich/<str:token>/ca-nhan.ics", views.feed_person),
    path("lich/<str:token>/chi-bo-<int:cell_pk>.ics", views.feed_cell),
]
