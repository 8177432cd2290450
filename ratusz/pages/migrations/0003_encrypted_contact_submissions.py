# Contact-form submissions move from Wagtail's FormSubmission (plain JSON) to an
# encrypted model of their own; the plain rows of contact pages are copied, then deleted.

import django.db.models.deletion
import ratusz.core.privacy
from django.db import migrations, models


def move_and_encrypt(apps, schema_editor):
    FormSubmission = apps.get_model("wagtailforms", "FormSubmission")
    ContactFormSubmission = apps.get_model("pages", "ContactFormSubmission")
    ContactPage = apps.get_model("pages", "ContactPage")
    pages = list(ContactPage.objects.values_list("pk", flat=True))
    plain = FormSubmission.objects.filter(page_id__in=pages).order_by("pk")
    for old in plain.iterator():
        new = ContactFormSubmission.objects.create(page_id=old.page_id, form_data=old.form_data)
        # auto_now_add set "now" on create; keep the real time of sending
        ContactFormSubmission.objects.filter(pk=new.pk).update(submit_time=old.submit_time)
    plain.delete()


def move_back(apps, schema_editor):
    FormSubmission = apps.get_model("wagtailforms", "FormSubmission")
    ContactFormSubmission = apps.get_model("pages", "ContactFormSubmission")
    for row in ContactFormSubmission.objects.order_by("pk").iterator():
        old = FormSubmission.objects.create(page_id=row.page_id, form_data=row.form_data)
        FormSubmission.objects.filter(pk=old.pk).update(submit_time=row.submit_time)


class Migration(migrations.Migration):

    dependencies = [
        ('pages', '0002_office_unit_block'),
        ('wagtailcore', '0097_baselogentry_uuid_action_timestamp_indexes'),
        ('wagtailforms', '0005_alter_formsubmission_form_data'),
    ]

    operations = [
        migrations.CreateModel(
            name='ContactFormSubmission',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('form_data', ratusz.core.privacy.EncryptedJSONField(verbose_name='odpowiedzi')),
                ('submit_time', models.DateTimeField(auto_now_add=True, verbose_name='wysłano')),
                ('page', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, to='wagtailcore.page')),
            ],
            options={
                'verbose_name': 'zgłoszenie z formularza',
                'verbose_name_plural': 'zgłoszenia z formularzy',
            },
        ),
        migrations.RunPython(move_and_encrypt, move_back),
    ]
