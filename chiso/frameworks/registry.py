"""Which index a campaign is scored on: the database's versions, the shipped files as fallback.

`get_framework(id, version)` parses a row's YAML once per process, as Django's template loader
keeps compiled templates: a published version's text never changes (retiring it changes only
its status, which is not kept here), so it is kept by (id, version); a draft's is kept by its
text, so an edited draft is parsed again. With no row (engine-only code, the CLI, a database
being built), the shipped file of that id answers if its version matches.
"""

from __future__ import annotations

import functools
import logging
from dataclasses import dataclass
from typing import Any

from django.db import connections
from django.db.models.signals import post_delete, post_migrate, post_save
from django.utils import timezone

from chiso import rubric
from chiso.audit.models import AuditEntry
from chiso.frameworks import documents
from chiso.frameworks.models import FrameworkVersion
from chiso.rubric.loading import FRAMEWORKS_DIR

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class VersionInfo:
    """What screens and documents say about a framework version beside its content."""

    framework_id: str
    version: int
    title: str
    decision_number: str
    is_local: bool
    derived_from: str
    owner_name: str

    @property
    def label(self) -> str:
        return f"{self.framework_id}@{self.version}"


_frameworks: dict[tuple[str, int], rubric.Framework] = {}
_infos: dict[tuple[str, int], VersionInfo] = {}


def connect(app: Any) -> None:
    """Register the shipped files after every migrate; forget parsed versions when one changes."""
    post_migrate.connect(_register_after_migrate, sender=app)
    for signal in (post_save, post_delete):
        signal.connect(_forget, sender=FrameworkVersion, dispatch_uid=f"frameworks-{signal}")
    clear_cache()


def _register_after_migrate(sender: Any, using: str = "default", **kwargs: Any) -> None:
    """The index files shipped with chiso become published versions (idempotent)."""
    register_shipped(using=using)


def _forget(sender: Any, **kwargs: Any) -> None:
    clear_cache()


def clear_cache() -> None:
    """Forget every parsed version (a row was saved or deleted; tests start empty)."""
    _frameworks.clear()
    _infos.clear()


def get_framework(framework_id: str, version: int) -> rubric.Framework:
    """The validated index of one version; RubricError when there is no such version."""
    key = (framework_id, int(version))
    cached = _frameworks.get(key)
    if cached is not None:
        return cached
    row = _row(*key)
    if row is None:
        framework = _shipped(*key)
    else:
        framework = framework_of(row)
        if row.is_draft:
            return framework
        _infos[key] = info_of(row)  # the same row answers describe() without a query
    _frameworks[key] = framework
    return framework


def framework_of(row: FrameworkVersion) -> rubric.Framework:
    """The index a row holds (drafts included), parsed once per distinct text."""
    return _parse(row.text, f"{row.framework_id}@{row.version}")


@functools.lru_cache(maxsize=64)
def _parse(text: str, source: str) -> rubric.Framework:
    return rubric.load_framework_text(text, source=source)


def describe(framework_id: str, version: int) -> VersionInfo:
    """The version's title, legal basis and local mark (cached as the framework is)."""
    key = (framework_id, int(version))
    cached = _infos.get(key)
    if cached is not None:
        return cached
    row = _row(*key)
    if row is not None:
        info = info_of(row)
        if row.is_draft:
            return info
    else:
        framework = _shipped(*key)
        info = VersionInfo(
            framework.id,
            framework.version,
            framework.decision.title,
            framework.decision.number,
            False,
            "",
            "",
        )
    _infos[key] = info
    return info


def info_of(row: FrameworkVersion) -> VersionInfo:
    return VersionInfo(
        row.framework_id,
        row.version,
        row.title,
        row.decision_number,
        row.is_local,
        row.derived_from,
        row.owner.name if row.owner_id else "",
    )


def campaign_framework(campaign: Any) -> rubric.Framework:
    """The index a campaign pins (its framework id and version)."""
    return get_framework(campaign.framework_id, campaign.framework_version)


def latest_framework(framework_id: str) -> rubric.Framework:
    """The newest published version of an id (settings that are not tied to a campaign)."""

    row = (
        FrameworkVersion.objects.filter(
            framework_id=framework_id, status=FrameworkVersion.Status.PUBLISHED
        )
        .order_by("-version")
        .only("framework_id", "version")
        .first()
    )
    if row is None:
        return rubric.load_framework(framework_id)
    return get_framework(row.framework_id, row.version)


def _row(framework_id: str, version: int) -> FrameworkVersion | None:

    return (
        FrameworkVersion.objects.filter(framework_id=framework_id, version=version)
        .select_related("owner")
        .first()
    )


def _shipped(framework_id: str, version: int) -> rubric.Framework:
    if framework_id not in rubric.available_frameworks():
        raise rubric.RubricError(
            f"{framework_id}@{version}", [("bộ chỉ số", "không có bộ chỉ số với mã này")]
        )
    framework = rubric.load_framework(framework_id)
    if framework.version != version:
        raise rubric.RubricError(
            f"{framework_id}@{version}",
            [
                (
                    "phiên bản",
                    f"không có phiên bản {version} (tệp có sẵn là phiên bản {framework.version})",
                )
            ],
        )
    return framework


# -- the shipped files ---------------------------------------------------------------------------


def register_shipped(*, using: str = "default") -> list[str]:
    """Make every shipped index file a published version; returns the labels created or refreshed.

    Idempotent. A shipped version follows its file: when a release corrects a file in place, the
    row takes the new text (an audit entry keeps the old one); a real change bumps `version:`.
    """

    if FrameworkVersion._meta.db_table not in connections[using].introspection.table_names():
        return []
    changed = []
    for name in rubric.available_frameworks():
        path = FRAMEWORKS_DIR / f"{name}.yaml"
        text = path.read_text(encoding="utf-8")
        try:
            framework = rubric.load_framework_text(text, source=path.name)
        except rubric.RubricError as exc:
            log.warning("shipped framework %s is invalid, not registered: %s", path.name, exc)
            continue
        rows = FrameworkVersion.objects.using(using)
        row = rows.filter(framework_id=framework.id, version=framework.version).first()
        if row is None:
            rows.create(
                framework_id=framework.id,
                version=framework.version,
                text=text,
                status=FrameworkVersion.Status.PUBLISHED,
                is_shipped=True,
                published_at=timezone.now(),
                **documents.metadata(documents.parse(text, path.name)),
            )
            changed.append(f"{framework.id}@{framework.version}")
        elif row.is_shipped and row.text != text:
            _refresh(row, text, using)
            changed.append(f"{framework.id}@{framework.version}")
        elif not row.is_shipped:
            log.warning(
                "%s@%s exists in the database: the shipped file is not used", name, row.version
            )
    clear_cache()
    return changed


def _refresh(row: FrameworkVersion, text: str, using: str) -> None:

    old = row.text
    row.text = text
    for field, value in documents.metadata(documents.parse(text, row.framework_id)).items():
        setattr(row, field, value)
    row.save(using=using)
    AuditEntry.objects.using(using).create(
        verb="framework.shipped_refresh",
        target_type=row._meta.label_lower,
        target_id=row.pk,
        before={"text": old},
        after={"file": f"{row.framework_id}.yaml"},
        note="Tệp bộ chỉ số có sẵn được cập nhật trong bản phát hành mới.",
    )
