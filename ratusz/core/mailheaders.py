"""E-mail subjects built from what people typed (plain Python).

Django refuses a header with a line break (BadHeaderError), so one project
titled "Plac\\r\\nzabaw" used to stop every e-mail about it. Every subject that
contains user text goes through ``subject``: all line and paragraph breaks
become spaces, runs of whitespace one space, and the length is bounded.
"""

import re

# \r \n, vertical tab, form feed, NEL, line and paragraph separators, and the
# file/group/record separators that str.splitlines() also breaks on.
_BREAKS = re.compile(r"[\r\n\v\f\x1c\x1d\x1e\x85\u2028\u2029]+")


def subject(text: str, limit: int = 150) -> str:
    return " ".join(_BREAKS.sub(" ", str(text)).split())[:limit]
