"""gunicorn's settings for ``bin/serve`` (README, "Running it for real"; ADR 0037), from the environment.

CLEARSIGHT_BIND          the address and port to listen on (0.0.0.0:8000, or 0.0.0.0:$PORT).
CLEARSIGHT_WEB_WORKERS   web processes (twice the processor count plus one, at most 9).
CLEARSIGHT_WEB_TIMEOUT   seconds a request may take before its process is restarted (60: PDFs take a while).
FORWARDED_ALLOW_IPS      (gunicorn's own) addresses of proxies whose X-Forwarded-* headers are believed.

gunicorn's access log is off: Django writes one line a request itself, with its request id
(core/request_id.py). gunicorn's own messages are JSON like the rest unless CLEARSIGHT_LOG_FORMAT=plain.
This file is read by gunicorn before Django is loaded, so it imports nothing of Clearsight's.
"""

import os

bind = [os.environ.get("CLEARSIGHT_BIND") or f"0.0.0.0:{os.environ.get('PORT') or 8000}"]
workers = int(os.environ.get("CLEARSIGHT_WEB_WORKERS") or min(2 * (os.cpu_count() or 1) + 1, 9))
timeout = int(os.environ.get("CLEARSIGHT_WEB_TIMEOUT") or 60)
graceful_timeout = 30
accesslog = None
errorlog = "-"
proc_name = "clearsight"

if (os.environ.get("CLEARSIGHT_LOG_FORMAT") or "json") == "json":
    logconfig_dict = {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {
            "json": {
                "()": "pythonjsonlogger.json.JsonFormatter",
                "format": "%(levelname)s %(name)s %(message)s",
                "rename_fields": {"levelname": "level", "name": "logger"},
                "timestamp": "time",
            },
        },
        "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "json", "stream": "ext://sys.stderr"}},
        "loggers": {"gunicorn.error": {"handlers": ["console"], "level": "INFO", "propagate": False}},
    }
