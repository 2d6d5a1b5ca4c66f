"""`dieuhanh backup` and `dieuhanh restore`: an archive of this test's data and files, restored by the
command into an empty database, holds every row of every table and every file, byte for byte."""

import os
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import connection

import databases
from dieuhanh.ops import backup

pytestmark = pytest.mark.django_db(transaction=True)


def _tables(cursor, vendor: str) -> list[str]:
    if vendor == "sqlite":
        cursor.execute("SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'")
    else:
        cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
    return sorted(r[0] for r in cursor.fetchall())


def _content(cursor, vendor: str) -> dict[str, list]:
    return {t: sorted(map(repr, cursor.execute(f'SELECT * FROM "{t}"').fetchall()))
            for t in _tables(cursor, vendor)}


def test_backup_then_restore_into_an_empty_database_gives_every_table_and_file_back(province, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    province.task("Rà soát quy hoạch cán bộ")
    default_storage.save("van-ban/2026/12/thong-bao.txt", ContentFile("Nội dung đính kèm".encode()))
    default_storage.save("intake/2026/12/ban-quet.pdf", ContentFile(b"%PDF-1.4 scanned"))
    call_command("backup", "--out", str(tmp_path / "saoluu"))
    [archive] = (tmp_path / "saoluu").glob("dieuhanh-*.tar.gz")
    assert (tmp_path / "saoluu" / f"{archive.name}.sha256").read_text().split()[0] == backup.sha256(archive)

    url = databases.new_database(tmp_path, "restored")
    env = {**os.environ, "DATABASE_URL": url, "DIEUHANH_VAR": str(tmp_path / "moi"),
           "DIEUHANH_SECRET_KEY": "restore-test-" + "r" * 60, "DJANGO_SETTINGS_MODULE": "dieuhanh.settings"}
    done = subprocess.run([sys.executable, "-m", "dieuhanh.cli", "restore", str(archive)], env=env,
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    with databases.connect(databases.test_database_url()) as here:
        source = _content(here.cursor(), connection.vendor)
    with databases.connect(url) as there:
        restored = _content(there.cursor(), connection.vendor)
    assert source == restored and len(source) > 50
    originals = sorted(p.relative_to(settings.MEDIA_ROOT) for p in Path(settings.MEDIA_ROOT).rglob("*") if p.is_file())
    assert originals and all((tmp_path / "moi" / "media" / p).read_bytes() == (settings.MEDIA_ROOT / p).read_bytes()
                             for p in originals)

    again = subprocess.run([sys.executable, "-m", "dieuhanh.cli", "restore", str(archive)], env=env,
                           capture_output=True, text=True)
    assert again.returncode != 0 and "đang có dữ liệu" in again.stderr  # never over data without --replace


def test_a_damaged_archive_is_refused_before_anything_changes(province, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    archive, _ = backup.create(tmp_path / "saoluu")
    archive.write_bytes(archive.read_bytes()[:-10] + b"x" * 10)
    with pytest.raises(backup.BackupError, match="SHA-256 không khớp"):
        backup.restore(archive)
    evil = tmp_path / "evil.tar.gz"
    with tarfile.open(evil, "w:gz") as tar:
        (tmp_path / "passwd").write_text("x")
        tar.add(tmp_path / "passwd", "../../etc/passwd-dieuhanh")
    with pytest.raises(backup.BackupError):
        backup.restore(evil)
    assert not Path("/etc/passwd-dieuhanh").exists()
