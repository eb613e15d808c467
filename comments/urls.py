from django.urls import path

from comments import views

app_name = "comments"

urlpatterns = [
    path("confirm/<str:token>/", views.confirm_updates, name="confirm_updates"),
]
