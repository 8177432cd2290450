"""Announcing a competition e-mails the subscribed organisations, after commit.

A competition dated in the future is a draft: the daily `ngo_announce` command
sends its e-mails on the day of announcement.
"""

from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver

from .models import Competition


@receiver(post_save, sender=Competition, dispatch_uid="ngo-notify-new-competition")
def competition_saved(sender, instance, raw=False, **kwargs):
    if raw or instance.notified_at is not None or not instance.is_public:
        return
    from .tasks import notify_new_competition

    transaction.on_commit(lambda: notify_new_competition.enqueue(instance.pk))
