"""Wagtail's default workflow and task get Polish names.

Wagtail creates them as "Moderators approval"; the editor then reads
"Wyślij do Moderators approval". A city that renamed them keeps its names.
"""

from django.db import migrations

OLD = "Moderators approval"
WORKFLOW = "Moderacja redakcyjna"
TASK = "Zatwierdzenie przez moderatora"


def rename(apps, schema_editor):
    apps.get_model("wagtailcore", "Workflow").objects.filter(name=OLD).update(name=WORKFLOW)
    apps.get_model("wagtailcore", "Task").objects.filter(name=OLD).update(name=TASK)


def unrename(apps, schema_editor):
    apps.get_model("wagtailcore", "Workflow").objects.filter(name=WORKFLOW).update(name=OLD)
    apps.get_model("wagtailcore", "Task").objects.filter(name=TASK).update(name=OLD)


class Migration(migrations.Migration):
    dependencies = [
        ("pages", "0003_encrypted_contact_submissions"),
        ("wagtailcore", "0048_add_default_workflows"),
    ]

    operations = [migrations.RunPython(rename, unrename)]
