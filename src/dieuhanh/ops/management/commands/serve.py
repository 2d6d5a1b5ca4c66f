"""`dieuhanh serve`: the production web server (gunicorn), never runserver.

Workers default to 2 × CPU + 1, gunicorn's own advice; threads let a worker wait on the database for
one request while serving another. The proxy's addresses (DIEUHANH_TRUSTED_PROXIES) are the only
ones whose forwarded headers gunicorn believes."""

import os
import sys

from django.conf import settings
from django.core.management.base import BaseCommand


def gunicorn_argv(bind: str, workers: int, threads: int) -> list[str]:
    proxies = ",".join(str(n.network_address) for n in settings.DIEUHANH_TRUSTED_PROXY_NETWORKS) or "127.0.0.1"
    return [sys.executable, "-m", "gunicorn", "dieuhanh.wsgi:application",
            "--bind", bind, "--workers", str(workers), "--worker-class", "gthread", "--threads", str(threads),
            "--timeout", "120", "--graceful-timeout", "30", "--keep-alive", "5",
            "--max-requests", "2000", "--max-requests-jitter", "200",  # bounded memory over weeks
            "--forwarded-allow-ips", proxies, "--access-logfile", "-", "--error-logfile", "-"]


class Command(BaseCommand):
    help = "Chạy máy chủ web sản xuất (gunicorn) với số tiến trình theo số CPU."

    def add_arguments(self, parser):
        parser.add_argument("--bind", default=os.environ.get("DIEUHANH_BIND", "127.0.0.1:8000"))
        parser.add_argument("--workers", type=int, default=int(os.environ.get("DIEUHANH_WEB_WORKERS") or 0))
        parser.add_argument("--threads", type=int, default=int(os.environ.get("DIEUHANH_WEB_THREADS") or 4))
        parser.add_argument("--dry-run", action="store_true", help="chỉ in lệnh gunicorn sẽ chạy")

    def handle(self, *args, bind, workers, threads, dry_run, **options):
        argv = gunicorn_argv(bind, workers or 2 * (os.cpu_count() or 1) + 1, threads)
        if dry_run:
            self.stdout.write(" ".join(argv))
            return
        os.execv(argv[0], argv)  # gunicorn takes this process: systemd supervises it directly
