"""Django's makemessages that also collects ``N_("…")``, the no-op marker of the plain
modules (``ratusz.core.marks``), as gettext_noop is collected. New strings are left
untranslated rather than guessed from similar ones (no fuzzy matching): a guess is
never shown (gettext skips fuzzy entries) and only hides what waits for a translator."""

from django.core.management.commands import makemessages


class Command(makemessages.Command):
    xgettext_options = [*makemessages.Command.xgettext_options, "--keyword=N_"]
    msgmerge_options = [*makemessages.Command.msgmerge_options, "--no-fuzzy-matching"]
