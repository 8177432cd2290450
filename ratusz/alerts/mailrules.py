"""E-mail rules for alert subscriptions: RFC 8058 headers, who gets what, retries.

No Django here.
"""

from __future__ import annotations

from ratusz.core.marks import N_

from .profile import at_least

# A failing SMTP server delays delivery, never loses it: every delivery is a row,
# retried with growing pauses, then once a day for as long as it stays pending.
RETRY_DELAYS = (60, 300, 900, 3600, 4 * 3600, 12 * 3600, 24 * 3600)


def unsubscribe_headers(https_url: str, mailto: str = "") -> dict[str, str]:
    """List-Unsubscribe (RFC 2369) with one-click POST (RFC 8058)."""
    if not https_url.startswith(("https://", "http://")):
        raise ValueError(N_("Adres wypisania musi być adresem HTTP(S)."))
    links = [f"<{https_url}>"]
    if mailto:
        links.append(f"<mailto:{mailto}>")
    return {
        "List-Unsubscribe": ", ".join(links),
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }


def wants(kinds: list[str], min_severity: str, kind: str, severity: str) -> bool:
    """Does a subscriber who chose ``kinds`` (empty = all) and a minimum severity want it?"""
    return (not kinds or kind in kinds) and at_least(severity, min_severity)


def retry_delay(failed_attempts: int) -> int:
    """Seconds to wait after ``failed_attempts`` failures before trying again."""
    if failed_attempts < 1:
        return 0
    return RETRY_DELAYS[min(failed_attempts, len(RETRY_DELAYS)) - 1]
