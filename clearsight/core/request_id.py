"""The request id: one id for each request, that ties its log lines, its audit events and the load
balancer's own logs together (README, "Running it for real"; ADR 0037).

A load balancer or proxy that sends ``X-Request-ID`` has its id kept when the id is well formed
(8 to 36 letters, digits, dots, dashes, underscores or colons, as nginx's ``$request_id`` or a UUID);
anything else, or none, gets a new random UUID. The id goes back in the response's ``X-Request-ID``
header, onto ``request.request_id`` (which ``core.audit`` writes into each audit event, where the hash
chain covers it), and into every log line written while the request is handled (``RequestIdLogFilter``).

This module is read when logging is configured, before Django's apps are loaded, so it imports no models.
"""

import logging
import re
import time
import uuid
from contextvars import ContextVar

HEADER = "X-Request-ID"
WELL_FORMED = re.compile(r"[A-Za-z0-9._:-]{8,36}")
NO_REQUEST = "-"

_current: ContextVar[str] = ContextVar("clearsight_request_id", default=NO_REQUEST)

logger = logging.getLogger("clearsight.request")


def choose_request_id(offered: str | None) -> str:
    """The id for a request: the one offered by the load balancer if well formed, else a new one."""
    if offered and WELL_FORMED.fullmatch(offered):
        return offered
    return str(uuid.uuid4())


def current() -> str:
    """The id of the request being handled in this thread or task, or "-" outside a request."""
    return _current.get()


class RequestIdLogFilter(logging.Filter):
    """Adds ``request_id`` to every log record (configured on the handlers in settings.LOGGING)."""

    def filter(self, record):
        if not hasattr(record, "request_id"):
            record.request_id = _current.get()
        return True


# Paths asked for so often that one line each would drown the rest: logged at DEBUG only.
_QUIET_PREFIXES = ("/healthz", "/readyz", "/static/")


class RequestIdMiddleware:
    """First in the middleware stack: gives the request its id, answers with it, and writes one log
    line for the request (method, page name, status, time taken; no query string, no form values,
    no user)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request_id = choose_request_id(request.META.get("HTTP_X_REQUEST_ID"))
        request.request_id = request_id
        token = _current.set(request_id)
        started = time.perf_counter()
        try:
            response = self.get_response(request)
            response[HEADER] = request_id
            self._log(request, response.status_code, started)
            return response
        finally:
            _current.reset(token)

    def _log(self, request, status, started):
        quiet = request.path.startswith(_QUIET_PREFIXES)
        level = logging.DEBUG if quiet and status < 500 else logging.INFO
        if not logger.isEnabledFor(level):
            return
        match = getattr(request, "resolver_match", None)
        logger.log(
            level,
            "%s %s %s",
            request.method,
            match.view_name if match else "-",
            status,
            extra={
                "method": request.method,
                "view": match.view_name if match else None,
                # Paths hold only public ids (never names or anything typed); unknown paths are not written.
                "path": request.path if match or quiet else None,
                "status": status,
                "duration_ms": round((time.perf_counter() - started) * 1000, 1),
            },
        )
