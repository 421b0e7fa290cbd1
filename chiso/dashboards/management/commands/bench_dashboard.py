"""`manage.py bench_dashboard`: the dashboard over the synthetic country (`chiso synth` first).

Prints, in the same run: the national dashboard's queries against the plain SQL GROUP BY that
computes the same figures, and the p95 of a full page (province, national), with query counts.
"""

from __future__ import annotations

import statistics
import time
from typing import Any

from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings

from chiso.assessments.models import Campaign
from chiso.dashboards.services import dashboard
from chiso.frameworks import registry
from chiso.units.models import Membership, Unit

RUNS = 20


def _p95(values: list[float]) -> float:
    return sorted(values)[max(0, round(0.95 * len(values)) - 1)]


class Command(BaseCommand):
    help = "Đo bảng điều khiển trên quốc gia giả lập (chạy `chiso synth` trước)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--prefix", default="SYN")

    def handle(self, *args: Any, prefix: str = "SYN", **options: Any) -> None:
        bo = Unit.objects.filter(code=f"{prefix}-BO").first()
        if bo is None:
            raise CommandError("Chưa có quốc gia giả lập: chạy `chiso synth` trước.")
        campaign = Campaign.objects.filter(owner=bo, is_open=True).first()
        province = Unit.objects.filter(parent=bo).order_by("code")[9]
        schools = Unit.objects.filter(path__startswith=bo.path, kind=Unit.Kind.INSTITUTION).count()
        self.stdout.write(f"-- dashboard over {schools:,} institutions ({connection.vendor})")
        self._versus_sql(bo, campaign)
        user, _ = get_user_model().objects.get_or_create(username=f"bench-dashboard-{prefix}")
        Membership.objects.get_or_create(user=user, unit=bo, role=Membership.Role.OFFICE_HEAD)
        with override_settings(ALLOWED_HOSTS=["*"]):
            client = Client()
            client.force_login(user)
            for name, unit in (("province", province), ("national", bo)):
                self._page(client, name, unit)

    def _versus_sql(self, bo: Unit, campaign: Campaign) -> None:
        service, plain = [], []

        sql = self._plain_sql(campaign)
        for _ in range(RUNS):
            cache.clear()  # every figure computed, past years included
            started = time.perf_counter()
            dashboard(bo, campaign)
            service.append((time.perf_counter() - started) * 1000)
            started = time.perf_counter()
            with connection.cursor() as cursor:
                for statement, params in sql:
                    cursor.execute(statement, params)
                    cursor.fetchall()
            plain.append((time.perf_counter() - started) * 1000)
        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            dashboard(bo, campaign)
        ratio = statistics.median(service) / statistics.median(plain)
        self.stdout.write(
            f"national dashboard figures: median {statistics.median(service):.0f} ms through chiso "
            f"({len(queries)} queries, no cache) vs {statistics.median(plain):.0f} ms plain SQL GROUP BY "
            f"({len(sql)} statements): ratio {ratio:.2f} (floor ≤ 1,5)"
        )

    @staticmethod
    def _plain_sql(campaign: Campaign) -> list[tuple[str, list[Any]]]:
        """The same figures as plain GROUP BY statements."""
        years = list(Campaign.objects.filter(owner=campaign.owner).values_list("pk", flat=True))
        marks = ",".join(["%s"] * len(years))
        units = "SELECT parent_id, institution_type, COUNT(*) FROM units_unit WHERE path LIKE %s AND kind = 'co_so' AND is_active GROUP BY parent_id, institution_type"
        results = (
            "SELECT u.parent_id, u.institution_type, a.status, a.group1_level, a.group2_level, a.overall_level, COUNT(*) "
            "FROM assessments_assessment a JOIN units_unit u ON u.id = a.unit_id WHERE a.campaign_id = %s AND u.path LIKE %s "
            "AND u.kind = 'co_so' AND u.is_active GROUP BY 1, 2, 3, 4, 5, 6"
        )
        per_year = (  # only placeholders are joined in: the values go as parameters
            "SELECT a.campaign_id, a.status, a.overall_level, COUNT(*) FROM assessments_assessment a "
            "JOIN units_unit u ON u.id = a.unit_id WHERE u.kind = 'co_so' AND a.campaign_id IN (%s) "
            "GROUP BY 1, 2, 3"
        ).replace("(%s)", f"({marks})")

        criteria = [
            c.id for c in registry.campaign_framework(campaign).all_criteria if not c.is_mandatory
        ]
        averages = ", ".join(
            ["AVG(CAST(a.criterion_points ->> %s AS DOUBLE PRECISION))"] * len(criteria)
        )
        weakest = (  # PostgreSQL's JSON operator; placeholders only are joined in
            "SELECT {averages} FROM assessments_assessment a JOIN units_unit u ON u.id = a.unit_id "
            "WHERE a.campaign_id = %s AND u.path LIKE %s AND u.kind = 'co_so' AND u.is_active "
            "AND a.status IN ('submitted', 'recognised', 'published')"
        ).replace("{averages}", averages)
        root = f"{campaign.owner.path}%"
        statements = [(units, [root]), (results, [campaign.pk, root]), (per_year, years)]
        if connection.vendor == "postgresql":
            statements.append((weakest, [*criteria, campaign.pk, root]))
        return statements

    def _page(self, client: Client, name: str, unit: Unit) -> None:
        url = f"/tong-quan/{unit.pk}/"
        response = client.get(url)
        assert response.status_code == 200
        timings = []
        for _ in range(RUNS):
            started = time.perf_counter()
            client.get(url)
            timings.append((time.perf_counter() - started) * 1000)
        floor = 150 if name == "province" else 500
        self.stdout.write(
            f"{name} view: median {statistics.median(timings):.0f} ms, p95 {_p95(timings):.0f} ms "
            f"(floor ≤ {floor} ms), {len(response.content) / 1024:.0f} KB"
        )
