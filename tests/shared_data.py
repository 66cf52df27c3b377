"""Real data files the tests read from ``../shared``, the folder beside the repository (public data
sets under data/, reference documents under reference/). It is not part of the repository: where it
is missing, a test that needs it is skipped with the reason, never an error.

``CLEARSIGHT_SHARED_DIR`` names another folder to read instead (``CLEARSIGHT_SHARED_DIR=/nonexistent``
shows which tests need it: they all skip).
"""

import os
from pathlib import Path

import pytest

ENVIRONMENT_VARIABLE = "CLEARSIGHT_SHARED_DIR"
REPO_ROOT = Path(__file__).resolve().parents[1]


def shared_dir() -> Path:
    configured = os.environ.get(ENVIRONMENT_VARIABLE, "").strip()
    return Path(configured) if configured else REPO_ROOT.parent / "shared"


def shared_file(relative_path) -> Path:
    """The path of ``relative_path`` (a file or a folder) under ../shared; skips the test if it is not there."""
    path = shared_dir() / relative_path
    if not path.exists():
        pytest.skip(f"needs ../shared/{relative_path}: not found at {path} (the shared data lives beside the "
                    f"repository; {ENVIRONMENT_VARIABLE} names another folder)")
    return path
