"""A fresh installation with the production settings (the database's own cache table, not the tests'
memory cache): `migrate` from nothing runs every data migration and ends without an error. Found by
`make bench-load`: a data migration's save published a data generation before the cache's table existed."""

import os
import subprocess
import sys


def test_migrate_from_nothing_with_the_production_cache(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in {"DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE"}}
    env.update(DJANGO_SETTINGS_MODULE="dieuhanh.settings", DATABASE_URL=f"sqlite:///{tmp_path / 'fresh.sqlite3'}",
               DIEUHANH_VAR=str(tmp_path), DIEUHANH_SECRET_KEY="fresh-install-test-" + "k" * 50)
    done = subprocess.run([sys.executable, "-m", "django", "migrate", "--noinput", "-v", "0"], env=env,
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    check = subprocess.run([sys.executable, "-c", "import django; django.setup(); from django.core.cache import cache; "
                            "from dieuhanh.core import generation; print(generation.current())"],
                           env=env, capture_output=True, text=True, timeout=120)
    assert check.returncode == 0 and check.stdout.strip() not in {"", "0.0"}, check.stderr[-2000:]
