"""Settings for the test suite: production settings (no demo mode), with a throw-away secret key."""

import os

os.environ.setdefault("DIEUHANH_SECRET_KEY", "tests-only-" + "k" * 60)

from dieuhanh.settings import *  # noqa: E402, F403

# A cache per test process (the suite clears it around each test, also where no database is allowed);
# production shares the database's cache table between processes.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
