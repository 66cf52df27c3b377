import pytest


@pytest.fixture
def demo_mode(settings):
    """CLEARSIGHT_DEMO=1, as bin/start sets it: load_demo_data refuses to run without it."""
    settings.DEMO_MODE = True


@pytest.fixture
def tasks_run_at_once(settings, tmp_path):
    """Background tasks (a spend file's import) run as soon as they are queued, and private files are
    kept in the test's own folder: for pages whose journey waits on the task worker."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.PRIVATE_FILES_ROOT = tmp_path
