from django.urls import path

from chiso.reminders import views

app_name = "reminders"
urlpatterns = [
    path("tai-khoan/nhac-han/", views.preference, name="settings"),
    path("don-vi/<int:pk>/nhac-han/", views.remind_late, name="remind_late"),
    path("don-vi/<int:pk>/nhac-han/hom-nay/", views.send_due, name="send_due"),
]
