"""Django's makemessages that also collects ``N_("…")``, the no-op marker of the plain
modules (``ratusz.core.marks``), as gettext_noop is collected."""

from django.core.management.commands import makemessages


class Command(makemessages.Command):
    xgettext_options = [*makemessages.Command.xgettext_options, "--keyword=N_"]
