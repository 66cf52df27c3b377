"""M8: outside development the service refuses to start on the public development key.

Each case imports the settings in a fresh Python process with exactly the environment given, as a
WSGI server or ``manage.py`` would."""

import os
import subprocess
import sys

import pytest

from .fresh_process import PASSED_ON, ROOT

PROBE = (
    "import django, os\n"
    "os.environ['DJANGO_SETTINGS_MODULE'] = 'clearsight.settings'\n"
    "from django.conf import settings\n"
    "print('DEBUG', settings.DEBUG)\n"
    "print('KEY', settings.SECRET_KEY == settings.INSECURE_DEV_KEY)\n"
)


def import_settings(tmp_path, **environment):
    env = {name: os.environ[name] for name in PASSED_ON if name in os.environ}
    env.setdefault("SQLITE_PATH", str(tmp_path / "probe.sqlite3"))
    env.update(environment)
    return subprocess.run([sys.executable, "-c", PROBE], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=60)


def test_debug_off_without_a_secret_key_refuses_to_start(tmp_path):
    result = import_settings(tmp_path, DJANGO_DEBUG="0")
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_no_environment_at_all_is_not_development(tmp_path):
    result = import_settings(tmp_path)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr


def test_demo_mode_still_needs_a_key_of_its_own(tmp_path):
    # bin/start makes one (var/secret_key); a demo on the public key could have its sessions forged.
    result = import_settings(tmp_path, CLEARSIGHT_DEMO="1")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_the_public_development_key_given_as_the_key_is_refused(tmp_path):
    result = import_settings(tmp_path, DJANGO_SECRET_KEY="insecure-development-key-do-not-use-in-production")
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr


@pytest.mark.parametrize("environment", [
    {"DJANGO_SECRET_KEY": "a-real-secret-key-made-for-this-machine-0123456789abcdef"},
    {"DJANGO_SECRET_KEY": "a-real-secret-key-made-for-this-machine-0123456789abcdef", "CLEARSIGHT_DEMO": "1"},
])
def test_a_real_key_starts(tmp_path, environment):
    result = import_settings(tmp_path, **environment)
    assert result.returncode == 0, result.stderr
    assert "KEY False" in result.stdout


def test_development_with_debug_on_may_use_the_development_key(tmp_path):
    result = import_settings(tmp_path, DJANGO_DEBUG="1")
    assert result.returncode == 0, result.stderr
    assert "DEBUG True" in result.stdout and "KEY True" in result.stdout


def test_the_test_suite_runs_with_no_environment_set(settings):
    # bin/test sets nothing: the settings know they are running under the tests.
    assert settings.SECRET_KEY


def test_demo_code_runs_with_no_environment_set(tmp_path):
    # bin/demo-code (the demo's second factor) is run by hand in a plain terminal.
    env = {name: os.environ[name] for name in PASSED_ON if name in os.environ}
    env["SQLITE_PATH"] = str(tmp_path / "probe.sqlite3")
    result = subprocess.run([str(ROOT / "bin" / "demo-code")], cwd=ROOT, env=env, capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().isdigit() and len(result.stdout.strip()) == 6


def test_setup_collects_static_files_without_a_key():
    # bin/setup runs before bin/start or bin/test have set anything.
    collect = [line for line in (ROOT / "bin" / "setup").read_text().splitlines() if "collectstatic" in line]
    assert collect and all("DJANGO_DEBUG=1" in line for line in collect)
