"""Running the settings or a script in a fresh process, as a WSGI server or ``manage.py`` would:
shared by the security tests that check what Clearsight does with a given environment."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]  # the repository, the processes' working directory
PASSED_ON = ("PATH", "HOME", "LANG", "SQLITE_PATH")  # all a fresh process keeps of the test run's environment
