"""Formats of the office's electronic addresses (plain Python).

e-Doręczenia (ADE): ``AE:PL-NNNNN-NNNNN-LLLLL-CC``. The public check-digit
rule is unofficial and fails for real addresses, so it only ever warns.
ePUAP inbox (ESP): ``/<entity-id>/<box>``.
"""

import re

from ratusz.core.marks import N_

ADE_PATTERN = re.compile(r"^AE:PL-(\d{5})-(\d{5})-([A-Z]{5})-(\d{2})$")
EPUAP_PATTERN = re.compile(r"^/[A-Za-z0-9_.\-]+/[A-Za-z0-9_.\-]+$")


def validate_ade(address: str | None) -> None:
    """Raise ValueError unless ``address`` has the e-Doręczenia format."""
    if not ADE_PATTERN.match(address or ""):
        raise ValueError(
            N_(
                "Adres do doręczeń elektronicznych ma postać AE:PL-12345-67890-ABCDE-12 (dwie "
                "grupy po 5 cyfr, 5 wielkich liter i 2 cyfry)."
            )
        )


def ade_check_digits_plausible(address: str | None) -> bool:
    """The unofficial check-digit rule; True when it holds (warning only)."""
    match = ADE_PATTERN.match(address or "")
    if not match:
        return False
    first, second, letters, check = match.groups()
    number = abs(sum(map(ord, letters)) - int(first) - int(second))
    return sum(int(d) for d in str(number)) == int(check)


def validate_epuap(address: str | None) -> None:
    """Raise ValueError unless ``address`` has the ePUAP inbox format."""
    if not EPUAP_PATTERN.match(address or ""):
        raise ValueError(
            N_("Adres skrytki ePUAP ma postać /identyfikator/skrytka, np. /umiasto/SkrytkaESP.")
        )
