from django.urls import path

from treatments import views

app_name = "treatments"

urlpatterns = [
    path("", views.TreatmentListView.as_view(), name="treatment_list"),
]
