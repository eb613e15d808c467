"""The enquiry's treatment of interest becomes the treatment's name, kept as text.

The clinic app stands below treatments and no longer points at them; each enquiry keeps
the name of the treatment it was linked to. Reversing links each back by that name.
"""

from django.db import migrations, models


def copy_names(apps, schema_editor):
    Enquiry = apps.get_model("clinic", "Enquiry")
    for enquiry in Enquiry.objects.exclude(treatment=None).select_related("treatment").iterator():
        Enquiry.objects.filter(pk=enquiry.pk).update(treatment_name=enquiry.treatment.name)


def link_names(apps, schema_editor):
    Enquiry = apps.get_model("clinic", "Enquiry")
    Treatment = apps.get_model("treatments", "Treatment")
    for name, pk in Treatment.objects.values_list("name", "pk"):
        Enquiry.objects.filter(treatment_name=name).update(treatment=pk)


class Migration(migrations.Migration):
    dependencies = [
        ("clinic", "0007_search_indexes"),
        ("treatments", "0003_treatment_review"),
    ]

    operations = [
        migrations.AddField(
            model_name="enquiry",
            name="treatment_name",
            field=models.CharField(blank=True, max_length=200, verbose_name="treatment of interest"),
        ),
        migrations.RunPython(copy_names, link_names),
        migrations.RemoveField(model_name="enquiry", name="treatment"),
        migrations.RenameField(model_name="enquiry", old_name="treatment_name", new_name="treatment"),
    ]
