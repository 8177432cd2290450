# Many cities in one installation: e-service links and the accessibility
# statement belong to a city (a Wagtail Site), and staff can be given cities.
# What an installation had belongs to its default site, so nothing is lost.

import django.db.models.deletion
import ratusz.core.tenancy
from django.conf import settings
from django.db import migrations, models


def statement_to_default_site(apps, schema_editor):
    Site = apps.get_model("wagtailcore", "Site")
    AccessibilityStatement = apps.get_model("core", "AccessibilityStatement")
    site = Site.objects.filter(is_default_site=True).first() or Site.objects.order_by("pk").first()
    rows = list(AccessibilityStatement.objects.order_by("pk"))
    if not rows:
        return
    if site is None:  # no site to belong to: made again with the first site
        AccessibilityStatement.objects.all().delete()
        return
    first, *others = rows
    first.site = site
    first.save(update_fields=["site"])
    AccessibilityStatement.objects.filter(pk__in=[row.pk for row in others]).delete()


class Migration(migrations.Migration):

    dependencies = [
        ('core', '0003_city_identity'),
        ('wagtailcore', '0097_baselogentry_uuid_action_timestamp_indexes'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='eservicelink',
            name='site',
            field=models.ForeignKey(default=ratusz.core.tenancy.default_site_id, help_text='Serwis miasta, w którym rekord jest widoczny.', on_delete=django.db.models.deletion.CASCADE, related_name='+', to='wagtailcore.site', verbose_name='miasto'),
        ),
        migrations.AddField(
            model_name='accessibilitystatement',
            name='site',
            field=models.OneToOneField(null=True, editable=False, on_delete=django.db.models.deletion.CASCADE, to='wagtailcore.site'),
        ),
        migrations.RunPython(statement_to_default_site, migrations.RunPython.noop),
        migrations.AlterField(
            model_name='accessibilitystatement',
            name='site',
            field=models.OneToOneField(editable=False, on_delete=django.db.models.deletion.CASCADE, to='wagtailcore.site'),
        ),
        migrations.CreateModel(
            name='CityStaff',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('site', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='wagtailcore.site', verbose_name='miasto')),
                ('user', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='city_assignments', to=settings.AUTH_USER_MODEL, verbose_name='pracownik')),
            ],
            options={
                'verbose_name': 'przydział do miasta',
                'verbose_name_plural': 'miasta pracowników',
                'constraints': [models.UniqueConstraint(fields=('user', 'site'), name='core_citystaff_unique')],
            },
        ),
    ]
