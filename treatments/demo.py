"""Demo content for the treatments app: categories, treatments with FAQs, and one comparison.

Written for this site in UK English, with claims kept careful (no promises of results or
permanence, no medicine brand names). Loading twice updates the same rows, keyed by slug.
"""

from decimal import Decimal

from clinic.demo import illustration
from clinic.models import Practitioner
from treatments.models import FAQ, Comparison, Treatment, TreatmentCategory

CATEGORIES = [
    {
        "slug": "regenerative",
        "name": "Regenerative",
        "order": 1,
        "description": "Treatments that aim to support the skin's own repair processes rather than fill or freeze.",
    },
    {
        "slug": "collagen-induction",
        "name": "Collagen induction",
        "order": 2,
        "description": "Controlled micro-injuries that prompt the skin to lay down new collagen over time.",
    },
    {
        "slug": "skin-boosters",
        "name": "Skin boosters",
        "order": 3,
        "description": "Fine injections of hydrating gels placed just under the skin to improve quality and glow.",
    },
]


def html(*paragraphs):
    return "".join(paragraphs)


def p(text):
    return f"<p>{text}</p>"


def ul(*items):
    return "<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>"


COMMON_NOT_SUIT = ul(
    "pregnancy or breastfeeding",
    "an active skin infection, cold sore or inflamed acne in the area",
    "a history of keloid scarring",
    "some blood-thinning medicines or bleeding disorders (tell us about every medicine you take)",
    "active cancer treatment, or an autoimmune condition that is not well controlled",
)

TREATMENTS = [
    {
        "slug": "prp-skin-rejuvenation",
        "name": "PRP skin rejuvenation",
        "search_synonyms": "platelet-rich plasma, vampire facial, PRP facial",
        "category": "regenerative",
        "practitioners": ["dr-isla-morrison", "niamh-fraser"],
        "order": 1,
        "is_featured": True,
        "colour": (122, 62, 58),
        "summary": "A small sample of your own blood is spun to concentrate its platelets, then returned to "
        "the skin to encourage gradual renewal of texture and tone.",
        "price_from": Decimal("350"),
        "session_minutes": 60,
        "sessions_in_course": 3,
        "downtime": "Redness and pinpoint marks for 24–48 hours",
        "results_show": "Gradually, from about 4–6 weeks after the first session",
        "results_last": "Often 12–18 months; many people return once a year",
        "treatment_areas": "Face, under-eye area, neck, décolletage, backs of hands, scalp",
        "overview": html(
            p(
                "Platelet-rich plasma (PRP) uses a concentrate made from your own blood. Platelets carry "
                "signalling proteins that take part in the body's normal wound-healing response. Placed back "
                "into the skin, they may encourage it to produce new collagen and improve its texture."
            ),
            p(
                "Because nothing foreign is injected, PRP suits people who would rather avoid fillers. Changes "
                "are gradual and subtle, and they differ from one person to the next."
            ),
        ),
        "how_it_works": html(
            p(
                "We take a blood sample from your arm, much like a routine blood test. A centrifuge separates "
                "it into layers in about ten minutes, and we draw off the plasma that is richest in platelets."
            ),
            p(
                "The plasma is then placed into the skin, either with very fine injections or by "
                "microneedling so it is carried through tiny channels. The whole process uses a sterile, "
                "single-use kit opened in front of you."
            ),
        ),
        "benefits": html(
            p("Patients usually come to us hoping to improve:"),
            ul(
                "dull, tired-looking skin and uneven texture",
                "fine lines, particularly around the eyes",
                "shallow acne scarring, alongside microneedling",
                "thinning skin on the neck and hands",
            ),
            p("Results vary, and a course works better than a single session."),
        ),
        "suits": p(
            "Adults in good general health who want a gradual improvement in skin quality, are happy to "
            "have a blood sample taken, and can commit to a course of sessions about a month apart."
        ),
        "does_not_suit": html(
            p("PRP is not right for you if you have any of the following:"),
            ul(
                "a blood or platelet disorder, or anaemia",
                "a current infection or fever",
                "pregnancy or breastfeeding",
                "an active skin condition, such as a flare of eczema, in the area",
                "a strong fear of needles or of giving blood",
            ),
            p("We ask about anti-inflammatory and blood-thinning medicines at consultation."),
        ),
        "risks": html(
            p("Most side effects are mild and settle within a few days:"),
            ul(
                "redness, swelling and tenderness",
                "bruising where the blood was taken or the plasma was injected",
                "pinpoint bleeding and small scabs after microneedling",
            ),
            p(
                "Less commonly, infection or a flare of cold sores can occur. Any procedure that breaks the "
                "skin carries a small risk of scarring. Some people see little visible change."
            ),
        ),
        "what_to_expect": html(
            p(
                "Arrive with clean skin and having drunk plenty of water. We apply numbing cream for about "
                "20 minutes while your sample is prepared."
            ),
            p(
                "Treatment takes around 20 minutes; most people describe a prickling sensation. You can go "
                "home straight afterwards, though your skin will look flushed for the rest of the day."
            ),
        ),
        "aftercare": html(
            ul(
                "Leave the skin alone for the first 12 hours: no make-up or active products.",
                "Avoid saunas, swimming and hard exercise for 48 hours.",
                "Wear a broad-spectrum sunscreen daily and avoid tanning for two weeks.",
                "Contact us if you notice increasing pain, heat or discharge.",
            ),
        ),
        "faqs": [
            (
                "Does PRP hurt?",
                "Numbing cream makes it comfortable for most people. You may feel pressure and prickling, and "
                "the blood draw feels like any other blood test.",
            ),
            (
                "How many sessions will I need?",
                "We usually suggest three sessions four to six weeks apart, then a single session once a year "
                "if you are happy with the result. Your practitioner will advise on your own plan.",
            ),
            (
                "When can I go back to work?",
                "Many people return the next day. Expect some redness for a day or two, so you may prefer to "
                "book before a weekend.",
            ),
            (
                "Can PRP be combined with other treatments?",
                "Yes, it is often combined with microneedling. We space other treatments, such as skin "
                "boosters, a few weeks apart and plan the order with you at consultation.",
            ),
            (
                "Is PRP safe if I am taking medication?",
                "It depends on the medicine. Some painkillers and blood thinners affect platelets or bruising. "
                "Never stop a prescribed medicine without speaking to the doctor who prescribed it.",
            ),
        ],
    },
    {
        "slug": "exosome-therapy",
        "name": "Exosome therapy",
        "search_synonyms": "exosomes, exosome facial, extracellular vesicles",
        "category": "regenerative",
        "practitioners": ["dr-isla-morrison"],
        "order": 2,
        "is_featured": True,
        "colour": (58, 92, 122),
        "summary": "A laboratory-made solution of exosomes, tiny messenger particles released by cells, "
        "applied to freshly microneedled skin to support recovery and improve skin quality.",
        "price_from": Decimal("450"),
        "session_minutes": 75,
        "sessions_in_course": 3,
        "downtime": "Redness for 24 hours; usually less than after PRP",
        "results_show": "Skin often looks calmer within days; texture changes over 6–8 weeks",
        "results_last": "Varies; a maintenance session every 6–12 months is common",
        "treatment_areas": "Face, neck, décolletage, scalp",
        "overview": html(
            p(
                "Exosomes are very small particles that cells release to pass signals to one another. "
                "Exosome products for the skin are made in a laboratory from cultured cells and contain "
                "these particles with proteins and other signalling molecules."
            ),
            p(
                "Research into exosomes in skin care is young. Early studies and clinical experience suggest "
                "they may help the skin settle after microneedling and improve texture, but the evidence is "
                "still limited, and we say so plainly at consultation."
            ),
        ),
        "how_it_works": html(
            p(
                "We first microneedle the skin to create thousands of tiny channels. The exosome solution is "
                "then applied to the surface so it can pass through those channels while they are open."
            ),
            p(
                "No blood sample is needed. We apply the product to the skin's surface only; we do not "
                "inject exosomes."
            ),
        ),
        "benefits": html(
            p("People choose exosome therapy hoping to:"),
            ul(
                "calm redness and recover faster after microneedling",
                "improve uneven texture and the look of enlarged pores",
                "brighten dull or tired-looking skin",
                "avoid a blood draw, where PRP is not suitable",
            ),
        ),
        "suits": p(
            "Adults looking for a gradual improvement in skin quality who cannot have or would prefer not to "
            "have PRP, for example because of a platelet disorder or difficulty giving blood."
        ),
        "does_not_suit": html(
            p("We do not offer exosome therapy if you have:"),
            COMMON_NOT_SUIT,
            ul("an allergy to any ingredient in the product (we show you the full list beforehand)"),
        ),
        "risks": html(
            p("Side effects come mostly from the microneedling and usually settle within a few days:"),
            ul(
                "redness, warmth and mild swelling",
                "dryness or flaking as the skin renews",
                "pinpoint bleeding during treatment",
            ),
            p(
                "An allergic reaction to the product is possible but uncommon. Because the product comes from "
                "cultured cells, there is a theoretical risk linked to its source, which is why we use only "
                "products with full batch documentation. Long-term data are limited."
            ),
        ),
        "what_to_expect": html(
            p(
                "We cleanse your skin and apply numbing cream for about 20 minutes. Microneedling takes around "
                "20 minutes, then the exosome solution is applied and gently worked into the skin."
            ),
            p("Your skin will feel warm and look pink. You can go home straight away."),
        ),
        "aftercare": html(
            ul(
                "Leave the product on the skin until the next morning; do not wash it off that evening.",
                "No make-up for 24 hours, and no retinoids or acids for five days.",
                "Avoid saunas, swimming and hard exercise for 48 hours.",
                "Use a broad-spectrum sunscreen every day.",
            ),
        ),
        "product_and_source": html(
            p(
                "We use a cosmetic-grade exosome product made by a specialist manufacturer from cultured cells "
                "in a controlled laboratory. It is not made from your own tissue, and it is not a licensed "
                "medicine."
            ),
            p(
                "Before treatment we tell you the product's name, maker, cell source and batch number, and give "
                "you its ingredient list. We keep a record of the batch used for every session."
            ),
        ),
        "faqs": [
            (
                "Are exosomes the same as stem cells?",
                "No. Exosomes are particles that cells release; the product contains no living cells. They are "
                "made in a laboratory from cultured cells.",
            ),
            (
                "Is exosome therapy better than PRP?",
                "Neither is better for everyone. PRP uses your own blood; exosome therapy uses a laboratory-made "
                "product and needs no blood sample. Our comparison page sets out the differences, and your "
                "practitioner can advise which suits you.",
            ),
            (
                "Do you inject exosomes?",
                "No. We apply the product to the skin's surface straight after microneedling.",
            ),
            (
                "How much evidence is there?",
                "Less than for PRP. Early research is encouraging, but studies are small and mostly short term. "
                "We would rather you decide with that in mind.",
            ),
            (
                "How soon will I see a difference?",
                "Some people notice their skin looks calmer within a few days. Changes in texture build over "
                "several weeks, and a course of three sessions is usual.",
            ),
        ],
    },
    {
        "slug": "microneedling",
        "name": "Microneedling",
        "search_synonyms": "collagen induction therapy, CIT, dermaroller, dermapen",
        "category": "collagen-induction",
        "practitioners": ["niamh-fraser"],
        "order": 1,
        "is_featured": True,
        "colour": (96, 110, 70),
        "summary": "A medical device makes thousands of tiny, controlled punctures in the skin, prompting it to "
        "repair and lay down new collagen over the following weeks.",
        "price_from": Decimal("195"),
        "session_minutes": 45,
        "sessions_in_course": 3,
        "downtime": "Redness for 24–72 hours",
        "results_show": "Over 6–12 weeks as collagen builds",
        "results_last": "Often a year or more; skin continues to age naturally",
        "treatment_areas": "Face, neck, décolletage, acne scars, stretch marks",
        "overview": p(
            "Microneedling, also called collagen induction therapy, uses very fine sterile needles to make "
            "controlled micro-injuries. The skin's repair response can improve texture and scarring gradually."
        ),
        "how_it_works": p(
            "A pen-shaped device moves rows of fine needles in and out of the skin at a depth set for each area. "
            "The channels close within hours; the collagen response continues for weeks."
        ),
        "benefits": ul(
            "smoother skin texture", "softer-looking acne scars", "improvement in fine lines", "more even tone"
        ),
        "suits": p("Adults with textural concerns or scarring who can allow a few days of redness."),
        "does_not_suit": COMMON_NOT_SUIT,
        "risks": html(
            ul(
                "redness, swelling and tightness for a few days",
                "pinpoint bleeding during treatment",
                "infection, uncommon with good aftercare",
                "changes in pigmentation, more likely in darker skin tones without careful settings",
            ),
        ),
        "what_to_expect": p(
            "Numbing cream is applied for 20–30 minutes; the treatment itself takes about 20 minutes."
        ),
        "aftercare": ul(
            "No make-up for 24 hours.",
            "Avoid active products, saunas and swimming for 48 hours.",
            "Use a broad-spectrum sunscreen daily.",
        ),
        "faqs": [
            ("Does it hurt?", "With numbing cream most people feel only a vibrating, scratchy sensation."),
            (
                "How far apart are sessions?",
                "Usually four to six weeks, which gives the skin time to complete its repair.",
            ),
            ("Can I microneedle at home?", "Home rollers do not reach the same depth and carry a risk of infection."),
        ],
    },
    {
        "slug": "polynucleotides",
        "name": "Polynucleotides",
        "search_synonyms": "PN injections, salmon DNA, polynucleotide injections",
        "category": "regenerative",
        "practitioners": ["dr-isla-morrison", "niamh-fraser"],
        "order": 3,
        "colour": (110, 80, 120),
        "summary": "Injections of purified DNA fragments that aim to improve skin quality, particularly in "
        "delicate areas such as under the eyes.",
        "price_from": Decimal("300"),
        "session_minutes": 30,
        "sessions_in_course": 3,
        "downtime": "Small bumps for a few hours; possible bruising",
        "results_show": "Gradually over 4–8 weeks",
        "results_last": "Often 6–12 months",
        "treatment_areas": "Under-eye area, face, neck, hands",
        "overview": p(
            "Polynucleotides are highly purified fragments of DNA, usually from fish. Injected into the skin, "
            "they are thought to support hydration and the skin's repair processes."
        ),
        "how_it_works": p(
            "The gel is placed with fine needles or a blunt cannula in small amounts across the treatment area."
        ),
        "benefits": ul("better skin hydration and elasticity", "softer fine lines under the eyes"),
        "suits": p("Adults wanting gradual improvement in thin or crêpey skin."),
        "does_not_suit": html(COMMON_NOT_SUIT, ul("a fish or seafood allergy")),
        "risks": ul(
            "swelling, redness and small bumps at injection points",
            "bruising",
            "rarely, allergic reaction or infection",
        ),
        "what_to_expect": p("Numbing cream first; the injections take about 15 minutes."),
        "aftercare": ul("Avoid make-up for 12 hours.", "Avoid massaging the area for 48 hours."),
        "faqs": [
            ("Are polynucleotides fillers?", "No. They do not add volume; they aim to improve skin quality."),
            ("How many sessions will I need?", "Usually three, two to three weeks apart."),
        ],
    },
    {
        "slug": "skin-booster-injections",
        "name": "Skin booster injections",
        "search_synonyms": "skin boosters, injectable moisturiser, hyaluronic acid injections",
        "category": "skin-boosters",
        "practitioners": ["dr-isla-morrison"],
        "order": 1,
        "colour": (150, 110, 60),
        "summary": "Fine injections of a light hyaluronic acid gel spread across the skin to improve hydration "
        "and glow without changing the shape of the face.",
        "price_from": Decimal("250"),
        "session_minutes": 30,
        "sessions_in_course": 2,
        "downtime": "Small bumps for up to 24 hours; possible bruising",
        "results_show": "Within 2–4 weeks",
        "results_last": "Around 6–9 months",
        "treatment_areas": "Face, neck, décolletage, hands",
        "overview": p(
            "Skin boosters use a thin hyaluronic acid gel placed just under the skin at many points. Hyaluronic "
            "acid holds water, so the aim is better hydration and a fresher look rather than added volume."
        ),
        "how_it_works": p("Small amounts are placed across the area; the gel spreads and binds water in the skin."),
        "benefits": ul("improved hydration", "a smoother, more even surface", "softer fine lines"),
        "suits": p("Adults with dehydrated or dull skin who want a subtle change."),
        "does_not_suit": COMMON_NOT_SUIT,
        "risks": ul(
            "swelling, tenderness and small bumps",
            "bruising",
            "rarely, infection, lumps or blocked blood vessels, which we are trained and equipped to treat",
        ),
        "what_to_expect": p("Numbing cream for 20 minutes; injections take 15–20 minutes."),
        "aftercare": ul("No make-up for 12 hours.", "Avoid saunas and hard exercise for 24 hours."),
        "faqs": [
            (
                "Will I look different?",
                "Skin boosters do not change your features; the aim is healthier-looking skin.",
            ),
            ("How long do they last?", "Typically six to nine months, varying from person to person."),
        ],
    },
]

COMPARISONS = [
    {
        "treatments": ("prp-skin-rejuvenation", "exosome-therapy"),
        "seo_title": "PRP vs exosome therapy: how they differ",
        "seo_description": "PRP and exosome therapy side by side: what each uses, downtime, sessions, cost and "
        "the strength of the evidence.",
        "verdict": html(
            p(
                "Both treatments aim to support the skin's own repair, and both are usually given as a course of "
                "three. The main difference is the source: PRP is made from your own blood on the day, while "
                "exosome therapy uses a laboratory-made product applied after microneedling."
            ),
            p(
                "PRP has the longer track record and the larger body of research, and it costs less per session. "
                "Exosome therapy needs no blood sample and tends to leave the skin less red afterwards, so it can "
                "suit people who cannot give blood easily or who have a platelet disorder. The evidence for it is "
                "newer and thinner."
            ),
            p(
                "Neither is right for everyone, and for some people neither is needed at all. We recommend one, "
                "both in sequence, or something else only after assessing your skin in person."
            ),
        ),
    },
]


def load():
    categories = {}
    for data in CATEGORIES:
        data = dict(data)
        slug = data.pop("slug")
        categories[slug], _ = TreatmentCategory.objects.update_or_create(slug=slug, defaults=data)

    practitioners = {practitioner.slug: practitioner for practitioner in Practitioner.objects.all()}
    treatments = {}
    for data in TREATMENTS:
        data = dict(data)
        faqs = data.pop("faqs")
        practitioner_slugs = data.pop("practitioners")
        colour = data.pop("colour")
        data["category"] = categories[data["category"]]
        data.setdefault("is_published", True)
        # An abstract drawing, so the description says what it is rather than pretend to be a photo.
        data["hero_image_alt"] = f"Abstract illustration accompanying {data['name']}"
        treatment, _ = Treatment.objects.update_or_create(slug=data.pop("slug"), defaults=data)
        if not treatment.hero_image:
            treatment.hero_image = illustration(treatment.name, colour)
            treatment.save()
        treatment.practitioners.set([practitioners[slug] for slug in practitioner_slugs if slug in practitioners])
        treatment.faqs.all().delete()
        FAQ.objects.bulk_create(
            FAQ(treatment=treatment, question=question, answer=answer, order=index)
            for index, (question, answer) in enumerate(faqs, start=1)
        )
        treatments[treatment.slug] = treatment

    for data in COMPARISONS:
        data = dict(data)
        first, second = (treatments[slug] for slug in data.pop("treatments"))
        existing = Comparison.objects.involving(first).involving(second).first()
        if existing:
            for field, value in data.items():
                setattr(existing, field, value)
            existing.save()
        else:
            Comparison.objects.create(treatment_a=first, treatment_b=second, **data)
