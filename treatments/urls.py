from django.urls import path

from treatments import views

app_name = "treatments"

urlpatterns = [
    path("", views.TreatmentListView.as_view(), name="treatment_list"),
    # Before the treatment pattern: "compare" is reserved as a treatment slug for this reason.
    path("compare/", views.ComparisonListView.as_view(), name="comparison_list"),
    # The whole "a-vs-b" is one segment; the view splits it, since slugs may contain hyphens.
    path("compare/<slug:pair>/", views.ComparisonDetailView.as_view(), name="comparison_detail"),
    path("<slug:slug>/", views.TreatmentDetailView.as_view(), name="treatment_detail"),
]
