# Devices live in django-otp and roles in django.contrib.auth groups; failed
# logins are counted here, in the database, so that a Redis outage (or a
# cache flush) does not reopen guessing.
from django.db import models
from django.utils.translation import gettext_lazy as _


class LoginFailures(models.Model):
    """One lock-out counter (ratusz/accounts/lockout.py); the key is a hash."""

    key = models.CharField(max_length=64, unique=True)
    record = models.JSONField(default=dict)
    expires = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = _("liczniki nieudanych logowań")
        verbose_name_plural = _("liczniki nieudanych logowań")

    def __str__(self):
        return self.key
