"""A backup taken while people write restores, with equal counts and dashboard figures; an
archive that disagrees with its manifest is refused when it is written."""

from __future__ import annotations

import io
import json
import os
import tarfile

import pytest

from chiso.ops import backup
from tests.ops import backup_drill


@pytest.mark.skipif(
    not os.environ.get("DATABASE_URL", "").startswith("postgres"),
    reason="the drill runs in the PostgreSQL leg (gunicorn + PostgreSQL, a write load)",
)
def test_backups_taken_during_a_write_load_restore_with_equal_counts_and_figures():
    lines: list[str] = []
    results = backup_drill.run(rounds=2, port=8313, out=lines.append)
    assert [r.ok for r in results] == [True, True], lines
    assert all("req/s" in r.load_requests for r in results)  # the load did run during each


def test_the_dump_is_counted_per_model_even_with_look_alike_text_inside_values():
    objects = [
        {"model": "units.unit", "pk": 1, "fields": {"name": '{"model": "audit.auditentry"'}},
        {"model": "units.unit", "pk": 2, "fields": {"name": "x" * 3_000_000}},
        {"model": "audit.auditentry", "pk": 1, "fields": {}},
    ]
    text = json.dumps(objects, ensure_ascii=False).encode()
    assert backup.dump_counts(io.BytesIO(text)) == {"units.unit": 2, "audit.auditentry": 1}


def _archive(path, rows: dict[str, int], objects: list[dict]) -> None:
    with tarfile.open(path, "w:gz") as tar:
        for name, blob in (
            ("data.json", json.dumps(objects).encode()),
            ("manifest.json", json.dumps({"rows": rows, "files": []}).encode()),
        ):
            info = tarfile.TarInfo(name)
            info.size = len(blob)
            tar.addfile(info, io.BytesIO(blob))


def test_an_archive_whose_rows_disagree_with_its_manifest_is_refused(tmp_path):
    path = tmp_path / "x.tar.gz"
    _archive(path, {"units.Unit": 2}, [{"model": "units.unit", "pk": 1, "fields": {}}])
    with pytest.raises(backup.BackupError, match="không khớp với bảng kê"):
        backup.verify(path)
    _archive(path, {"units.Unit": 1, "audit.AuditEntry": 0}, [{"model": "units.unit", "pk": 1}])
    assert backup.verify(path)["rows"] == {"units.Unit": 1, "audit.AuditEntry": 0}


def test_the_dump_count_is_exact_across_the_pieces_it_is_read_in():
    objects = [{"model": "audit.auditentry", "pk": n, "fields": {"v": n}} for n in range(60_000)]
    text = json.dumps(objects).encode()
    assert len(text) > 3 * (1 << 20)  # several pieces of 1 MB
    assert backup.dump_counts(io.BytesIO(text)) == {"audit.auditentry": 60_000}
