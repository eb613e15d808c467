"""Demo content for the blog: categories, tags and six articles with covers and references.

Written for this site. Rows are keyed by slug (references by article and position), so
loading twice creates nothing twice. Needs the practitioners from ``clinic.demo``.
"""

from datetime import UTC, date, datetime

from django.contrib.contenttypes.models import ContentType

from blog.models import Article, Category, Reference, Tag
from clinic.demo import illustration
from clinic.models import Practitioner
from comments.models import Comment
from treatments.models import Treatment

CATEGORIES = {
    "regenerative-treatments": (
        "Regenerative treatments",
        "How treatments such as PRP, exosomes and microneedling work, and what they can and cannot do.",
    ),
    "skin-science": ("Skin science", "What is going on under the surface of your skin, explained plainly."),
    "aftercare": ("Aftercare", "Looking after your skin in the days and weeks after a treatment."),
    "choosing-treatment": (
        "Choosing a treatment",
        "Questions to ask, and signs of a clinic that puts your safety first.",
    ),
}

TAGS = {
    "prp": "PRP",
    "exosomes": "Exosomes",
    "collagen": "Collagen",
    "extracellular-matrix": "Extracellular matrix",
    "microneedling": "Microneedling",
    "aftercare": "Aftercare",
    "safety": "Safety",
    "consultation": "Consultation",
}

ARTICLES = [
    {
        "slug": "exosomes-or-prp-which-supports-the-skin-matrix",
        "title": "Exosomes or PRP: which does more for the skin's matrix?",
        "excerpt": (
            "Both treatments aim to nudge your skin into repairing itself, but they send different "
            "signals. Here is how they compare, and how we decide between them."
        ),
        "author": "dr-isla-morrison",
        "reviewer": "niamh-fraser",
        "published_at": datetime(2025, 9, 16, 8, 0, tzinfo=UTC),
        "reviewed_on": date(2025, 9, 12),
        "categories": ["regenerative-treatments", "skin-science"],
        "tags": ["prp", "exosomes", "extracellular-matrix", "collagen"],
        "colour": (47, 93, 98),
        "cover_alt": "Abstract illustration in soft teal tones",
        "body": """
<p>Patients often arrive having read about both PRP and exosome treatments and want to know which
one is "better". The honest answer is that they are different tools, and the right choice depends on
your skin, your health and what you hope to change.</p>
<h2>What the matrix is, in one paragraph</h2>
<p>Beneath the surface of your skin sits the dermis, a scaffold of collagen and elastin fibres held in
a water-loving gel. Cells called fibroblasts build and repair that scaffold. With age and sun exposure
they slow down, and the scaffold thins. Regenerative treatments try to wake those cells up.</p>
<h2>How PRP works</h2>
<p>For PRP we take a small sample of your blood, spin it to concentrate the platelets, and return that
concentrate to the skin by injection or alongside microneedling. Platelets carry growth factors that
help wounds heal, and the idea is to borrow that repair signal.</p>
<h3>Where PRP tends to help</h3>
<ul><li>Fine lines and crêpey texture under the eyes</li><li>Dullness and uneven texture</li>
<li>Some types of thinning hair</li></ul>
<h2>How exosome treatments work</h2>
<p>Exosomes are tiny packages that cells use to pass messages to one another. Exosome products for the
skin are prepared in a laboratory rather than from your own blood, and are usually applied straight
after microneedling.</p>
<h3>What we still do not know</h3>
<p>The research on exosomes in aesthetic medicine is younger than the research on PRP, and products vary
a great deal. We tell patients this plainly at consultation.</p>
<h2>How we choose between them</h2>
<table><thead><tr><th scope="col">Question</th><th scope="col">PRP</th><th scope="col">Exosomes</th></tr></thead>
<tbody><tr><td>Needs a blood sample?</td><td>Yes</td><td>No</td></tr>
<tr><td>Source</td><td>Your own blood</td><td>Laboratory prepared</td></tr>
<tr><td>Length of research record</td><td>Longer</td><td>Shorter</td></tr></tbody></table>
<p>Some people cannot give blood comfortably or have a condition that rules PRP out; for others the
natural origin of PRP matters most. We talk it through with you before deciding anything.</p>
""",
        "references": [
            ("Alberts B, et al. Molecular Biology of the Cell, 6th edition. Garland Science, 2014.", ""),
            ("NHS. Cosmetic procedures.", "https://www.nhs.uk/conditions/cosmetic-procedures/"),
        ],
    },
    {
        "slug": "what-happens-during-a-prp-session",
        "title": "What happens during a PRP session",
        "excerpt": (
            "From the blood sample to the last dab of serum: an hour-by-hour account of a PRP "
            "appointment at the clinic, so you know what to expect."
        ),
        "author": "niamh-fraser",
        "reviewer": "dr-isla-morrison",
        "published_at": datetime(2025, 10, 7, 8, 0, tzinfo=UTC),
        "reviewed_on": date(2025, 10, 2),
        "categories": ["regenerative-treatments"],
        "tags": ["prp", "consultation"],
        "colour": (138, 75, 42),
        "cover_alt": "Abstract illustration in soft rust tones",
        "body": """
<p>A PRP appointment takes about an hour. Most of that is preparation; the treatment itself is short.
Here is the order things happen in.</p>
<h2>Before you arrive</h2>
<p>Eat a normal meal and drink plenty of water: well-hydrated veins make the blood sample easier. Come
without make-up if you can. If you take blood thinners or anti-inflammatory tablets, tell us at
consultation, as some need to be paused with your doctor's agreement.</p>
<h2>At the clinic</h2>
<h3>The blood sample</h3>
<p>We take a sample similar in size to a routine blood test. It goes into a centrifuge for around ten
minutes, which separates the platelet-rich part from the rest.</p>
<h3>Numbing and treatment</h3>
<p>While the sample spins, we apply a numbing cream. The PRP is then placed in the skin with fine
injections, with a microneedling pen, or both. Most people describe it as prickly rather than painful.</p>
<h2>Straight afterwards</h2>
<p>Expect redness similar to mild sunburn, and perhaps small bruises where injections went in. You can
go back to work, though many people book a late appointment so they can go straight home.</p>
<p>We give you written aftercare before you leave and book a follow-up.</p>
""",
        "references": [
            (
                "Healthcare Improvement Scotland. Independent healthcare services.",
                "https://www.healthcareimprovementscotland.scot/",
            ),
        ],
    },
    {
        "slug": "prp-aftercare-the-first-week",
        "title": "PRP aftercare: the first week",
        "excerpt": (
            "What to do, and what to avoid, in the days after a PRP treatment to keep your skin "
            "comfortable and give the treatment its best chance."
        ),
        "author": "niamh-fraser",
        "reviewer": "dr-isla-morrison",
        "published_at": datetime(2025, 10, 28, 8, 0, tzinfo=UTC),
        "reviewed_on": date(2025, 10, 24),
        "categories": ["aftercare"],
        "tags": ["prp", "aftercare"],
        "colour": (84, 70, 120),
        "cover_alt": "Abstract illustration in soft violet tones",
        "body": """
<p>Good aftercare is mostly about leaving your skin alone while it does its work.</p>
<h2>The first 24 hours</h2>
<ul><li>Do not wash the treated area for at least six hours.</li><li>Skip make-up until the next day.</li>
<li>Avoid the gym, saunas and hot baths: heat and sweat increase swelling.</li></ul>
<h2>Days two to seven</h2>
<h3>Cleansing and moisturising</h3>
<p>Use a gentle cleanser and a plain moisturiser. Leave out acids, retinoids and scrubs for a week.</p>
<h3>Sun protection</h3>
<p>Wear a broad-spectrum sunscreen every day, even when the Glasgow sky looks grey. New skin is easily
marked by ultraviolet light.</p>
<h2>When to call us</h2>
<p>Some redness and tenderness is expected. Call us if you notice increasing pain, heat, spreading redness
or any discharge, as these can be signs of infection. Out of hours, call NHS 24 on 111.</p>
""",
        "references": [
            ("British Association of Dermatologists. Patient information leaflets.", "https://www.bad.org.uk/"),
            ("NHS inform. Sunburn.", "https://www.nhsinform.scot/"),
        ],
    },
    {
        "slug": "the-extracellular-matrix-explained",
        "title": "The extracellular matrix, explained",
        "excerpt": (
            "Collagen, elastin and hyaluronic acid are words on every skincare label. Here is what "
            "they actually are, and why they change as we age."
        ),
        "author": "dr-isla-morrison",
        "reviewer": "niamh-fraser",
        "published_at": datetime(2025, 11, 11, 8, 0, tzinfo=UTC),
        "reviewed_on": date(2025, 11, 6),
        "categories": ["skin-science"],
        "tags": ["extracellular-matrix", "collagen"],
        "colour": (60, 110, 70),
        "cover_alt": "Abstract illustration in soft green tones",
        "body": """
<p>Skin is not just a surface. Most of its strength comes from the material between its cells, known as
the extracellular matrix.</p>
<h2>The building blocks</h2>
<h3>Collagen</h3>
<p>Collagen fibres are the ropes of the dermis. They resist stretching and give skin its firmness.</p>
<h3>Elastin</h3>
<p>Elastin lets skin spring back after it is pinched or creased. The body makes very little new elastin in
adulthood, which is why lost bounce is hard to restore.</p>
<h3>Hyaluronic acid</h3>
<p>This sugar-based molecule holds water, keeping the matrix plump and letting nutrients move through it.</p>
<h2>Why the matrix thins</h2>
<p>From our mid-twenties we make a little less collagen each year. Ultraviolet light breaks existing fibres
down faster, and smoking reduces blood flow to the skin. Menopause brings a marked drop too.</p>
<h2>What helps</h2>
<p>Daily sunscreen and not smoking do more than any treatment. Treatments that create controlled,
tiny injuries, such as microneedling, prompt the skin to lay down new collagen over the following months.</p>
""",
        "references": [
            ("Alberts B, et al. Molecular Biology of the Cell, 6th edition. Garland Science, 2014.", ""),
            ("British Association of Dermatologists. Patient information leaflets.", "https://www.bad.org.uk/"),
        ],
    },
    {
        "slug": "microneedling-the-basics",
        "title": "Microneedling: the basics",
        "excerpt": (
            "How a pen of very fine needles can improve texture and scarring, who it suits, and how "
            "many sessions it usually takes."
        ),
        "author": "niamh-fraser",
        "reviewer": "dr-isla-morrison",
        "published_at": datetime(2025, 12, 2, 8, 0, tzinfo=UTC),
        "reviewed_on": date(2025, 11, 27),
        "categories": ["regenerative-treatments"],
        "tags": ["microneedling", "collagen", "prp"],
        "colour": (40, 80, 130),
        "cover_alt": "Abstract illustration in soft blue tones",
        "body": """
<p>Microneedling uses a handheld pen with a cluster of very fine needles to make thousands of tiny
channels in the skin. The skin repairs them, and in doing so makes some new collagen.</p>
<h2>What it can help with</h2>
<ul><li>Uneven texture and enlarged-looking pores</li><li>Some acne scars</li><li>Early fine lines</li></ul>
<h2>What a course looks like</h2>
<p>Most people need three to six sessions, four to six weeks apart. Collagen takes months to form, so the
full result shows around three months after the last session.</p>
<h3>Combining with PRP</h3>
<p>Microneedling is often paired with PRP or another serum applied during the session. The channels let it
reach deeper than it would on unbroken skin.</p>
<h2>Who should wait</h2>
<p>We do not microneedle over active acne, cold sores or skin infections, and we may advise against it if
you have recently taken isotretinoin or you scar easily. We check all of this at consultation.</p>
""",
        "references": [
            ("NHS. Cosmetic procedures.", "https://www.nhs.uk/conditions/cosmetic-procedures/"),
        ],
    },
    {
        "slug": "how-to-choose-an-aesthetic-clinic",
        "title": "How to choose an aesthetic clinic",
        "excerpt": (
            "Registration, qualifications, an honest consultation: a short checklist for choosing a "
            "clinic in Scotland that puts your safety first."
        ),
        "author": "dr-isla-morrison",
        "reviewer": "niamh-fraser",
        "published_at": datetime(2026, 1, 13, 8, 0, tzinfo=UTC),
        "reviewed_on": date(2026, 1, 8),
        "categories": ["choosing-treatment"],
        "tags": ["safety", "consultation"],
        "colour": (120, 60, 70),
        "cover_alt": "Abstract illustration in soft plum tones",
        "body": """
<p>Aesthetic treatments are medical procedures, even when they are sold like beauty treatments. A little
checking beforehand protects you.</p>
<h2>Check the registrations</h2>
<h3>The clinic</h3>
<p>In Scotland, independent clinics where doctors, nurses or dentists provide treatments must register with
Healthcare Improvement Scotland. Ask for the registration number and look it up.</p>
<h3>The practitioner</h3>
<p>Doctors are listed by the General Medical Council, nurses by the Nursing and Midwifery Council. The public
registers are free to search online.</p>
<h2>Expect a real consultation</h2>
<p>A good consultation asks about your health and medicines, explains risks as well as benefits, and never
pressures you into booking on the day. If you leave with a discount code rather than answers, keep looking.</p>
<h2>Ask who prescribes</h2>
<p>Some treatments need a prescription. The person prescribing should have assessed you in person.</p>
""",
        "references": [
            (
                "Healthcare Improvement Scotland. Independent healthcare services.",
                "https://www.healthcareimprovementscotland.scot/",
            ),
            ("General Medical Council. The medical register.", "https://www.gmc-uk.org/"),
            ("Nursing and Midwifery Council. Search the register.", "https://www.nmc.org.uk/"),
        ],
    },
]


# Which demo treatments each article discusses (treatments load before articles).
RELATED_TREATMENTS = {
    "exosomes-or-prp-which-supports-the-skin-matrix": ["prp-skin-rejuvenation", "exosome-therapy"],
    "what-happens-during-a-prp-session": ["prp-skin-rejuvenation"],
    "prp-aftercare-the-first-week": ["prp-skin-rejuvenation"],
    "the-extracellular-matrix-explained": ["polynucleotides", "skin-booster-injections"],
    "microneedling-the-basics": ["microneedling"],
}

# Approved comments on one article, with a clinic reply; keyed by article, email and time.
COMMENTS_ARTICLE = "exosomes-or-prp-which-supports-the-skin-matrix"
COMMENTS = [
    {
        "key": "fiona",
        "name": "Fiona",
        "email": "fiona@example.com",
        "created_at": datetime(2025, 9, 18, 19, 12, tzinfo=UTC),
        "body": "Really clear explanation, thank you.\n\nI had no idea the dermis was mostly a gel "
        "with fibres running through it. Is there a good overview of the research you would recommend?",
    },
    {
        "key": "clinic-reply",
        "reply_to": "fiona",
        "name": "Dr Isla Morrison",
        "email": "clinic@example.com",
        "staff": True,
        "created_at": datetime(2025, 9, 19, 9, 30, tzinfo=UTC),
        "body": "Thank you, Fiona. The references under the article are a good place to start; the "
        "review on growth factors in skin ageing is readable without a science background.",
    },
    {
        "key": "graeme",
        "name": "Graeme",
        "email": "graeme@example.com",
        "created_at": datetime(2025, 9, 22, 12, 5, tzinfo=UTC),
        "body": "Useful to see the two compared side by side rather than one being sold as a miracle.",
    },
]


def load_comments():
    article = Article.objects.get(slug=COMMENTS_ARTICLE)
    saved = {}
    for data in COMMENTS:
        saved[data["key"]], _ = Comment.objects.update_or_create(
            content_type=ContentType.objects.get_for_model(Article),
            object_id=article.pk,
            author_email=data["email"],
            created_at=data["created_at"],
            defaults={
                "author_name": data["name"],
                "body": data["body"],
                "parent": saved.get(data.get("reply_to")),
                "status": Comment.Status.APPROVED,
                "is_staff_reply": data.get("staff", False),
                "consent_given_at": None if data.get("staff") else data["created_at"],
            },
        )


def load():
    categories = {}
    for slug, (name, description) in CATEGORIES.items():
        categories[slug], _ = Category.objects.update_or_create(
            slug=slug, defaults={"name": name, "description": description}
        )
    tags = {}
    for slug, name in TAGS.items():
        tags[slug], _ = Tag.objects.update_or_create(slug=slug, defaults={"name": name})
    practitioners = {practitioner.slug: practitioner for practitioner in Practitioner.objects.all()}

    for data in ARTICLES:
        data = dict(data)
        article, _ = Article.objects.update_or_create(
            slug=data["slug"],
            defaults={
                "title": data["title"],
                "excerpt": data["excerpt"],
                "body": data["body"].strip(),
                "author": practitioners[data["author"]],
                "medical_reviewer": practitioners[data["reviewer"]],
                "reviewed_on": data["reviewed_on"],
                "next_review_due_on": data["reviewed_on"].replace(year=data["reviewed_on"].year + 1),
                "status": Article.Status.PUBLISHED,
                "published_at": data["published_at"],
                "cover_alt": data["cover_alt"],
            },
        )
        if not article.cover:
            article.cover = illustration(data["title"][:40], data["colour"])
            article.save()
        article.categories.set([categories[slug] for slug in data["categories"]])
        article.tags.set([tags[slug] for slug in data["tags"]])
        article.related_treatments.set(Treatment.objects.filter(slug__in=RELATED_TREATMENTS.get(article.slug, [])))
        for order, (citation, url) in enumerate(data["references"]):
            Reference.objects.update_or_create(
                article=article, order=order, defaults={"citation": citation, "url": url}
            )
        article.references.filter(order__gte=len(data["references"])).delete()
    load_comments()
