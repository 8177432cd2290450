# Subscribers' e-mail addresses encrypted; a keyed hash keeps them unique and findable.

from django.db import migrations, models

import ratusz.core.privacy
from ratusz.core.privacy import decrypt, email_hash, encrypt


def encrypt_existing(apps, schema_editor):
    # Raw SQL: the field's own reading would try to decrypt the plain text.
    Subscription = apps.get_model("alerts", "Subscription")
    connection = schema_editor.connection
    table = connection.ops.quote_name(Subscription._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT id, email FROM {table}")  # noqa: S608
        for pk, value in cursor.fetchall():
            try:
                plain = decrypt(value)
            except ValueError:
                plain = value
            cursor.execute(
                f"UPDATE {table} SET email = %s, email_hash = %s WHERE id = %s",  # noqa: S608
                [encrypt(plain), email_hash(plain), pk],
            )


class Migration(migrations.Migration):
    dependencies = [
        ("alerts", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="subscription",
            name="email_hash",
            field=models.CharField(default="", editable=False, max_length=64),
            preserve_default=False,
        ),
        migrations.AlterField(
            model_name="subscription",
            name="email",
            field=ratusz.core.privacy.EncryptedEmailField(
                form_max_length=254, verbose_name="adres e-mail"
            ),
        ),
        migrations.RunPython(encrypt_existing, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="subscription",
            name="email_hash",
            field=models.CharField(editable=False, max_length=64, unique=True),
        ),
    ]
