"""Fill the spheres of public tasks from areas.py (art. 4 ust. 1)."""

from django.db import migrations


def fill(apps, schema_editor):
    from ratusz.ngo.areas import PUBLIC_BENEFIT_AREAS

    Area = apps.get_model("ngo", "Area")
    for position, area in enumerate(PUBLIC_BENEFIT_AREAS):
        Area.objects.update_or_create(code=area.code, defaults={"position": position, "label": area.label})


class Migration(migrations.Migration):
    dependencies = [("ngo", "0001_initial")]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
