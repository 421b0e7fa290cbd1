"""`manage.py bench_dashboard`: the dashboard over the synthetic country (`chiso synth` first).

Prints, in the same run, for the ministry, a Sở and a commune (UBND xã/phường, the largest of
that Sở): the dashboard's queries against the plain SQL GROUP BY that computes the same figures,
and the p95 of a full page, with query counts.
"""

from __future__ import annotations

import statistics
import time
from typing import Any

from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.db.models import Count
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
        if campaign is None:
            raise CommandError("Quốc gia giả lập chưa có đợt đánh giá đang mở.")
        provinces = list(
            Unit.objects.filter(parent=bo, kind=Unit.Kind.DEPARTMENT, is_active=True).order_by(
                "code"
            )
        )
        province = provinces[min(9, len(provinces) - 1)]
        # The commune of that province with the most schools (ties: the first by code).
        commune = (
            Unit.objects.filter(parent=province, kind=Unit.Kind.COMMUNE, is_active=True)
            .annotate(n=Count("children"))
            .order_by("-n", "code")
            .first()
        )
        schools = Unit.objects.filter(path__startswith=bo.path, kind=Unit.Kind.INSTITUTION).count()
        self.stdout.write(f"-- dashboard over {schools:,} institutions ({connection.vendor})")
        offices = [("national", bo), ("province", province)]
        if commune is not None:
            offices.append(("commune", commune))
        for name, office in offices:
            self._versus_sql(name, office, campaign)
        user, _ = get_user_model().objects.get_or_create(username=f"bench-dashboard-{prefix}")
        Membership.objects.get_or_create(user=user, unit=bo, role=Membership.Role.OFFICE_HEAD)
        with override_settings(ALLOWED_HOSTS=["*"]):
            client = Client()
            client.force_login(user)
            for name, unit in offices:
                self._page(client, name, unit)

    def _versus_sql(self, name: str, office: Unit, campaign: Campaign) -> None:
        service, plain = [], []

        sql = self._plain_sql(office, campaign)
        for _ in range(RUNS):
            cache.clear()  # every figure computed, past years included
            started = time.perf_counter()
            dashboard(office, campaign)
            service.append((time.perf_counter() - started) * 1000)
            started = time.perf_counter()
            with connection.cursor() as cursor:
                for statement, params in sql:
                    cursor.execute(statement, params)
                    cursor.fetchall()
            plain.append((time.perf_counter() - started) * 1000)
        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            dashboard(office, campaign)
        ratio = statistics.median(service) / statistics.median(plain)
        scope = Unit.objects.filter(path__startswith=office.path, kind=Unit.Kind.INSTITUTION)
        self.stdout.write(
            f"{name} dashboard figures ({office.name}, {scope.count():,} institutions): median "
            f"{statistics.median(service):.1f} ms through chiso ({len(queries)} queries, no cache) "
            f"vs {statistics.median(plain):.1f} ms plain SQL GROUP BY ({len(sql)} statements): "
            f"ratio {ratio:.2f} (floor ≤ 1,5)"
        )

    @staticmethod
    def _plain_sql(office: Unit, campaign: Campaign) -> list[tuple[str, list[Any]]]:
        """The same figures for `office`'s subtree as plain GROUP BY statements."""
        # The other school years (the year shown comes from `results`), in today's subtree.
        years = list(
            Campaign.objects.filter(owner=campaign.owner)
            .exclude(pk=campaign.pk)
            .values_list("pk", flat=True)
        )
        marks = ",".join(["%s"] * len(years))
        root = f"{office.path}%"
        # Grouped by the office's child each unit sits under ("" directly under the office), read
        # from its path, as the service does.
        rest = "substr(u.path, %s)"
        child = (
            f"split_part({rest}, '/', 1)"
            if connection.vendor == "postgresql"
            else f"substr({rest}, 1, instr({rest}, '/') - 1)"
        )
        sub = f"CASE WHEN u.parent_id = %s THEN '' ELSE {child} END"
        sub_params = [office.pk, *[len(office.path) + 1] * child.count("%s")]
        units = (  # only placeholders and fixed SQL are joined in: the values go as parameters
            "SELECT {sub}, u.institution_type, COUNT(*) FROM units_unit u WHERE u.path LIKE %s "
            "AND u.kind = 'co_so' AND u.is_active GROUP BY 1, 2"
        ).replace("{sub}", sub)
        results = (
            "SELECT {sub}, u.institution_type, a.status, a.group1_level, a.group2_level, "
            "a.overall_level, COUNT(*) FROM assessments_assessment a JOIN units_unit u ON "
            "u.id = a.unit_id WHERE a.campaign_id = %s AND u.path LIKE %s AND u.kind = 'co_so' "
            "AND u.is_active GROUP BY 1, 2, 3, 4, 5, 6"
        ).replace("{sub}", sub)
        per_year = (  # only placeholders are joined in: the values go as parameters
            "SELECT a.campaign_id, a.status, a.overall_level, COUNT(*) FROM assessments_assessment a "
            "JOIN units_unit u ON u.id = a.unit_id WHERE u.kind = 'co_so' AND a.campaign_id IN (%s) "
            "AND u.path LIKE %s GROUP BY 1, 2, 3"
        ).replace("(%s)", f"({marks})")
        # Per other year, today's units without a result that year (counted as not started).
        missing = (
            "SELECT COUNT(*) FROM units_unit u WHERE u.path LIKE %s AND u.kind = 'co_so' AND "
            "u.is_active AND NOT EXISTS (SELECT 1 FROM assessments_assessment a WHERE "
            "a.unit_id = u.id AND a.campaign_id = %s)"
        )

        criteria = [
            c.id for c in registry.campaign_framework(campaign).all_criteria if not c.is_mandatory
        ]
        averages = ", ".join(
            ["AVG(CAST(a.criterion_points ->> %s AS DOUBLE PRECISION))"] * len(criteria)
        )
        weakest = (  # PostgreSQL's JSON operator; placeholders only are joined in
            "SELECT {averages} FROM assessments_assessment a JOIN units_unit u ON u.id = a.unit_id "
            "WHERE a.campaign_id = %s AND u.path LIKE %s AND u.kind = 'co_so' AND u.is_active "
            "AND a.status IN ('recognised', 'published')"
        ).replace("{averages}", averages)
        statements = [
            (units, [*sub_params, root]),
            (results, [*sub_params, campaign.pk, root]),
            (per_year, [*years, root]),
            *((missing, [root, pk]) for pk in years),
        ]
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
        floor = 500 if name == "national" else 150
        self.stdout.write(
            f"{name} view: median {statistics.median(timings):.0f} ms, p95 {_p95(timings):.0f} ms "
            f"(floor ≤ {floor} ms), {len(response.content) / 1024:.0f} KB"
        )
