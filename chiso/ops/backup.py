"""One archive holding the database and every stored file; restored into an empty database.

Why Django's own serialisation and not pg_dump: the archive is the same on SQLite and on
PostgreSQL and moves between them (a demo on SQLite becomes a province's PostgreSQL server), it
does not depend on the server's major version, and `loaddata` resets PostgreSQL's sequences. Tables
that `migrate` fills by itself (content types, permissions) are written by natural key only where
referenced, and sessions are left out (everyone logs in again after a restore). For a national
instance, pg_dump of the database beside this archive's files is faster; docs/deploy.md says how.

The dump, the row counts, the list of files and the dashboard figures of the manifest are read in
one snapshot (REPEATABLE READ on PostgreSQL; one read transaction on SQLite), so that a backup
taken while people work restores; the archive is then read back and its rows counted against
the manifest before the backup is reported as done.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import tarfile
import tempfile
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from django.apps import apps
from django.core.files.base import File
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import connection, models, transaction
from django.utils.translation import gettext as _

from chiso.ops.figures import dashboard_figures

FORMAT = "chiso-backup/1"
EXCLUDE = ["contenttypes", "auth.permission", "sessions"]


class BackupError(Exception):
    """Something that makes a backup or a restore impossible, said in Vietnamese."""


def _stored_names() -> Iterator[str]:
    """Every file name referenced by a FileField of any model, once."""
    seen: set[str] = set()
    for model in apps.get_models():
        fields = [f.name for f in model._meta.get_fields() if isinstance(f, models.FileField)]
        for field in fields:
            for name in (
                model._default_manager.exclude(**{field: ""})
                .exclude(**{f"{field}__isnull": True})
                .values_list(field, flat=True)
                .iterator()
            ):
                if name not in seen:
                    seen.add(name)
                    yield name


def _sha256(handle: Any) -> str:
    digest = hashlib.sha256()
    for chunk in iter(lambda: handle.read(1 << 20), b""):
        digest.update(chunk)
    return digest.hexdigest()


def row_counts() -> dict[str, int]:
    skip = {"contenttypes", "sessions"}
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        if model._meta.app_label not in skip and model._meta.label != "auth.Permission"
    }


def _snapshot() -> None:
    """Make the current transaction one consistent, read-only picture of the database.

    PostgreSQL's default (READ COMMITTED) takes a new picture at every statement: rows written
    between two tables' reads (or between the dump and the counts) would make the archive
    disagree with itself. On SQLite the transaction's first read holds the picture until commit."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")


def backup(target: Path, *, figures: bool = True) -> dict[str, Any]:
    """Write the archive to `target`, check it against its manifest; return the manifest."""
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data.json"
        with transaction.atomic():
            _snapshot()
            call_command(
                "dumpdata",
                natural_foreign=True,
                format="json-exact",
                exclude=EXCLUDE,
                output=str(data),
                indent=None,
                verbosity=0,
            )
            counts = row_counts()
            names = list(_stored_names())
            shown = dashboard_figures() if figures else None
        _check_dump(data, counts)
        files, missing = [], []
        with tarfile.open(target, "w:gz") as archive:
            archive.add(data, arcname="data.json")
            for name in names:
                if not default_storage.exists(name):
                    missing.append(name)
                    continue
                with default_storage.open(name, "rb") as handle:
                    digest = _sha256(handle)
                    handle.seek(0)
                    info = tarfile.TarInfo(f"files/{name}")
                    info.size = default_storage.size(name)
                    archive.addfile(info, handle)
                files.append({"name": name, "sha256": digest, "size": info.size})
            manifest = {
                "format": FORMAT,
                "created": datetime.now(UTC).isoformat(timespec="seconds"),
                "database": connection.vendor,
                "rows": counts,
                "files": files,
                "missing_files": missing,
                "figures": shown,
            }
            blob = json.dumps(manifest, ensure_ascii=False, indent=1).encode()
            info = tarfile.TarInfo("manifest.json")
            info.size = len(blob)
            archive.addfile(info, io.BytesIO(blob))
    verify(target)
    return manifest


# An object of a dump starts with {"model": "app.model": inside a JSON string every quote is
# escaped, so this never matches a value's text.
_OBJECT = re.compile(rb'\{"model": "([a-z0-9_]{1,60}\.[a-z0-9_]{1,60})"')


def dump_counts(handle: Any) -> dict[str, int]:
    """Objects per model (lower-case label) in a dump, read in pieces: never all in memory."""
    counts: dict[str, int] = {}
    tail = b""
    for chunk in iter(lambda: handle.read(1 << 20), b""):
        text = tail + chunk
        cut = max(0, len(text) - 200)  # a match starting before `cut` ends in this piece
        _count_objects(text, cut, counts)
        tail = text[cut:]
    _count_objects(tail, len(tail), counts)
    return counts


def _count_objects(text: bytes, cut: int, counts: dict[str, int]) -> None:
    for match in _OBJECT.finditer(text):
        if match.start() >= cut:
            return
        label = match.group(1).decode()
        counts[label] = counts.get(label, 0) + 1


def _differences(expected: dict[str, int], found: dict[str, int]) -> dict[str, tuple[int, int]]:
    wanted = {k.lower(): v for k, v in expected.items() if v}
    return {
        k: (wanted.get(k, 0), found.get(k, 0))
        for k in set(wanted) | set(found)
        if wanted.get(k, 0) != found.get(k, 0)
    }


def _check_dump(data: Path, counts: dict[str, int]) -> None:
    with data.open("rb") as handle:
        diff = _differences(counts, dump_counts(handle))
    if diff:
        raise BackupError(
            _("Bản sao lưu không khớp với số bản ghi đã đếm: %(diff)s") % {"diff": diff}
        )


def verify(source: Path) -> dict[str, Any]:
    """Read an archive back: its rows counted against the manifest, every file against its digest."""
    try:
        with tarfile.open(source, "r:gz") as archive:
            manifest = json.load(archive.extractfile("manifest.json"))  # type: ignore[arg-type]
            diff = _differences(manifest["rows"], dump_counts(archive.extractfile("data.json")))
            if diff:
                raise BackupError(
                    _("Tệp sao lưu «%(file)s» không khớp với bảng kê: %(diff)s")
                    % {"file": source, "diff": diff}
                )
            for entry in manifest["files"]:
                member = archive.extractfile(f"files/{entry['name']}")
                if member is None or _sha256(member) != entry["sha256"]:
                    raise BackupError(
                        _("Tệp «%(name)s» trong bản sao lưu bị hỏng.") % {"name": entry["name"]}
                    )
    except (OSError, tarfile.TarError, KeyError, ValueError) as exc:
        raise BackupError(
            _("Không đọc lại được tệp sao lưu «%(file)s»: %(error)s")
            % {"file": source, "error": exc}
        ) from None
    return manifest


# Rows that migrations put into every new database (the national IT catalogue, the sample
# yearly outline, the shipped index versions): the archive carries them too, with any local
# additions, so they are replaced.
REFERENCE_DATA = (
    "inventory.CatalogueEntry",
    "periodic.ReportOutline",
    "frameworks.FrameworkVersion",
)


def _is_empty() -> list[str]:
    """Models of the target database that already hold rows (reference data aside)."""
    return [label for label, n in row_counts().items() if n and label not in REFERENCE_DATA]


def restore(source: Path) -> dict[str, Any]:
    """Load an archive into an empty, migrated database and put its files back in storage."""
    try:
        archive = tarfile.open(source, "r:gz")  # noqa: SIM115 (closed by the with below)
    except (OSError, tarfile.TarError) as exc:
        raise BackupError(
            _("Không đọc được tệp sao lưu «%(source)s»: %(exc)s") % {"source": source, "exc": exc}
        ) from None
    with archive, tempfile.TemporaryDirectory() as tmp:
        try:
            manifest = json.load(archive.extractfile("manifest.json"))  # type: ignore[arg-type]
        except (KeyError, ValueError):
            raise BackupError(
                _("Tệp «%(source)s» không phải là bản sao lưu của chiso.") % {"source": source}
            ) from None
        if manifest.get("format") != FORMAT:
            raise BackupError(
                _("Tệp «%(source)s»: định dạng %(get)s không đọc được.")
                % {"source": source, "get": manifest.get("format")}
            )
        busy = _is_empty()
        if busy:
            raise BackupError(
                "Cơ sở dữ liệu đích đã có dữ liệu (" + ", ".join(busy[:5]) + "): "
                "chỉ khôi phục vào một cơ sở dữ liệu trống (đã chạy migrate)."
            )
        archive.extract("data.json", tmp, filter="data")
        with transaction.atomic():
            for label in REFERENCE_DATA:
                apps.get_model(label)._default_manager.all().delete()
            call_command("loaddata", str(Path(tmp) / "data.json"), format="json-exact", verbosity=0)
            counts = row_counts()
            if counts != manifest["rows"]:
                diff = {
                    k: (manifest["rows"].get(k), counts.get(k))
                    for k in set(counts) | set(manifest["rows"])
                    if counts.get(k) != manifest["rows"].get(k)
                }
                raise BackupError(
                    _("Số bản ghi sau khi khôi phục không khớp: %(diff)s") % {"diff": diff}
                )
        for entry in manifest["files"]:
            member = archive.extractfile(f"files/{entry['name']}")
            if member is None:
                raise BackupError(
                    _("Thiếu tệp «%(name)s» trong bản sao lưu.") % {"name": entry["name"]}
                )
            if default_storage.exists(entry["name"]):
                default_storage.delete(entry["name"])
            saved = default_storage.save(entry["name"], File(member, name=entry["name"]))
            if saved != entry["name"]:
                raise BackupError(
                    _("Kho tệp lưu «%(name)s» thành «%(saved)s».")
                    % {"name": entry["name"], "saved": saved}
                )
            with default_storage.open(saved, "rb") as handle:
                if _sha256(handle) != entry["sha256"]:
                    raise BackupError(
                        _("Tệp «%(saved)s» khôi phục không đúng nội dung.") % {"saved": saved}
                    )
    manifest["figures_differ"] = figures_differ(manifest.get("figures"))
    return manifest


def figures_differ(expected: dict[str, Any] | None) -> list[str] | None:
    """The offices whose dashboard figures now differ from `expected` (None: none were kept).

    Lateness is counted from today, so a restore on a later day may move it legitimately."""
    if expected is None:
        return None
    now = json.loads(json.dumps(dashboard_figures(), ensure_ascii=False))
    return sorted(k for k in set(now) | set(expected) if now.get(k) != expected.get(k))
