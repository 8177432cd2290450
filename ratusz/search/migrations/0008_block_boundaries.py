"""Block boundaries in the stored normalised bodies (closeness stops at them).

An entry's body keeps its blocks (list items, paragraphs) as lines; the
normalised body now has ``polish.BLOCK`` between them, so that words of two
list items are not "close". Rewritten here from the stored body, keeping the
keywords appended after it; a row whose stored text no longer starts with its
body's normalised words (normalised by an older release) is left for
``manage.py search_reindex``.
"""

from django.db import migrations

BATCH = 500


def add_boundaries(apps, schema_editor):
    from ratusz.search.polish import BLOCK, normalise

    Document = apps.get_model("search", "Document")
    gap = f" {BLOCK} "
    rows = Document.objects.only("id", "body", "body_norm").order_by("pk")
    for doc in rows.iterator(chunk_size=BATCH):
        blocks = normalise(doc.body)
        flat = blocks.replace(gap, " ")
        if blocks != flat and doc.body_norm.startswith(flat):
            Document.objects.filter(pk=doc.pk).update(
                body_norm=blocks + doc.body_norm[len(flat) :]
            )


def remove_boundaries(apps, schema_editor):
    from ratusz.search.polish import BLOCK

    Document = apps.get_model("search", "Document")
    gap = f" {BLOCK} "
    for doc in Document.objects.filter(body_norm__contains=gap).only("id", "body_norm"):
        Document.objects.filter(pk=doc.pk).update(body_norm=doc.body_norm.replace(gap, " "))


class Migration(migrations.Migration):
    dependencies = [("search", "0007_cities")]

    operations = [migrations.RunPython(add_boundaries, remove_boundaries)]
