"""``/healthz`` for load balancers and monitoring (docs/operations.md).

Answered by the first middleware, before host validation, the HTTPS redirect,
the page cache and the rate limits: a load balancer asks the app server by
its address over plain HTTP every few seconds, and each answer must be fresh.

HTTP status is for the load balancer: 503 only when this server cannot serve
pages (the database does not answer). A missing Redis or a late task queue
make the portal slower or e-mails later but every server alike, so taking
servers out of the pool would not help: they give 200 with ``"status":
"degraded"``, which monitoring should alert on.
"""

import json
import time

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, connection
from django.http import HttpResponse

from .conf import conf

PATH = "/healthz"
CACHE_KEY = "healthz:probe"


def _timed(probe):
    started = time.monotonic()
    result = probe()
    result["ms"] = round((time.monotonic() - started) * 1000, 1)
    return result


def _database():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as error:
        return {"status": "error", "error": error.__class__.__name__}
    return {"status": "ok"}


def _cache():
    token = f"{time.time():.6f}"
    cache.set(CACHE_KEY, token, 30)
    if cache.get(CACHE_KEY) != token:
        return {"status": "degraded", "error": "cache unreachable: pages served uncached"}
    return {"status": "ok"}


def _tasks():
    backend = settings.TASKS.get("default", {}).get("BACKEND", "")
    if not backend.startswith("django_tasks_db."):
        return {"status": "ok", "queue": "none (tasks run at once)"}
    from django.db.models import Count, Min
    from django.utils import timezone
    from django_tasks_db.models import DBTaskResult, get_date_max

    try:
        ready = DBTaskResult.objects.ready()
        now_queued = ready.filter(run_after=get_date_max()).aggregate(
            n=Count("id"), oldest=Min("enqueued_at")
        )
        delayed = ready.exclude(run_after=get_date_max()).aggregate(
            n=Count("id"), oldest=Min("run_after")
        )
    except DatabaseError as error:
        return {"status": "error", "error": error.__class__.__name__}
    since = [t for t in (now_queued["oldest"], delayed["oldest"]) if t is not None]
    age = (timezone.now() - min(since)).total_seconds() if since else 0.0
    late = conf.RATUSZ_HEALTH_TASK_LATE_SECONDS
    return {
        "status": "degraded" if age > late else "ok",
        "waiting": now_queued["n"] + delayed["n"],
        "oldest_waiting_seconds": round(max(age, 0.0), 1),
        "late_after_seconds": late,
    }


def report():
    checks = {"database": _timed(_database)}
    if checks["database"]["status"] == "ok":
        checks["tasks"] = _timed(_tasks)
    checks["cache"] = _timed(_cache)
    states = {check["status"] for check in checks.values()}
    if checks["database"]["status"] == "error":
        status = "error"
    elif states == {"ok"}:
        status = "ok"
    else:
        status = "degraded"
    return status, checks


def healthz():
    status, checks = report()
    response = HttpResponse(
        json.dumps({"status": status, "checks": checks}),
        content_type="application/json",
        status=503 if status == "error" else 200,
    )
    response["Cache-Control"] = "no-store"
    if status == "error":
        response["Retry-After"] = "10"
    return response


class HealthCheckMiddleware:
    """First in MIDDLEWARE: GET/HEAD /healthz never reaches the rest."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info.rstrip("/") == PATH and request.method in ("GET", "HEAD"):
            return healthz()
        return self.get_response(request)
