import pytest


@pytest.fixture
def demo_mode(settings):
    """CLEARSIGHT_DEMO=1, as bin/start sets it: load_demo_data refuses to run without it."""
    settings.DEMO_MODE = True
