# Many cities in one installation (#24): every indexed document, lemma and
# synonym rule belongs to a city (a Wagtail Site); what there was belongs to
# the default site. A landing page every city has gets one row per city, so
# the key is unique per city. On SQLite the new column remakes
# search_document, which drops the triggers that keep the FTS5 table in sync:
# they are created again (as in 0004). The rows keep their ids and text, so
# the FTS5 index still matches them and is rebuilt only if its check fails.

from importlib import import_module

import django.db.models.deletion
import ratusz.core.tenancy
from django.db import migrations, models

_fulltext = import_module("ratusz.search.migrations.0002_fulltext")


def restore_triggers(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    for sql in _fulltext.SQLITE_BACKWARD[:3]:  # the triggers, if any survived
        schema_editor.execute(sql, params=None)
    for sql in _fulltext.SQLITE_FORWARD[1:4]:  # the triggers
        schema_editor.execute(sql, params=None)
    try:
        with schema_editor.connection.cursor() as cursor:
            cursor.execute(
                "INSERT INTO search_document_fts(search_document_fts, rank) "
                "VALUES ('integrity-check', 1)"
            )
    except Exception:  # noqa: BLE001 - the index does not match the rows: rebuild it
        schema_editor.execute(_fulltext.SQLITE_FORWARD[4], params=None)


class Migration(migrations.Migration):

    dependencies = [
        ('search', '0006_title_vector'),
        ('wagtailcore', '0097_baselogentry_uuid_action_timestamp_indexes'),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name='document',
            name='search_document_kind_key',
        ),
        migrations.AddField(
            model_name='document',
            name='site',
            field=models.ForeignKey(default=ratusz.core.tenancy.default_site_id, help_text='Serwis miasta, w którego wyszukiwarce dokument jest widoczny.', on_delete=django.db.models.deletion.CASCADE, related_name='+', to='wagtailcore.site', verbose_name='miasto'),
        ),
        migrations.AddField(
            model_name='lemma',
            name='site',
            field=models.ForeignKey(default=ratusz.core.tenancy.default_site_id, help_text='Serwis miasta, w którym rekord jest widoczny.', on_delete=django.db.models.deletion.CASCADE, related_name='+', to='wagtailcore.site', verbose_name='miasto'),
        ),
        migrations.AddField(
            model_name='synonymrule',
            name='site',
            field=models.ForeignKey(default=ratusz.core.tenancy.default_site_id, help_text='Serwis miasta, którego wyszukiwarka stosuje tę regułę.', on_delete=django.db.models.deletion.CASCADE, related_name='+', to='wagtailcore.site', verbose_name='miasto'),
        ),
        migrations.AlterField(
            model_name='lemma',
            name='text',
            field=models.CharField(max_length=100),
        ),
        migrations.AddIndex(
            model_name='document',
            index=models.Index(fields=['kind', 'key'], name='search_doc_kind_key'),
        ),
        migrations.AddConstraint(
            model_name='document',
            constraint=models.UniqueConstraint(fields=('site', 'kind', 'key'), name='search_document_site_kind_key'),
        ),
        migrations.AddConstraint(
            model_name='lemma',
            constraint=models.UniqueConstraint(fields=('site', 'text'), name='search_lemma_site_text'),
        ),
        migrations.RunPython(restore_triggers, migrations.RunPython.noop),
    ]
