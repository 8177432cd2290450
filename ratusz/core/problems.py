"""RFC 9457 problem details for every API error."""

import json

from django.http import HttpResponse

PROBLEM_CONTENT_TYPE = "application/problem+json"


class ProblemResponse(HttpResponse):
    def __init__(self, status, title, detail="", type_="about:blank", **extensions):
        body = {"type": type_, "title": title, "status": status}
        if detail:
            body["detail"] = detail
        body.update(extensions)
        super().__init__(
            json.dumps(body, ensure_ascii=False),
            status=status,
            content_type=PROBLEM_CONTENT_TYPE,
        )


def problem(status, title, detail="", **extensions):
    """Return an ``application/problem+json`` response."""
    return ProblemResponse(status, title, detail, **extensions)


def wants_problem_json(request):
    path = request.path
    return path.startswith(("/api/", "/ogcapi/")) or "json" in request.headers.get("Accept", "")
