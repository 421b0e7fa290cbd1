"""`manage.py bench_uploads`: how fast and how lightly hostile spreadsheets are refused.

Each measurement runs in a fresh process that reads the file from disk first, so that its peak
memory (ru_maxrss) before and after the refusal says what the refusal itself cost. Part of
`make bench`; the targets (under 1 s, under 50 MB) are figures to read, not assertions.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand

from chiso.demo.hostile import wide_workbook

CHILD = """
import json, os, resource, sys, time, tracemalloc
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "chiso.settings")
import django
django.setup()
from chiso.lib import spreadsheets
content = open(sys.argv[1], "rb").read()
limits = json.loads(sys.argv[2])

def refuse():
    try:
        spreadsheets.open_workbook("bench.xlsx", content, **limits)
        return "accepted"
    except spreadsheets.WorkbookRefused as exc:
        return str(exc)

before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
start = time.perf_counter()
verdict = refuse()
seconds = time.perf_counter() - start
after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
tracemalloc.start()  # a second refusal, traced: what it allocates at its peak
refuse()
allocated = tracemalloc.get_traced_memory()[1] / 1048576
print(json.dumps({"seconds": seconds, "extra_mb": (after - before) / 1024,
                  "allocated_mb": allocated, "verdict": verdict}))
"""
READERS = [
    (
        "appendix import (one unit, and each file of the bulk ZIP job)",
        {"max_cells": 20_000, "max_bytes": 5 * 1024 * 1024},
    ),
    (
        "unit list import (read streaming)",
        {"max_cells": 200_000, "max_bytes": 10 * 1024 * 1024, "read_only": True},
    ),
]


def measure(path: Path, limits: dict[str, Any]) -> dict[str, Any]:
    result = subprocess.run(  # noqa: S603 (this interpreter, our own code and file)
        [sys.executable, "-c", CHILD, str(path), json.dumps(limits)],
        capture_output=True,
        text=True,
        check=True,
        cwd=settings.BASE_DIR,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


class Command(BaseCommand):
    help = "Đo thời gian và bộ nhớ khi từ chối một bảng tính 1.000 × 2.000 ô"

    def handle(self, *args: Any, **options: Any) -> None:
        content = wide_workbook(1_000, 2_000)
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "wide.xlsx"
            path.write_bytes(content)
            self.stdout.write(
                f"XLSX of 1,000 × 2,000 cells ({len(content) // 1024} KB packed, 30 MB unpacked):"
            )
            for label, limits in READERS:
                figures = measure(path, limits)
                verdict = "refused" if "quá nhiều ô" in figures["verdict"] else figures["verdict"]
                self.stdout.write(
                    f"  {label}: {verdict} in {figures['seconds']:.3f} s; "
                    f"memory: {figures['allocated_mb']:.1f} MB allocated at the peak, "
                    f"+{figures['extra_mb']:.1f} MB to the process's high-water mark"
                )
