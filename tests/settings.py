"""Settings for the test suite: production settings (no demo mode), with a throw-away secret key."""

import os

os.environ.setdefault("DIEUHANH_SECRET_KEY", "tests-only-" + "k" * 60)

from dieuhanh.settings import *  # noqa: E402, F403
