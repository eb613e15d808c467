"""Site search over the demo content: each treatment's page is what its names find first."""

from django.urls import reverse

URL = reverse("clinic:search")


NAMES = [
    ("prp", "/treatments/prp-skin-rejuvenation/"),
    ("platelet rich plasma", "/treatments/prp-skin-rejuvenation/"),
    ("vampire facial", "/treatments/prp-skin-rejuvenation/"),
    ("exosome", "/treatments/exosome-therapy/"),
    ("exosomes", "/treatments/exosome-therapy/"),
    ("exosme", "/treatments/exosome-therapy/"),
    ("microneedling", "/treatments/microneedling/"),
    ("collagen induction therapy", "/treatments/microneedling/"),
    ("polynucleotides", "/treatments/polynucleotides/"),
]


def test_demo_treatment_pages_come_first_for_their_names(client, demo_content):
    # One test over every name: loading the demo content is the slow part.
    firsts = {words: client.get(URL, {"q": words}).context["results"][0].url for words, _page in NAMES}
    assert firsts == dict(NAMES)
