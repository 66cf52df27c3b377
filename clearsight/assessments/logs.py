"""Keep supplier link tokens out of the logs. Django's request and development-server loggers
write request paths (for example "Not Found: /supplier-assessment/<token>/"); this filter
replaces the token with "[link]" before a record is written."""

import logging
import re

TOKEN_IN_PATH = re.compile(r"(/supplier-assessment/)[^/\s\"?]+")


def redact(text: str) -> str:
    return TOKEN_IN_PATH.sub(r"\1[link]", text)


class RedactLinkTokens(logging.Filter):
    def filter(self, record):
        try:
            message = record.getMessage()
        except Exception:  # noqa: BLE001 - a malformed record is left to the handler
            return True
        if "/supplier-assessment/" in message:
            record.msg, record.args = redact(message), ()
        return True


LOGGERS = ("django.request", "django.server", "django.security.csrf", "django.security")


def install():
    for name in LOGGERS:
        logger = logging.getLogger(name)
        if not any(isinstance(f, RedactLinkTokens) for f in logger.filters):
            logger.addFilter(RedactLinkTokens())
