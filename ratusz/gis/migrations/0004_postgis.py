"""PostGIS geometry columns where the database can have them (ratusz/gis/spatial.py).

Nothing on SQLite, on PostgreSQL without the postgis package, or with
RATUSZ_GIS_POSTGIS=off; the models do not change, so the same migration
history serves every engine.
"""

from django.db import migrations


def forward(apps, schema_editor):
    from ratusz.gis import spatial

    spatial.install(schema_editor.connection)


def backward(apps, schema_editor):
    from ratusz.gis import spatial

    spatial.uninstall(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("gis", "0003_search_entry")]

    operations = [migrations.RunPython(forward, backward)]
