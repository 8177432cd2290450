# The office settings become the city's identity, one per Wagtail Site: the one
# row an installation had belongs to its default site, so nothing is lost.

import django.db.models.deletion
import ratusz.core.models
from django.db import migrations, models


def to_default_site(apps, schema_editor):
    Site = apps.get_model("wagtailcore", "Site")
    OfficeSettings = apps.get_model("core", "OfficeSettings")
    site = Site.objects.filter(is_default_site=True).first() or Site.objects.order_by("pk").first()
    rows = list(OfficeSettings.objects.order_by("pk"))
    if not rows:
        return
    if site is None:  # no site, nothing to belong to: it is made again with the first site
        OfficeSettings.objects.all().delete()
        return
    first, *others = rows
    first.site = site
    first.save(update_fields=["site"])
    OfficeSettings.objects.filter(pk__in=[row.pk for row in others]).delete()


class Migration(migrations.Migration):

    dependencies = [
        ('core', '0002_job'),
        ('wagtailcore', '0097_baselogentry_uuid_action_timestamp_indexes'),
        ('wagtailimages', '0027_image_description'),
    ]

    operations = [
        migrations.AddField(
            model_name='officesettings',
            name='boundary',
            field=models.JSONField(blank=True, null=True, verbose_name='granica miasta (GeoJSON, CRS84)'),
        ),
        migrations.AddField(
            model_name='officesettings',
            name='city_genitive',
            field=models.CharField(blank=True, help_text='Np. „Tychów”, jak w zdaniu „serwis miasta Tychów”.', max_length=100, verbose_name='nazwa miasta w dopełniaczu'),
        ),
        migrations.AddField(
            model_name='officesettings',
            name='city_locative',
            field=models.CharField(blank=True, help_text='Np. „w Tychach”, „we Wrocławiu”, jak w zdaniu „mieszkam w Tychach”.', max_length=110, verbose_name='w mieście (miejscownik z przyimkiem)'),
        ),
        migrations.AddField(
            model_name='officesettings',
            name='coat_of_arms',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='wagtailimages.image', verbose_name='herb'),
        ),
        migrations.AddField(
            model_name='officesettings',
            name='colour_primary',
            field=models.CharField(blank=True, help_text='#rrggbb; kontrast z białym tłem co najmniej 4,5:1. Puste: kolor Ratusza.', max_length=7, validators=[ratusz.core.models._validate_colour], verbose_name='kolor główny'),
        ),
        migrations.AddField(
            model_name='officesettings',
            name='colour_primary_dark',
            field=models.CharField(blank=True, help_text='#rrggbb, zwykle ciemniejszy od głównego. Puste: kolor Ratusza.', max_length=7, validators=[ratusz.core.models._validate_colour], verbose_name='kolor nagłówków'),
        ),
        migrations.AddField(
            model_name='officesettings',
            name='site',
            field=models.OneToOneField(null=True, editable=False, on_delete=django.db.models.deletion.CASCADE, to='wagtailcore.site'),
        ),
        migrations.RunPython(to_default_site, migrations.RunPython.noop),
        migrations.AlterField(
            model_name='officesettings',
            name='site',
            field=models.OneToOneField(editable=False, on_delete=django.db.models.deletion.CASCADE, to='wagtailcore.site'),
        ),
        migrations.AddField(
            model_name='officesettings',
            name='terc',
            field=models.CharField(blank=True, max_length=7, validators=[ratusz.core.models._validate_terc], verbose_name='kod TERC gminy'),
        ),
        migrations.AlterField(
            model_name='officesettings',
            name='city_name',
            field=models.CharField(blank=True, max_length=100, verbose_name='nazwa miasta'),
        ),
    ]
