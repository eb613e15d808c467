from django.http import Http404, HttpResponsePermanentRedirect
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.views.generic import DetailView, ListView, TemplateView

from clinic.page_cache import cache_public_view
from treatments.models import Comparison, Treatment, canonical_pair, comparison_url

PAIR_SEPARATOR = "-vs-"


@cache_public_view()
class TreatmentListView(ListView):
    queryset = Treatment.objects.published().for_listing()
    template_name = "treatments/treatment_list.html"
    context_object_name = "treatments"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["breadcrumbs"] = [("Treatments", "")]
        return context


@cache_public_view()
class TreatmentDetailView(DetailView):
    template_name = "treatments/treatment_detail.html"

    def get_queryset(self):
        # Staff with view permission also reach unpublished treatments: "View on site" previews them.
        return Treatment.objects.visible_to(self.request.user).for_detail()

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        if not self.object.is_published:
            # A preview must never be kept by a shared cache and shown to the public.
            add_never_cache_headers(response)
            response["X-Robots-Tag"] = "noindex"
        return response

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        treatment = self.object
        comparisons = Comparison.objects.published().involving(treatment).for_listing()
        context["comparisons"] = [
            (comparison.other(treatment), comparison.get_absolute_url()) for comparison in comparisons
        ]
        context["booking_url"] = f"{reverse('clinic:enquiry_create')}?treatment={treatment.slug}"
        context["breadcrumbs"] = [
            ("Treatments", reverse("treatments:treatment_list")),
            (treatment.name, ""),
        ]
        return context


def split_pair(pair, known_slugs):
    """The (a, b) slugs that ``pair`` ("a-vs-b") names, trying every "-vs-" so slugs may contain it.

    Returns None when no split names two known slugs.
    """
    start = 0
    while (index := pair.find(PAIR_SEPARATOR, start)) != -1:
        first, second = pair[:index], pair[index + len(PAIR_SEPARATOR) :]
        if first in known_slugs and second in known_slugs and first != second:
            return first, second
        start = index + 1
    return None


def pair_candidates(pair):
    """Every slug either side of any "-vs-" in ``pair``: one query can then fetch them all."""
    slugs = set()
    start = 0
    while (index := pair.find(PAIR_SEPARATOR, start)) != -1:
        slugs.update((pair[:index], pair[index + len(PAIR_SEPARATOR) :]))
        start = index + 1
    return slugs


@cache_public_view()
class ComparisonDetailView(TemplateView):
    """Two published treatments side by side; any pair works, an editor's verdict is optional."""

    template_name = "treatments/comparison_detail.html"

    def get(self, request, *args, **kwargs):
        pair = kwargs["pair"]
        treatments = {t.slug: t for t in Treatment.objects.published().filter(slug__in=pair_candidates(pair))}
        slugs = split_pair(pair, treatments)
        if slugs is None:
            raise Http404("No such comparison.")
        first, second = (treatments[slug] for slug in slugs)
        canonical = comparison_url(first, second)
        if request.path != canonical:
            return HttpResponsePermanentRedirect(canonical)
        self.treatment_a, self.treatment_b = canonical_pair(first, second)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        a, b = self.treatment_a, self.treatment_b
        context["comparison"] = Comparison.objects.involving(a).involving(b).first()
        context["treatment_a"], context["treatment_b"] = a, b
        context["rows"] = [
            (label, value_a, value_b)
            for (label, value_a), (_, value_b) in zip(a.facts(), b.facts(), strict=True)
            if value_a or value_b
        ]
        context["breadcrumbs"] = [
            ("Treatments", reverse("treatments:treatment_list")),
            ("Comparisons", reverse("treatments:comparison_list")),
            (f"{a.name} vs {b.name}", ""),
        ]
        return context


@cache_public_view()
class ComparisonListView(ListView):
    """Editors' comparisons, plus a form to compare any two published treatments."""

    queryset = Comparison.objects.published().for_listing()
    template_name = "treatments/comparison_list.html"
    context_object_name = "comparisons"

    def get(self, request, *args, **kwargs):
        # The "compare any two" form submits here by GET so it works without JavaScript.
        first, second = request.GET.get("a"), request.GET.get("b")
        if first and second:
            found = {t.slug: t for t in Treatment.objects.published().filter(slug__in=[first, second])}
            if first != second and len(found) == 2:
                return redirect(comparison_url(found[first], found[second]))
            self.choice_error = "Choose two different treatments to compare."
        else:
            self.choice_error = ""
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["treatments"] = Treatment.objects.published().order_by("name").only("name", "slug")
        context["choice_error"] = self.choice_error
        context["breadcrumbs"] = [
            ("Treatments", reverse("treatments:treatment_list")),
            ("Comparisons", ""),
        ]
        return context
