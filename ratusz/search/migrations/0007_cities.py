# Many cities in one installation (#24): every indexed document, lemma and
# synonym rule belongs to a city (a Wagtail Site); what there was belongs to
# the default site. A landing page every city has gets one row per city, so
# the key is unique per city. On SQLite the new column rebuilds
# search_document: the FTS5 triggers are created again (as in 0004).

from importlib import import_module

import django.db.models.deletion
import ratusz.core.tenancy
from django.db import migrations, models

_document_language = import_module("ratusz.search.migrations.0004_document_language")


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
        migrations.RunPython(_document_language.restore_triggers, migrations.RunPython.noop),
    ]
