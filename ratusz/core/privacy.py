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

from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings
from django.db import models


def keyed_hash(value, purpose):
    """Hex HMAC-SHA256 of ``value`` bound to ``purpose`` (e.g. "vote:2026")."""
    key = settings.RATUSZ_HMAC_KEY.encode()
    message = f"{purpose}\x00{value}".encode()
    return hmac.new(key, message, hashlib.sha256).hexdigest()


def _fernet():
    key = settings.RATUSZ_ENCRYPTION_KEY
    if not key:
        # Derive a stable key from SECRET_KEY so that dev and demo work;
        # production sets RATUSZ_ENCRYPTION_KEY (docs/security.md).
        digest = hashlib.sha256(("ratusz-fernet:" + settings.SECRET_KEY).encode()).digest()
        key = base64.urlsafe_b64encode(digest)
    return Fernet(key)


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
        raise ValueError("Nie można odszyfrować danych (zły klucz?).") from None


class EncryptedTextField(models.TextField):
    """A text column stored as a Fernet token, read back as plain text."""

    def from_db_value(self, value, expression, connection):
        return decrypt(value)

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        return encrypt(value)


# --- personal data the apps hold (RODO export and erasure) ----------------------

ERASED = "(usunięto na wniosek)"


def same_text(a, b):
    """Equal after trimming and ignoring case (e-mail addresses)."""
    return bool(a) and bool(b) and a.strip().lower() == b.strip().lower()


class PersonalData:
    """Where an app keeps a resident's data, and what erasing it means.

    An app lists instances in ``PERSONAL_DATA`` of its ``privacy.py`` (found
    by ``ratusz.core.discovery``); ``ratusz.accounts.rodo`` exports and erases
    through them. ``identity`` has ``email`` and ``pesel`` (either may be
    empty). Records that are public or kept by law are anonymised in
    ``erase``; pure personal records are deleted (the default).
    """

    label = ""

    def rows(self, identity):
        return []

    def describe(self, obj):
        return {}

    def erase(self, obj):
        obj.delete()
