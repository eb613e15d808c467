from django.views.generic import TemplateView


class TreatmentListView(TemplateView):
    template_name = "treatments/treatment_list.html"
