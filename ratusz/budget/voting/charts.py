"""Geometry of the results bar chart (an SVG drawn by the template, same data as the table)."""

ROW = 30
LABEL = 110
BAR = 520
WIDTH = LABEL + BAR + 90


def bars(pool: dict) -> dict:
    key = "points" if pool["uses_points"] else "votes"
    rows = pool["projects"]
    top = max((r[key] for r in rows), default=0) or 1
    items = []
    for i, r in enumerate(rows):
        width = round(BAR * r[key] / top, 1)
        items.append(
            {
                "y": i * ROW + 4,
                "text_y": i * ROW + 21,
                "width": width,
                "value_x": LABEL + width + 6,
                "label": r["number"] or str(r["id"]),
                "value": r[key],
                "funded": r["funded"] or r["reserve"],
            }
        )
    return {
        "items": items,
        "height": len(rows) * ROW + 8,
        "width": WIDTH,
        "bar_x": LABEL,
        "key": key,
    }
