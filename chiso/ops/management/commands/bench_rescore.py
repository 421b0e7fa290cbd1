"""`manage.py bench_rescore`: re-score the synthetic country's largest campaign under another
version of its index, through the same jobs as the screens (`chiso synth` first).

The first run publishes qd4725-2022@2 (stricter group levels, so that levels move) and moves the
campaign to it; a later run moves it back to the version it left. Prints the seconds of the dry
run and of the move (floor ≤ 60 s for the move).
"""

from __future__ import annotations

import datetime as dt
import time
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.db.models import Count
from django.test.utils import override_settings

from chiso.assessments.models import Campaign
from chiso.frameworks import actions, documents
from chiso.frameworks.models import FrameworkVersion
from chiso.jobs import runner
from chiso.jobs.models import Job
from chiso.units.models import Membership, Unit

FLOOR_SECONDS = 60


def _stricter(text: str) -> dict[str, Any]:
    data = documents.parse(text)
    data["group_levels"] = [
        {"level": 1, "below": 55},
        {"level": 2, "from": 55, "to": 80},
        {"level": 3, "above": 80},
    ]
    return data


class Command(BaseCommand):
    help = "Đo thời gian chấm lại đợt lớn nhất của quốc gia giả lập theo phiên bản khác (chạy `chiso synth` trước)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--prefix", default="SYN")

    def handle(self, *args: Any, prefix: str = "SYN", **options: Any) -> None:
        bo = Unit.objects.filter(code=f"{prefix}-BO").first()
        if bo is None:
            raise CommandError("Chưa có quốc gia giả lập: chạy `chiso synth` trước.")
        campaign = (
            Campaign.objects.filter(owner=bo)
            .annotate(n=Count("assessments"))
            .order_by("-n")
            .first()
        )
        if campaign is None:
            raise CommandError("Quốc gia giả lập chưa có đợt đánh giá nào.")
        user, _ = get_user_model().objects.get_or_create(username=f"bench-rescore-{prefix}")
        Membership.objects.get_or_create(user=user, unit=bo, role=Membership.Role.ADMIN)
        target = self._target(campaign, user)
        self.stdout.write(
            f"-- re-scoring {campaign.n:,} results of «{campaign}» "
            f"({campaign.framework_id}@{campaign.framework_version} → {target.label}, {connection.vendor})"
        )
        with override_settings(JOBS_BACKEND="inline"):
            preview, preview_seconds = self._run(
                "campaign_version_preview",
                user,
                bo,
                {
                    "campaign": campaign.pk,
                    "target": target.pk,
                    "from": f"{campaign.framework_id}@{campaign.framework_version}",
                },
            )
            self.stdout.write(f"dry run (job): {preview_seconds:.1f} s — {preview.message}")
            move, move_seconds = self._run(
                "campaign_version_move",
                user,
                bo,
                {
                    "campaign": campaign.pk,
                    "target": target.pk,
                    "expected": f"{campaign.framework_id}@{campaign.framework_version}",
                    "include_official": True,
                },
            )
        if move.status != Job.Status.DONE:
            raise CommandError(f"Việc chấm lại không xong: {move.message}")
        self.stdout.write(
            f"re-scoring under another version (job, all or nothing): {move_seconds:.1f} s "
            f"for {campaign.n:,} results (floor ≤ {FLOOR_SECONDS} s); "
            f"progress {move.done:,}/{move.total:,}; {move.message}"
        )

    def _target(self, campaign: Campaign, user: Any) -> FrameworkVersion:
        """Another published version of the campaign's index (made the first time)."""
        other = (
            FrameworkVersion.objects.filter(
                framework_id=campaign.framework_id, status=FrameworkVersion.Status.PUBLISHED
            )
            .exclude(version=campaign.framework_version)
            .order_by("version")
            .first()
        )
        if other is not None:
            return other
        source = FrameworkVersion.objects.get(
            framework_id=campaign.framework_id, version=campaign.framework_version
        )
        draft = actions.copy_as_new_version(source, by=user)
        draft, _kept = actions.save_data(
            draft, _stricter(draft.text), by=user, revision=draft.revision
        )
        return actions.publish(
            draft,
            by=user,
            decision_number="BENCH/QĐ",
            decision_date=dt.date(2026, 1, 1),
            issuer="chiso bench",
        )

    @staticmethod
    def _run(kind: str, user: Any, unit: Unit, params: dict[str, Any]) -> tuple[Job, float]:
        started = time.perf_counter()
        job = runner.submit(kind, owner=user, unit=unit, title=f"bench {kind}", params=params)
        job.refresh_from_db()
        return job, time.perf_counter() - started
