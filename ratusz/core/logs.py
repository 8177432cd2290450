"""Logs an operator can search, and error reports without personal data.

- ``RequestLogApp`` wraps the WSGI application (ratusz/wsgi.py), outside the
  page cache, so every request — a cache hit too — gives one line with its
  request id, method, path (never the query string: it may hold what a
  resident typed), status, duration and the cache verdict. The id comes from
  ``X-Request-ID`` (nginx's ``$request_id``) when it looks like one, or is
  made here, and goes back in the response's ``X-Request-ID``.
- Tasks of the queue give one line each when they finish (``task_finished``)
  and carry ``task-<id>`` as their request id meanwhile.
- ``JsonFormatter`` writes every record as one JSON object per line, with the
  request id of the request or task that logged it and the traceback of any
  exception (``LOG_FORMAT=json``, the production default).
- ``init_sentry`` turns on sentry-sdk when SENTRY_DSN is set, without default
  personal data and with ``scrub`` removing PESEL-like numbers, e-mail
  addresses, cookies and credentials from every event.
"""

import contextvars
import json
import logging
import re
import time
import traceback
import uuid
from datetime import UTC, datetime

request_id = contextvars.ContextVar("ratusz_request_id", default="")
access_log = logging.getLogger("ratusz.request")
task_log = logging.getLogger("ratusz.task")

_VALID_ID = re.compile(r"^[A-Za-z0-9._:-]{1,64}$")
# Attributes every LogRecord has; anything else came in ``extra=`` and is logged.
_RECORD_FIELDS = set(vars(logging.LogRecord("", 0, "", 0, "", (), None))) | {
    "message",
    "asctime",
    "taskName",
}


def install_record_factory():
    """Stamp the current request id on every record when it is made, so a
    handler that formats later (a queue, a test's capture) still has it."""
    previous = logging.getLogRecordFactory()
    if getattr(previous, "ratusz_request_id", False):
        return

    def factory(*args, **kwargs):
        record = previous(*args, **kwargs)
        current = request_id.get()
        if current and not hasattr(record, "request_id"):
            record.request_id = current
        return record

    factory.ratusz_request_id = True
    logging.setLogRecordFactory(factory)


class JsonFormatter(logging.Formatter):
    def format(self, record):
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        current = getattr(record, "request_id", "") or request_id.get()
        if current:
            entry["request_id"] = current
        for key, value in vars(record).items():
            if key not in _RECORD_FIELDS and not key.startswith("_") and key != "request":
                entry[key] = value if isinstance(value, (str, int, float, bool)) else str(value)
        if record.exc_info:
            entry["traceback"] = "".join(traceback.format_exception(*record.exc_info))
        elif record.stack_info:
            entry["traceback"] = record.stack_info
        return json.dumps(entry, ensure_ascii=False)


def _incoming_id(environ):
    value = environ.get("HTTP_X_REQUEST_ID", "")
    return value if _VALID_ID.match(value) else uuid.uuid4().hex


class RequestLogApp:
    """Outermost WSGI layer: request id in and out, one line per request."""

    QUIET_PATHS = ("/healthz",)  # a load balancer asks every second: only failures

    def __init__(self, application):
        self.application = application

    def __call__(self, environ, start_response):
        rid = _incoming_id(environ)
        token = request_id.set(rid)
        environ["HTTP_X_REQUEST_ID"] = rid
        started = time.monotonic()
        answer = {"status": 500, "cache": ""}

        def start(status, headers, exc_info=None):
            answer["status"] = int(status.split(" ", 1)[0])
            for name, value in headers:
                if name == "X-Ratusz-Cache":
                    answer["cache"] = value
            headers = [(k, v) for k, v in headers if k.lower() != "x-request-id"]
            headers.append(("X-Request-ID", rid))
            return start_response(status, headers, exc_info)

        try:
            body = self.application(environ, start)
        except Exception:
            access_log.exception("Nieobsłużony wyjątek", extra=self._fields(environ, answer))
            request_id.reset(token)
            raise
        return _Closing(body, lambda: self._done(environ, answer, started, token))

    @staticmethod
    def _fields(environ, answer):
        return {
            "method": environ.get("REQUEST_METHOD", ""),
            "path": (environ.get("SCRIPT_NAME", "") + environ.get("PATH_INFO", ""))[:500],
            "status": answer["status"],
        }

    def _done(self, environ, answer, started, token):
        fields = self._fields(environ, answer)
        fields["duration_ms"] = round((time.monotonic() - started) * 1000, 1)
        if answer["cache"]:
            fields["cache"] = answer["cache"]
        quiet = fields["path"].startswith(self.QUIET_PATHS) and answer["status"] < 500
        if not quiet:
            level = logging.ERROR if answer["status"] >= 500 else logging.INFO
            access_log.log(
                level, "%s %s %s", fields["method"], fields["path"], fields["status"], extra=fields
            )
        try:
            request_id.reset(token)
        except ValueError:  # closed in another context (a streaming server's thread)
            request_id.set("")


class _Closing:
    """The body, iterated as given; the line is logged when the server closes it
    (after the last byte), so the duration includes sending the body."""

    def __init__(self, body, on_close):
        self.body = body
        self.on_close = on_close

    def __iter__(self):
        return iter(self.body)

    def close(self):
        try:
            close = getattr(self.body, "close", None)
            if close is not None:
                close()
        finally:
            self.on_close()


# Tasks --------------------------------------------------------------------

_task_tokens = {}


def _task_started(sender, task_result, **kwargs):
    _task_tokens[task_result.id] = request_id.set(f"task-{task_result.id}")


def _task_finished(sender, task_result, **kwargs):
    started, finished = task_result.started_at, task_result.finished_at
    fields = {
        "task": task_result.task.module_path,
        "task_id": str(task_result.id),
        "status": str(getattr(task_result.status, "value", task_result.status)),
    }
    if started and finished:
        fields["duration_ms"] = round((finished - started).total_seconds() * 1000, 1)
    if started and task_result.enqueued_at:
        fields["waited_ms"] = round((started - task_result.enqueued_at).total_seconds() * 1000, 1)
    level = logging.ERROR if fields["status"] == "FAILED" else logging.INFO
    task_log.log(level, "task %s %s", fields["task"], fields["status"], extra=fields)
    token = _task_tokens.pop(task_result.id, None)
    if token is not None:
        try:
            request_id.reset(token)
        except ValueError:
            request_id.set("")


def connect_task_signals():
    from django_tasks.signals import task_finished, task_started

    install_record_factory()
    task_started.connect(_task_started, dispatch_uid="ratusz-logs-task-started")
    task_finished.connect(_task_finished, dispatch_uid="ratusz-logs-task-finished")


# Error reports ------------------------------------------------------------

FILTERED = "[usunięto]"
_PESEL_LIKE = re.compile(r"(?<!\d)\d{11}(?!\d)")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_SECRET_NAMES = re.compile(
    r"cookie|authorization|x-csrftoken|csrf|session|password|passwd|secret|token|api[-_]?key"
    r"|pesel|ratusz_auth",
    re.IGNORECASE,
)


def _scrub(value, depth=0):
    if depth > 20:
        return FILTERED
    if isinstance(value, str):
        return _EMAIL.sub(FILTERED, _PESEL_LIKE.sub(FILTERED, value))
    if isinstance(value, dict):
        return {
            key: FILTERED
            if isinstance(key, str) and _SECRET_NAMES.search(key)
            else _scrub(item, depth + 1)
            for key, item in value.items()
        }
    if isinstance(value, (list, tuple)):
        # headers come as [name, value] pairs
        if len(value) == 2 and isinstance(value[0], str) and _SECRET_NAMES.search(value[0]):
            return [value[0], FILTERED]
        return [_scrub(item, depth + 1) for item in value]
    return value


def scrub(event, hint=None):
    """sentry-sdk ``before_send``: the event without personal data or secrets."""
    event = _scrub(event)
    request = event.get("request")
    if isinstance(request, dict):
        request.pop("cookies", None)
        request.pop("data", None)  # form bodies: names, addresses, PESEL
        if request.get("query_string"):
            request["query_string"] = FILTERED
    event.pop("user", None)
    return event


def init_sentry(dsn, environment="", release="", traces_sample_rate=0.0):
    if not dsn:
        return False
    import sentry_sdk
    from sentry_sdk.integrations.django import DjangoIntegration

    sentry_sdk.init(
        dsn=dsn,
        integrations=[DjangoIntegration()],
        send_default_pii=False,
        before_send=scrub,
        before_send_transaction=scrub,
        traces_sample_rate=traces_sample_rate,
        environment=environment or None,
        release=release or None,
        max_request_body_size="never",
    )
    return True
