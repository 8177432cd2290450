"""Brand colours a city sets, checked for WCAG 2.1 contrast. Plain Python.

The shell draws headings and links in the primary colours on white and on the
light grey of cards, and white text on them (buttons): each pair must reach the
4.5:1 that WCAG AA asks of normal text.
"""

import re

from .marks import N_

HEX = re.compile(r"^#[0-9a-fA-F]{6}$")
AA_TEXT = 4.5
WHITE = "#ffffff"
# the backgrounds the shell puts under the brand colours (site.css: --c-bg, --c-bg-alt)
BACKGROUNDS = (WHITE, "#f3f6f9")


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4


def luminance(colour: str) -> float:
    """Relative luminance of "#rrggbb" (WCAG 2.1)."""
    if not HEX.match(colour):
        raise ValueError(colour)
    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * _channel(r) + 0.7152 * _channel(g) + 0.0722 * _channel(b)


def contrast(first: str, second: str) -> float:
    """Contrast ratio of two colours, from 1 to 21."""
    high, low = sorted((luminance(first), luminance(second)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def check_brand(colour: str) -> str | None:
    """None when ``colour`` may carry text on the shell's backgrounds; else why not (Polish)."""
    if not HEX.match(colour or ""):
        return N_("Kolor podaj w postaci #rrggbb, np. #0b4f8a.")
    worst = min(contrast(colour, bg) for bg in BACKGROUNDS)
    if worst < AA_TEXT:
        return N_(
            "Kontrast z jasnym tłem wynosi %(ratio).2f:1, a WCAG 2.1 AA wymaga co najmniej "
            "%(required)s:1. Wybierz ciemniejszy kolor."
        ) % {"ratio": worst, "required": AA_TEXT}
    return None
