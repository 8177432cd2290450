"""Keyed hashes and encryption for personal data (PESEL, supporters' names).

A keyed hash (HMAC-SHA256 with a server secret and a purpose) lets the
database enforce "one vote per person" with a unique constraint while a
stolen dump alone cannot be reversed by enumerating the 10^11 PESELs.
Encrypted fields use Fernet (AES-128-CBC + HMAC) for data that must be read
back by officials.
"""

import base64
import hashlib
import hmac
import json

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext

from .conf import conf


def keyed_hash(value, purpose):
    """Hex HMAC-SHA256 of ``value`` bound to ``purpose`` (e.g. "vote:2026")."""
    key = (conf.RATUSZ_HMAC_KEY or settings.SECRET_KEY).encode()
    message = f"{purpose}\x00{value}".encode()
    return hmac.new(key, message, hashlib.sha256).hexdigest()


def encryption_keys():
    """Fernet keys, newest first: RATUSZ_ENCRYPTION_KEYS (comma-separated, for a
    rotation), else RATUSZ_ENCRYPTION_KEY, else one derived from SECRET_KEY."""
    keys = [k for k in conf.RATUSZ_ENCRYPTION_KEYS if k]
    if not keys and conf.RATUSZ_ENCRYPTION_KEY:
        keys = [conf.RATUSZ_ENCRYPTION_KEY]
    if not keys:
        # Derive a stable key from SECRET_KEY so that dev and demo work;
        # production sets RATUSZ_ENCRYPTION_KEY (docs/security.md).
        digest = hashlib.sha256(("ratusz-fernet:" + settings.SECRET_KEY).encode()).digest()
        keys = [base64.urlsafe_b64encode(digest)]
    return keys


def _fernet():
    # Encrypts with the first key, decrypts with any: old rows stay readable
    # until ``manage.py ratusz_reencrypt`` has rewritten them.
    return MultiFernet([Fernet(key) for key in encryption_keys()])


def encrypt(text):
    if text in (None, ""):
        return text
    return _fernet().encrypt(str(text).encode()).decode()


def decrypt(token):
    if token in (None, ""):
        return token
    try:
        return _fernet().decrypt(token.encode()).decode()
    except InvalidToken:
        raise ValueError(gettext("Nie można odszyfrować danych (zły klucz?).")) from None


def encrypted_fields():
    """(model, field name) of every EncryptedTextField in the installed apps."""
    from django.apps import apps

    return [
        (model, field.name)
        for model in apps.get_models()
        for field in model._meta.concrete_fields
        if isinstance(field, EncryptedTextField)
    ]


class EncryptedTextField(models.TextField):
    """A text column stored as a Fernet token, read back as plain text."""

    def from_db_value(self, value, expression, connection):
        return decrypt(value)

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        return encrypt(value)


class EncryptedCharField(EncryptedTextField):
    """Encrypted, edited like a CharField: one line, ``max_length`` on the form
    (the column is text: a token is longer than the text it hides)."""

    form_class = None

    def __init__(self, *args, form_max_length=None, **kwargs):
        self.form_max_length = form_max_length
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        if self.form_max_length is not None:
            kwargs["form_max_length"] = self.form_max_length
        return name, path, args, kwargs

    def formfield(self, **kwargs):
        from django import forms

        defaults = {
            "form_class": self.form_class or forms.CharField,
            "max_length": self.form_max_length,
            "widget": forms.TextInput,
        }
        defaults.update(kwargs)
        return models.Field.formfield(self, **defaults)


class EncryptedEmailField(EncryptedCharField):
    def formfield(self, **kwargs):
        from django import forms

        return super().formfield(**{"form_class": forms.EmailField, **kwargs})


class EncryptedJSONField(EncryptedTextField):
    """JSON (e.g. a form's answers) stored as one Fernet token, read back as Python data."""

    def from_db_value(self, value, expression, connection):
        text = decrypt(value)
        return json.loads(text) if text else None

    def to_python(self, value):
        return value

    def get_prep_value(self, value):
        if value is None:
            return None
        return encrypt(json.dumps(value, cls=DjangoJSONEncoder, ensure_ascii=False))

    def value_to_string(self, obj):
        return json.dumps(self.value_from_object(obj), cls=DjangoJSONEncoder)


def email_hash(email):
    """The keyed hash that stands in for an encrypted e-mail in lookups."""
    return keyed_hash((email or "").strip().lower(), "email") if email else ""


def encrypt_plain_columns(model, names, connection):
    """Data migration: encrypt columns that still hold plain text (idempotent:
    a value that already decrypts is left alone). Raw SQL, because the
    field's own reading would try to decrypt the plain text."""
    table = connection.ops.quote_name(model._meta.db_table)
    pk = connection.ops.quote_name(model._meta.pk.column)
    columns = [connection.ops.quote_name(model._meta.get_field(n).column) for n in names]
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {pk}, {', '.join(columns)} FROM {table}")  # noqa: S608
        rows = cursor.fetchall()
        for key, *values in rows:
            changed = {}
            for column, value in zip(columns, values, strict=True):
                if value in (None, ""):
                    continue
                try:
                    decrypt(value)
                except ValueError:
                    changed[column] = encrypt(value)
            if changed:
                sets = ", ".join(f"{c} = %s" for c in changed)
                cursor.execute(
                    f"UPDATE {table} SET {sets} WHERE {pk} = %s",  # noqa: S608
                    [*changed.values(), key],
                )


# --- personal data the apps hold (RODO export and erasure) ----------------------

ERASED = "(usunięto na wniosek)"


def same_text(a, b):
    """Equal after trimming and ignoring case (e-mail addresses)."""
    return bool(a) and bool(b) and a.strip().lower() == b.strip().lower()


def in_identity_city(queryset, identity):
    """The records of the city a request is made to (``identity.site_id``, see
    ``ratusz.core.tenancy``), or of every city when it names none."""
    site_id = getattr(identity, "site_id", None)
    if site_id is None:
        return queryset
    from .tenancy import city_path

    return queryset.filter(**{city_path(queryset.model): site_id})


class PersonalData:
    """Where an app keeps a resident's data, and what erasing it means.

    An app lists instances in ``PERSONAL_DATA`` of its ``privacy.py`` (found
    by ``ratusz.core.discovery``); ``ratusz.accounts.rodo`` exports and erases
    through them. ``identity`` has ``email`` and ``pesel`` (either may be
    empty). Records that are public or kept by law are anonymised in
    ``erase``; pure personal records are deleted (the default).
    """

    label: str | Promise = ""  # what the data is, for the person (lazy: translated when shown)

    def rows(self, identity):
        return []

    def describe(self, obj):
        return {}

    def erase(self, obj):
        obj.delete()
