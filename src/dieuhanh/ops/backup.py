"""One archive holds a whole installation: the database (SQLite's online backup, or pg_dump's custom
format), every uploaded file, and a manifest with a SHA-256 for each; the archive's own SHA-256 is
written beside it. Restoring checks every checksum before touching anything, and only fills an empty
database (or, when told to, replaces one)."""

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection, connections
from django.db.migrations.recorder import MigrationRecorder

from dieuhanh.core.calendar import VN_TZ

FORMAT = 1
SQLITE_NAME, PG_NAME = "database.sqlite3", "database.pgdump"


class BackupError(Exception):
    """A Vietnamese reason the backup or restore did not happen (nothing was changed)."""


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _is_sqlite() -> bool:
    return connection.vendor == "sqlite"


def _pg_env_and_args() -> tuple[dict, list[str]]:
    db = settings.DATABASES["default"]
    env = {**os.environ, "PGPASSWORD": str(db.get("PASSWORD") or "")}
    args = ["--host", str(db.get("HOST") or "localhost"), "--port", str(db.get("PORT") or 5432),
            "--username", str(db.get("USER") or "postgres"), "--dbname", str(db["NAME"])]
    return env, args


def _run(argv: list[str], env=None) -> None:
    if shutil.which(argv[0]) is None:
        raise BackupError(f"Cần chương trình {argv[0]} (apt-get install postgresql-client).")
    done = subprocess.run(argv, env=env, capture_output=True)
    if done.returncode != 0:
        raise BackupError(f"{argv[0]} báo lỗi: {done.stderr.decode('utf-8', 'replace')[-500:]}")


def _dump_database(folder: Path) -> str:
    if _is_sqlite():
        target = folder / SQLITE_NAME
        connection.ensure_connection()
        with sqlite3.connect(target) as copy:  # online: writers may go on meanwhile
            connection.connection.backup(copy)
        copy.close()
        return SQLITE_NAME
    env, args = _pg_env_and_args()
    _run(["pg_dump", "--format=custom", "--no-owner", "--no-privileges", "--file", str(folder / PG_NAME), *args],
         env)
    return PG_NAME


def create(out_dir: Path | None = None) -> tuple[Path, str]:
    """Write the archive; returns its path and SHA-256."""
    out_dir = Path(out_dir or Path(settings.VAR_DIR) / "backup")
    out_dir.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(VN_TZ).strftime("%Y%m%d-%H%M%S")
    archive = out_dir / f"dieuhanh-{stamp}.tar.gz"
    media = Path(settings.MEDIA_ROOT)
    with tempfile.TemporaryDirectory(dir=out_dir, prefix=".dang-sao-luu-") as tmp:
        folder = Path(tmp)
        database = _dump_database(folder)
        files = {}
        if media.exists():
            for path in sorted(p for p in media.rglob("*") if p.is_file()):
                files[path.relative_to(media).as_posix()] = sha256(path)
        migrations = sorted(MigrationRecorder.Migration.objects.values_list("app", "name"))
        manifest = {"format": FORMAT, "created": datetime.now(VN_TZ).isoformat(), "vendor": connection.vendor,
                    "database": {"name": database, "sha256": sha256(folder / database)},
                    "migrations": migrations, "files": files}
        (folder / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
        partial = archive.with_suffix(".part")
        with tarfile.open(partial, "w:gz") as tar:
            tar.add(folder / "manifest.json", "manifest.json")
            tar.add(folder / database, database)
            for name in files:
                tar.add(media / name, f"media/{name}")
        partial.rename(archive)  # never a half-written archive under the final name
    checksum = sha256(archive)
    archive.with_name(archive.name + ".sha256").write_text(f"{checksum}  {archive.name}\n")
    return archive, checksum


def _check(archive: Path, folder: Path) -> dict:
    sidecar = archive.with_name(archive.name + ".sha256")
    if sidecar.exists() and sidecar.read_text().split()[0] != sha256(archive):
        raise BackupError(f"{archive.name}: mã kiểm tra SHA-256 không khớp; tệp sao lưu bị hỏng hoặc bị sửa.")
    try:
        with tarfile.open(archive, "r:gz") as tar:
            tar.extractall(folder, filter="data")  # refuses absolute paths, links out, devices
    except (tarfile.TarError, OSError, EOFError) as error:
        raise BackupError(f"{archive.name}: không đọc được tệp sao lưu ({error}).") from error
    try:
        manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise BackupError(f"{archive.name}: thiếu bản kê (manifest.json).") from error
    if manifest.get("format") != FORMAT:
        raise BackupError("Tệp sao lưu của một phiên bản định dạng khác.")
    db = manifest["database"]
    if sha256(folder / db["name"]) != db["sha256"]:
        raise BackupError("Bản sao cơ sở dữ liệu không khớp mã kiểm tra.")
    for name, digest in manifest["files"].items():
        if sha256(folder / "media" / name) != digest:
            raise BackupError(f"Tệp {name} trong bản sao lưu không khớp mã kiểm tra.")
    if manifest["vendor"] != connection.vendor:
        raise BackupError(f"Bản sao lưu của {manifest['vendor']}, cơ sở dữ liệu hiện tại là {connection.vendor}.")
    return manifest


def _empty() -> bool:
    """No tables yet, or migrated but with no user: nothing that a restore could destroy."""
    if MigrationRecorder.Migration._meta.db_table not in connection.introspection.table_names():
        return True
    return not get_user_model().objects.exists()


def restore(archive: Path, replace: bool = False) -> dict:
    """Restore the archive into this installation's database and media folder."""
    archive = Path(archive)
    if not archive.is_file():
        raise BackupError(f"Không thấy tệp {archive}.")
    with tempfile.TemporaryDirectory(prefix="dieuhanh-restore-") as tmp:
        folder = Path(tmp)
        manifest = _check(archive, folder)
        if not replace and not _empty():
            raise BackupError("Cơ sở dữ liệu đang có dữ liệu; thêm --replace để thay toàn bộ bằng bản sao lưu.")
        _load_database(folder / manifest["database"]["name"])
        media = Path(settings.MEDIA_ROOT)
        if replace and media.exists():
            shutil.rmtree(media)
        media.mkdir(parents=True, exist_ok=True)
        if (folder / "media").exists():
            shutil.copytree(folder / "media", media, dirs_exist_ok=True)
    return manifest


def _load_database(dump: Path) -> None:
    if _is_sqlite():
        connections.close_all()
        with sqlite3.connect(dump) as source, sqlite3.connect(settings.DATABASES["default"]["NAME"]) as target:
            source.backup(target)
        return
    env, args = _pg_env_and_args()
    connections.close_all()
    _run(["pg_restore", "--clean", "--if-exists", "--no-owner", "--no-privileges", "--single-transaction",
          *args, str(dump)], env)
