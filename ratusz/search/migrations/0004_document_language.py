"""Each document's language (residents search in the language they read).

On SQLite, adding a column rebuilds ``search_document``, which drops the
triggers that keep the FTS5 table in sync: they are created again and the
FTS5 table is rebuilt from the rows.
"""

from importlib import import_module

from django.db import migrations, models

_fulltext = import_module("ratusz.search.migrations.0002_fulltext")


def restore_triggers(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    for sql in _fulltext.SQLITE_BACKWARD[:3]:  # the triggers, if any survived
        schema_editor.execute(sql, params=None)
    for sql in _fulltext.SQLITE_FORWARD[1:]:  # triggers, then 'rebuild'
        schema_editor.execute(sql, params=None)


class Migration(migrations.Migration):
    dependencies = [("search", "0003_default_synonyms")]

    operations = [
        migrations.AddField(
            model_name="document",
            name="language",
            field=models.CharField(default="pl", max_length=10, verbose_name="język"),
        ),
        migrations.RunPython(restore_triggers, migrations.RunPython.noop),
    ]
