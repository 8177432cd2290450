# Many cities in one installation (#24): beneficiaries, projects and logo signs
# belong to a city (a Wagtail Site); contract numbers and page addresses are
# unique per city; the register's settings are per site. What an installation
# had belongs to its default site.

import django.db.models.deletion
import ratusz.core.tenancy
from django.db import migrations, models


def settings_to_default_site(apps, schema_editor):
    Site = apps.get_model("wagtailcore", "Site")
    EuFundsSettings = apps.get_model("eufunds", "EuFundsSettings")
    site = Site.objects.filter(is_default_site=True).first() or Site.objects.order_by("pk").first()
    rows = list(EuFundsSettings.objects.order_by("pk"))
    if not rows:
        return
    if site is None:  # no site to belong to: made again with the first site
        EuFundsSettings.objects.all().delete()
        return
    first, *others = rows
    first.site = site
    first.save(update_fields=["site"])
    EuFundsSettings.objects.filter(pk__in=[row.pk for row in others]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("eufunds", "0001_initial"),
        ("gis", "0005_layer_import_report"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
    ]

    operations = [
        migrations.AddField(
            model_name="beneficiary",
            name="site",
            field=models.ForeignKey(
                default=ratusz.core.tenancy.default_site_id,
                help_text="Serwis miasta, w którym rekord jest widoczny.",
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="wagtailcore.site",
                verbose_name="miasto",
            ),
        ),
        migrations.AddField(
            model_name="project",
            name="site",
            field=models.ForeignKey(
                default=ratusz.core.tenancy.default_site_id,
                help_text="Serwis miasta, w którym rekord jest widoczny.",
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="wagtailcore.site",
                verbose_name="miasto",
            ),
        ),
        migrations.AddField(
            model_name="visibilitymark",
            name="site",
            field=models.ForeignKey(
                default=ratusz.core.tenancy.default_site_id,
                help_text="Serwis miasta, w którym rekord jest widoczny.",
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="wagtailcore.site",
                verbose_name="miasto",
            ),
        ),
        migrations.AlterField(
            model_name="beneficiary",
            name="name",
            field=models.CharField(
                help_text="Dokładnie tak, jak w kolumnie „Nazwa beneficjenta” oficjalnej listy.",
                max_length=300,
                verbose_name="nazwa w wykazie",
            ),
        ),
        migrations.AlterField(
            model_name="project",
            name="contract_number",
            field=models.CharField(max_length=120, verbose_name="numer umowy lub decyzji"),
        ),
        migrations.AlterField(
            model_name="project",
            name="slug",
            field=models.SlugField(blank=True, max_length=120, verbose_name="adres strony"),
        ),
        migrations.AddConstraint(
            model_name="beneficiary",
            constraint=models.UniqueConstraint(
                fields=("site", "name"), name="eufunds_beneficiary_site_name"
            ),
        ),
        migrations.AddConstraint(
            model_name="project",
            constraint=models.UniqueConstraint(
                fields=("site", "contract_number"), name="eufunds_project_site_contract"
            ),
        ),
        migrations.AddConstraint(
            model_name="project",
            constraint=models.UniqueConstraint(
                fields=("site", "slug"), name="eufunds_project_site_slug"
            ),
        ),
        migrations.AddField(
            model_name="eufundssettings",
            name="site",
            field=models.OneToOneField(
                null=True,
                editable=False,
                on_delete=django.db.models.deletion.CASCADE,
                to="wagtailcore.site",
            ),
        ),
        migrations.RunPython(settings_to_default_site, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="eufundssettings",
            name="site",
            field=models.OneToOneField(
                editable=False, on_delete=django.db.models.deletion.CASCADE, to="wagtailcore.site"
            ),
        ),
    ]
