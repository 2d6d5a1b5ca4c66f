"""Scratch directories for work on document content (page images, a report's HTML and PDF).

Each is named after the process that made it, so that when a process is killed (kill -9, power cut)
the next worker, reader or server start can remove what it left: nothing with a document's content
stays in the temporary directory. Plain Python, so the extraction engine may use it."""

import os
import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path

SCRATCH_PREFIX = "dieuhanh-"  # then the owning process's id and a purpose: "dieuhanh-4711-ocr-k3j2…"


@contextmanager
def scratch_dir(purpose: str):
    with tempfile.TemporaryDirectory(prefix=f"{SCRATCH_PREFIX}{os.getpid()}-{purpose}-") as path:
        yield Path(path)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's live process
        return True
    return True


def sweep_scratch(root: str | None = None) -> int:
    """Remove every scratch directory whose process is gone; returns how many."""
    removed = 0
    for entry in Path(root or tempfile.gettempdir()).glob(f"{SCRATCH_PREFIX}*"):
        pid = entry.name[len(SCRATCH_PREFIX):].split("-", 1)[0]
        if entry.is_dir() and pid.isdigit() and not _alive(int(pid)):
            shutil.rmtree(entry, ignore_errors=True)
            removed += 1
    return removed
