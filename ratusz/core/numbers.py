"""Numbers as a Polish reader expects them (plain Python, no Django).

``600 000,00 zł``, ``80 %``, ``1 541``: a comma before the decimals and a
non-breaking space between thousands and before the unit, so an amount never
breaks across lines. Only for text shown to a person: numbers written into SVG,
CSS, JSON, data attributes or URLs stay plain (``str(value)``).
"""

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

NBSP = "\u00a0"


def _decimal(value) -> Decimal | None:
    if value is None or value == "" or isinstance(value, bool):
        return None
    try:
        number = Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        return None
    return number if number.is_finite() else None


def format_number(value, decimals: int = 0) -> str:
    """1234567.891, 2 -> "1 234 567,89"; "" for nothing or not a number."""
    number = _decimal(value)
    if number is None:
        return ""
    decimals = max(0, min(int(decimals), 6))
    quantum = Decimal(1).scaleb(-decimals)
    text = f"{number.quantize(quantum, rounding=ROUND_HALF_UP):f}"
    sign = "-" if text.startswith("-") else ""
    whole, _, fraction = text.lstrip("-").partition(".")
    groups = []
    while whole:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    body = NBSP.join(groups) or "0"
    if sign and set(body + fraction) <= {"0", NBSP}:
        sign = ""  # -0,00 reads as an error
    return f"{sign}{body}" + (f",{fraction}" if fraction else "")


def format_money(value, currency: str = "zł", decimals: int = 2) -> str:
    """600000 -> "600 000,00 zł"."""
    text = format_number(value, decimals)
    return f"{text}{NBSP}{currency}" if text else ""


def format_percent(share, decimals: int | None = None) -> str:
    """A share of one as a percentage: 0.8 -> "80 %", 0.125 -> "12,5 %".

    Without ``decimals`` it shows as many (up to two) as the value needs.
    """
    number = _decimal(share)
    if number is None:
        return ""
    percent = number * 100
    if decimals is None:
        decimals = next(
            (d for d in range(3) if percent == percent.quantize(Decimal(1).scaleb(-d))), 2
        )
    return f"{format_number(percent, decimals)}{NBSP}%"


def phone_uri(text) -> str:
    """A Polish phone number as written ("32 317 13 00", "+48 32 317 13 00 wew. 12")
    as a ``tel:`` URI ("tel:+48323171300"); "" when it is no phone number."""
    if not text:
        return ""
    number = str(text)[:60].split("wew")[0].split(",")[0]
    digits = "".join(ch for ch in number if ch.isdigit())
    if number.strip().startswith("+"):
        return f"tel:+{digits}" if 8 <= len(digits) <= 15 else ""
    if digits.startswith("00") and 10 <= len(digits) <= 17:
        return f"tel:+{digits[2:]}"
    if len(digits) == 9:
        return f"tel:+48{digits}"
    return f"tel:{digits}" if 3 <= len(digits) <= 6 else ""  # 112, 986: short numbers
