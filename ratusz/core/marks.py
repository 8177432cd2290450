"""Marks Polish source strings for translation in modules that import no Django.

``N_("…")`` returns its argument unchanged; ``makemessages --keyword=N_`` (see
``make messages``) collects it into the catalogues, and the Django side that shows
the text translates it (``gettext(message)``). Values go in as ``%(name)s``
placeholders after the call, never into the marked text itself.
"""


def N_(message: str) -> str:  # noqa: N802 - the conventional name of a no-op marker
    return message
