"""Geometry of the results bar chart (an SVG drawn by the template, same data as the table).

Every number is formatted here, with a dot and no grouping: the template must not pass
floats through Django's localisation (``width="520,0"`` draws no bar at all).
"""

from typing import Any

ROW = 30
BAR = 220
CHAR = 8  # width of one label character at the chart's 13 px font, generously
GAP = 8


def _n(value: float) -> str:
    return f"{value:.1f}".removesuffix(".0")


def bars(pool: dict[str, Any]) -> dict[str, Any]:
    key = "points" if pool["uses_points"] else "votes"
    rows = pool["projects"]
    top = max((r[key] for r in rows), default=0) or 1
    labels = [
        ("✓ " if r["funded"] or r["reserve"] else "") + (r["number"] or str(r["id"])) for r in rows
    ]
    # The label column fits the longest label, so bars and counts never cover it.
    label_w = max((len(t) for t in labels), default=4) * CHAR + GAP
    value_w = len(str(top)) * CHAR + GAP
    items = []
    for i, (r, label) in enumerate(zip(rows, labels, strict=True)):
        width = BAR * r[key] / top
        items.append(
            {
                "y": str(i * ROW + 4),
                "text_y": str(i * ROW + 21),
                "width": _n(width),
                "value_x": _n(label_w + width + GAP / 2),
                "label": label,
                "value": r[key],
                "funded": r["funded"] or r["reserve"],
            }
        )
    return {
        "items": items,
        "height": str(len(rows) * ROW + 8),
        "width": str(label_w + BAR + value_w),
        "bar_x": str(label_w),
        "key": key,
    }
