"""A request id for every request (from the proxy's X-Request-ID or new), and one access log line
with its duration and the CPU time its thread spent (also as a Server-Timing header when
SERVER_TIMING is on: the load test reads it to print the server's CPU per kind of request)."""

from __future__ import annotations

import logging
import re
import time
import uuid
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse

from chiso.lib.logs import request_id

access = logging.getLogger("chiso.access")
_SANE = re.compile(r"^[A-Za-z0-9._-]{8,64}$")


class RequestIdMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        given = request.headers.get("X-Request-ID", "")
        rid = given if _SANE.match(given) else uuid.uuid4().hex
        token = request_id.set(rid)
        request.request_id = rid  # type: ignore[attr-defined]
        started, cpu = time.perf_counter(), time.thread_time()
        try:
            response = self.get_response(request)
            response["X-Request-ID"] = rid
            cpu_ms = round((time.thread_time() - cpu) * 1000, 2)
            if settings.SERVER_TIMING:
                response["Server-Timing"] = f"cpu;dur={cpu_ms}"
            if access.isEnabledFor(logging.INFO):
                user = getattr(request, "user", None)
                access.info(
                    "%s %s %s",
                    request.method,
                    request.path,
                    response.status_code,
                    extra={
                        "method": request.method,
                        "path": request.path,
                        "status": response.status_code,
                        "duration_ms": round((time.perf_counter() - started) * 1000, 1),
                        "cpu_ms": cpu_ms,
                        "user_id": user.pk if user is not None and user.is_authenticated else None,
                    },
                )
            return response
        finally:
            request_id.reset(token)
