"""A starting set of advertising-rules terms, and the Editors' right to see and acknowledge findings.

The set is a start, not the law: staff add, edit and switch terms off in the admin.
"""

from django.db import migrations

from clinic.groups import EDITORS, grant

POM = "prescription_medicine"
CLAIM = "claim"
PRESSURE = "pressure"
UNDER_18 = "under_18"

POM_WHY = (
    "{name} is a prescription-only medicine; UK law does not allow advertising it to the public. "
    "Describe the consultation instead, without naming the medicine."
)
NICKNAME_WHY = (
    "A nickname for a prescription-only medicine (botulinum toxin) counts as advertising the medicine. "
    "Talk about the consultation and the concern, not the product."
)

TERMS = [
    *[(name.lower(), POM, "high", POM_WHY.format(name=name)) for name in
      ["Botox", "Azzalure", "Bocouture", "Dysport", "Xeomin", "Letybo", "Relfydess", "Alluzience"]],
    ("botulinum toxin", POM, "high", POM_WHY.format(name="Botulinum toxin")),
    ("anti-wrinkle injection", POM, "high", NICKNAME_WHY),
    ("wrinkle relaxing injection", POM, "high", NICKNAME_WHY),
    ("tox", POM, "high", NICKNAME_WHY),
    ("baby botox", POM, "high", NICKNAME_WHY),
    ("guaranteed", CLAIM, "high", "Results vary from person to person; nothing about a treatment's outcome can be "
     "promised."),
    ("guarantee", CLAIM, "high", "Results vary from person to person; nothing about a treatment's outcome can be "
     "promised."),
    ("permanent", CLAIM, "medium", "Few results last for ever; say how long they usually last, with evidence."),
    ("cure", CLAIM, "high", "Claiming to cure a condition needs proof the clinic does not usually hold; say what "
     "the treatment can help with."),
    ("no downtime", CLAIM, "medium", "Most treatments have some side effects or recovery; describe them honestly."),
    ("pain-free", CLAIM, "medium", "Patients feel procedures differently; say how discomfort is kept low instead."),
    ("risk-free", CLAIM, "high", "Every medical procedure carries risks, and patients must hear about them."),
    ("miracle", CLAIM, "medium", "An exaggeration the advertising rules treat as misleading."),
    ("rebuilds", CLAIM, "medium", "A claim about what a treatment does to the body needs strong clinical evidence; "
     "prefer “may support” or say what studies found."),
    ("limited time", PRESSURE, "medium", "Time-limited offers rush people into a medical decision."),
    ("only # left", PRESSURE, "medium", "Scarcity claims rush people into a medical decision."),
    ("book now before", PRESSURE, "medium", "Deadlines rush people into a medical decision."),
    ("offer ends", PRESSURE, "medium", "Deadlines rush people into a medical decision."),
    ("teen", UNDER_18, "high", "Cosmetic procedures must not be advertised to under-18s."),
    ("teenager", UNDER_18, "high", "Cosmetic procedures must not be advertised to under-18s."),
    ("prom", UNDER_18, "medium", "Proms are for school pupils, so this reads as aimed at under-18s."),
    ("under 18", UNDER_18, "high", "Cosmetic procedures must not be advertised to under-18s."),
    ("back to school", UNDER_18, "medium", "Reads as aimed at school pupils, who are under 18."),
]  # fmt: skip


def seed(apps, schema_editor):
    ComplianceTerm = apps.get_model("clinic", "ComplianceTerm")
    for phrase, kind, severity, explanation in TERMS:
        ComplianceTerm.objects.get_or_create(
            phrase=phrase, defaults={"kind": kind, "severity": severity, "explanation": explanation}
        )
    grant(
        apps,
        EDITORS,
        "clinic",
        {
            "complianceterm": ["add", "change", "delete", "view"],
            "compliancefinding": ["view", "acknowledge"],
        },
    )


class Migration(migrations.Migration):
    dependencies = [("clinic", "0005_compliance"), ("clinic", "0002_staff_groups")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
