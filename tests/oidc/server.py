"""The test suite's own OpenID provider (tests/oidc/provider.mjs, panva's oidc-provider from npm):
started with node on 127.0.0.1 and a free port for the session's live server, stopped at the end."""

import json
import shutil
import subprocess
import threading
from pathlib import Path

import pytest

PROVIDER_SCRIPT = Path(__file__).with_name("provider.mjs")
REPO = PROVIDER_SCRIPT.parents[2]
SECRET_VARIABLE = "CLEARSIGHT_OIDC_TEST_SECRET"


class RunningProvider:
    def __init__(self, issuer, client_id, client_secret, process):
        self.issuer = issuer
        self.client_id = client_id
        self.client_secret = client_secret
        self.process = process

    def discovery_url(self):
        return f"{self.issuer}/.well-known/openid-configuration"


@pytest.fixture(scope="session")
def oidc_provider(live_server):
    """A running OpenID provider whose client's redirect address is the live server's."""
    node = shutil.which("node")
    if node is None or not (REPO / "node_modules" / "oidc-provider").is_dir():
        pytest.fail("The single sign-on tests need Node.js and oidc-provider from npm: run bin/setup.")
    options = {
        "redirect_uri": f"{live_server.url}/sign-in/callback",
        "post_logout_redirect_uri": f"{live_server.url}/sign-in",
    }
    process = subprocess.Popen(
        [node, str(PROVIDER_SCRIPT), json.dumps(options)],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    # The first line on stdout says where it listens; it prints nothing until it does, so this waits for
    # the provider itself, not for a time. If node fails, its output ends and the error is shown.
    first_line = process.stdout.readline()
    if not first_line:
        process.wait()
        pytest.fail(f"The OpenID provider did not start: {process.stderr.read()}")
    started = json.loads(first_line)
    # Keep reading its output so that a full pipe never blocks it.
    for stream in (process.stdout, process.stderr):
        threading.Thread(target=stream.read, daemon=True).start()
    yield RunningProvider(started["issuer"], started["client_id"], started["client_secret"], process)
    process.terminate()
    process.wait()
