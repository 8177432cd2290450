# Many cities in one installation (#24): organisations belong to a city (a Wagtail
# Site), a partnership to its partner's city; addresses (slugs) are unique per city.
# What an installation had belongs to its default site.

import django.db.models.deletion
import ratusz.core.tenancy
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("cooperation", "0001_initial"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
    ]

    operations = [
        migrations.AddField(
            model_name="organisation",
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
            model_name="partnership",
            name="site",
            field=models.ForeignKey(
                default=ratusz.core.tenancy.default_site_id,
                editable=False,
                help_text="Serwis miasta, w którym rekord jest widoczny.",
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="wagtailcore.site",
                verbose_name="miasto",
            ),
        ),
        migrations.AlterField(
            model_name="organisation",
            name="slug",
            field=models.SlugField(max_length=80, verbose_name="adres (slug)"),
        ),
        migrations.AlterField(
            model_name="partnership",
            name="slug",
            field=models.SlugField(max_length=80, verbose_name="adres (slug)"),
        ),
        migrations.AddConstraint(
            model_name="organisation",
            constraint=models.UniqueConstraint(
                fields=("site", "slug"), name="cooperation_organisation_site_slug"
            ),
        ),
        migrations.AddConstraint(
            model_name="partnership",
            constraint=models.UniqueConstraint(
                fields=("site", "slug"), name="cooperation_partnership_site_slug"
            ),
        ),
    ]
