"""Demo accounts: a printed key and recovery codes, the same on a second run."""

from io import StringIO

from django_otp.plugins.otp_totp.models import TOTPDevice

from ratusz.accounts import twofactor
from ratusz.demo import accounts


def test_demo_accounts_get_a_printed_key_and_codes(db):
    out = StringIO()
    accounts.load(out)
    text = out.getvalue()
    assert "klucz TOTP:" in text and "kody zapasowe:" in text
    admin = TOTPDevice.objects.get(user__username="admin", confirmed=True)
    assert twofactor.secret_of(admin) in text
    # A second run keeps the same key (idempotent).
    again = StringIO()
    accounts.load(again)
    assert TOTPDevice.objects.filter(user__username="admin").count() == 1
    assert twofactor.secret_of(admin) in again.getvalue()
