"""A local HTTP server that speaks GOV.UK Notify's API contract for email, for tests (ADR 0034).

It is a real HTTP counterpart, not a mock of the client: notifications-python-client talks to it over a
socket exactly as it talks to Notify. Like Notify it
- wants ``Authorization: Bearer <JWT>`` signed (HS256) with the API key's secret, whose ``iss`` is the
  service id and whose ``iat`` is within 30 seconds of now (checked with the same rules Notify uses),
  answering 401/403 ``AuthError`` otherwise;
- takes ``POST /v2/notifications/email`` with ``email_address``, ``template_id``, ``personalisation``
  and ``reference``, checks the template exists and every placeholder is given, and answers 201 with
  Notify's response (id, reference, content, uri, template, scheduled_for);
- answers ``GET /v2/notifications?reference=...`` with the notifications sent with that reference;
- answers errors as ``{"status_code": n, "errors": [{"error": ..., "message": ...}]}``.
``fail_next(status, times)`` makes the next requests to send fail with that status.
"""

import json
import re
import threading
import uuid
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

from notifications_python_client.authentication import decode_jwt_token, get_token_issuer
from notifications_python_client.errors import TokenError

SERVICE_ID = "1f2e3d4c-5b6a-4978-8a9b-0c1d2e3f4a5b"
SECRET = "9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d"
API_KEY = f"clearsight_test-{SERVICE_ID}-{SECRET}"
TEMPLATE_ID = "6b1c2d3e-4f50-4a61-8b72-93a4b5c6d7e8"
TEMPLATE = {"subject": "((subject))", "body": "((body))"}

ERRORS = {
    400: "BadRequestError",
    401: "AuthError",
    403: "AuthError",
    404: "NotFound",
    429: "RateLimitError",
    500: "Exception",
    503: "Exception",
}


class NotifyServer:
    """The server and what it has received. ``sent`` holds each email Notify accepted, as Notify would
    send it (address, template, personalisation, reference, and the subject and body filled in)."""

    def __init__(self):
        self.sent = []
        self.requests = []  # (method, path, status) of every request
        self._failures = []
        self._lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_POST(self):
                server._handle(self, "POST")

            def do_GET(self):
                server._handle(self, "GET")

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self._thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def start(self):
        self._thread.start()
        return self

    def stop(self):
        self.httpd.shutdown()
        self.httpd.server_close()

    def fail_next(self, status: int, times: int = 1):
        with self._lock:
            self._failures += [status] * times

    # ------------------------------------------------------------ the API

    def _handle(self, handler, method):
        url = urlparse(handler.path)
        status, body = self._respond(handler, method, url)
        with self._lock:
            self.requests.append((method, url.path, status))
        payload = json.dumps(body).encode()
        handler.send_response(status)
        handler.send_header("Content-Type", "application/json")
        handler.send_header("Content-Length", str(len(payload)))
        handler.end_headers()
        handler.wfile.write(payload)

    def _respond(self, handler, method, url):
        problem = self._authorise(handler.headers.get("Authorization", ""))
        if problem:
            return problem
        if method == "POST" and url.path == "/v2/notifications/email":
            length = int(handler.headers.get("Content-Length") or 0)
            try:
                data = json.loads(handler.rfile.read(length) or b"{}")
            except ValueError:
                return error(400, "Invalid JSON supplied in POST data")
            with self._lock:
                failure = self._failures.pop(0) if self._failures else None
            if failure:
                return error(failure, "Internal server error" if failure >= 500 else "Request refused by the test")
            return self._send_email(data)
        if method == "GET" and url.path == "/v2/notifications":
            reference = parse_qs(url.query).get("reference", [None])[0]
            with self._lock:
                found = [n["response"] for n in reversed(self.sent) if reference is None or n["reference"] == reference]
            return 200, {"notifications": found, "links": {"current": f"{self.url}/v2/notifications"}}
        return error(404, "Not found")

    def _authorise(self, header):
        if not header.startswith("Bearer "):
            return error(401, "Unauthorized: authentication token must be provided")
        token = header[len("Bearer ") :]
        try:
            if get_token_issuer(token) != SERVICE_ID:
                return error(403, "Invalid token: service not found")
            decode_jwt_token(token, SECRET)
        except TokenError as problem:
            return error(403, problem.message)
        return None

    def _send_email(self, data):
        address = data.get("email_address") or ""
        if not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", address):
            return error(400, "email_address Not a valid email address")
        if data.get("template_id") != TEMPLATE_ID:
            return error(
                400,
                "template_id is not a valid UUID" if not _is_uuid(data.get("template_id")) else "Template not found",
            )
        personalisation = data.get("personalisation") or {}
        missing = [name for name in ("subject", "body") if name not in personalisation]
        if missing:
            return error(400, f"Missing personalisation: {', '.join(missing)}")
        notification_id = str(uuid.uuid4())
        subject = TEMPLATE["subject"].replace("((subject))", str(personalisation["subject"]))
        body = TEMPLATE["body"].replace("((body))", str(personalisation["body"]))
        response = {
            "id": notification_id,
            "reference": data.get("reference"),
            "email_address": address,
            "type": "email",
            "status": "created",
            "created_at": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ"),
            "content": {
                "subject": subject,
                "body": body,
                "from_email": "clearsight@notifications.service.gov.uk",
                "one_click_unsubscribe_url": None,
            },
            "uri": f"{self.url}/v2/notifications/{notification_id}",
            "template": {
                "id": TEMPLATE_ID,
                "version": 1,
                "uri": f"{self.url}/services/{SERVICE_ID}/templates/{TEMPLATE_ID}",
            },
            "scheduled_for": None,
        }
        with self._lock:
            self.sent.append(
                {
                    "email_address": address,
                    "template_id": data["template_id"],
                    "personalisation": personalisation,
                    "reference": data.get("reference"),
                    "subject": subject,
                    "body": body,
                    "id": notification_id,
                    "response": response,
                }
            )
        return 201, response


def error(status, message):
    return status, {"status_code": status, "errors": [{"error": ERRORS.get(status, "Exception"), "message": message}]}


def _is_uuid(value):
    try:
        uuid.UUID(str(value))
    except ValueError:
        return False
    return True
