"""`python -m dieuhanh.intake FILE… [--json] [--out DIR]`: extract without starting Django. The
management command `dieuhanh extract` calls the same function."""

import argparse
import json
import sys
from pathlib import Path

from .engine import extract
from .readers import ReadError, read_file


def run(files: list[str], print_json: bool = False, out: str | None = None,
        stdout=sys.stdout, stderr=sys.stderr) -> int:
    """Extract each file; returns how many could not be read."""
    failed = 0
    out_dir = Path(out) if out else None
    if out_dir:
        out_dir.mkdir(parents=True, exist_ok=True)
    for name in files:
        try:
            result = extract(read_file(name))
        except ReadError as error:
            failed += 1
            stderr.write(f"{error}\n")
            continue
        text = json.dumps(result, ensure_ascii=False, indent=1)
        if out_dir:
            (out_dir / f"{Path(name).stem}.json").write_text(text, encoding="utf-8")
        if print_json or not out_dir:
            stdout.write(text + "\n")
    return failed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m dieuhanh.intake",
                                     description="Trích xuất nhiệm vụ, số liệu, cán bộ, kiến nghị từ văn bản.")
    parser.add_argument("files", nargs="+")
    parser.add_argument("--json", action="store_true", dest="print_json", help="in JSON ra màn hình")
    parser.add_argument("--out", help="thư mục ghi <tên tệp>.json")
    args = parser.parse_args(argv)
    failed = run(args.files, args.print_json, args.out)
    if failed:
        sys.stderr.write(f"{failed} tệp không đọc được.\n")
    return 1 if failed else 0
