"""`manage.py bench_web`: the workflow issue's figures, printed (never asserted as unit tests).

Builds an office with 1,000 institutions in the configured database (use a scratch database:
`make bench` points DATABASE_URL at var/bench.sqlite3 or a PostgreSQL bench database), then measures:
the assessment form page (bytes, queries), a fact change with its live re-score (server time),
and the office list of 1,000 units (server time).
"""

from __future__ import annotations

import gzip
import io
import random
import statistics
import time
import zipfile
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings
from django.utils import timezone

from chiso.assessments import actions, scoring
from chiso.assessments.models import Assessment, Campaign
from chiso.demo.province import school_facts
from chiso.jobs import runner
from chiso.jobs.models import Job
from chiso.periodic import services as periodic_services
from chiso.periodic.docx import render_periodic_docx
from chiso.plans import actions as plan_actions
from chiso.plans.docx import render_plan_docx
from chiso.reports import data
from chiso.reports.council import (
    render_approval_decision_docx,
    render_council_decision_docx,
    render_minutes_docx,
)
from chiso.reports.docx_export import render_consolidated_docx, render_report_docx
from chiso.reports.exports import office_document
from chiso.reports.xlsx_export import render_appendix_xlsx, render_consolidated_xlsx
from chiso.units.models import Membership, Unit
from chiso.units.services import create_unit

PASSWORD = "bench-password-123"  # noqa: S105 (scratch database)


class Command(BaseCommand):
    help = "Đo các chỉ số hiệu năng của giao diện đánh giá (trang nhập liệu, chấm lại, danh sách 1.000 đơn vị)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--units", type=int, default=1000)
        parser.add_argument(
            "--country", type=int, default=55_000, help="institutions for the subtree query figure"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        with override_settings(
            EVIDENCE_CAPTURE_ENABLED=False,
            ALLOWED_HOSTS=["*"],
            PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
        ):
            office, school_assessment = self._world(options["units"])
            client = Client()
            self._form_page(client, school_assessment)
            self._live_rescore(client, school_assessment)
            self._office_list(client, office, options["units"])
            self._documents(office, school_assessment)
            self._bulk_appendix_import(office)
            self._subtree(options["country"])

    @transaction.atomic
    def _world(self, count: int) -> tuple[Unit, Assessment]:

        rng = random.Random(7)  # noqa: S311
        stamp = str(int(time.time()))
        so = create_unit(
            name=f"Sở GDĐT thử tải {stamp}", kind=Unit.Kind.DEPARTMENT, code=f"BENCH-{stamp}"
        )
        campaign = Campaign.objects.create(name="Thử tải", school_year="2026-2027", owner=so)
        units = []
        for i in range(count):
            units.append(
                Unit(
                    name=f"Trường thử tải số {i + 1}",
                    kind=Unit.Kind.INSTITUTION,
                    institution_type="TH",
                    parent=so,
                    code=f"BENCH-{stamp}-{i:05d}",
                    depth=1,
                )
            )
        Unit.objects.bulk_create(units, batch_size=500)
        created = list(Unit.objects.filter(parent=so).order_by("pk"))
        for unit in created:
            unit.path = f"{so.path}{unit.pk}/"
        Unit.objects.bulk_update(created, ["path"], batch_size=500)
        statuses = list(Assessment.Status)
        Assessment.objects.bulk_create(
            [
                Assessment(
                    campaign=campaign,
                    unit=u,
                    status=statuses[i % len(statuses)],
                    facts=school_facts(rng, rng.random()),
                    group1_points=50,
                    group1_level=2,
                    group2_points=60,
                    group2_level=2,
                    overall_level=2,
                    completeness=100,
                )
                for i, u in enumerate(created[1:], start=1)
            ],
            batch_size=500,
        )
        user_model = get_user_model()
        head = user_model.objects.create_user(f"bench-head-{stamp}", password=PASSWORD)
        Membership.objects.create(user=head, unit=created[0], role=Membership.Role.HEAD)
        officer = user_model.objects.create_user(f"bench-office-{stamp}", password=PASSWORD)
        Membership.objects.create(user=officer, unit=so, role=Membership.Role.OFFICE_HEAD)
        assessment = Assessment.objects.create(campaign=campaign, unit=created[0])
        facts = school_facts(rng, 0.6)
        facts.pop("cashless_fees")
        actions.save_answers(assessment, facts=facts, expected_version=assessment.version, by=head)
        self.head, self.officer = head.username, officer.username
        return so, assessment

    def _form_page(self, client: Client, assessment: Assessment) -> None:
        client.login(username=self.head, password=PASSWORD)
        url = f"/danh-gia/{assessment.pk}/"
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        html = len(response.content)
        static_dir = Path(settings.BASE_DIR) / "chiso" / "web" / "static"
        assets = sum(
            p.stat().st_size
            for p in [static_dir / "web" / "chiso.css", static_dir / "vendor" / "htmx.min.js"]
            if p.exists()
        )
        self.stdout.write(
            f"Trang nhập đánh giá: HTML {html / 1024:.1f} KB (nén gzip ≈ {self._gzip(response.content) / 1024:.1f} KB), {len(queries)} truy vấn SQL; tệp tĩnh (tải một lần, được lưu đệm) {assets / 1024:.1f} KB"
        )
        self.stdout.write(
            f"form page: {html / 1024:.1f} KB HTML, {len(queries)} SQL queries (first visit with static assets: {(html + assets) / 1024:.1f} KB)"
        )

    @staticmethod
    def _gzip(content: bytes) -> int:

        return len(gzip.compress(content))

    def _live_rescore(self, client: Client, assessment: Assessment) -> None:
        url = f"/danh-gia/{assessment.pk}/tieu-chi/1.4/"
        timings = []
        for n in range(60):
            assessment.refresh_from_db(fields=["version"])
            started = time.perf_counter()
            response = client.post(
                url,
                {"fact_approved_digital_materials": str(20 + n), "version": assessment.version},
                HTTP_HX_REQUEST="true",
            )
            timings.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200 and b"error-box" not in response.content, (
                response.content[:500]
            )
        self.stdout.write(
            f"fact change + live re-score: median {statistics.median(timings):.1f} ms, p95 {self._p95(timings):.1f} ms (server time, {len(timings)} changes)"
        )

    def _office_list(self, client: Client, office: Unit, count: int) -> None:
        client.logout()
        client.login(username=self.officer, password=PASSWORD)
        url = f"/don-vi/{office.pk}/"
        client.get(url)
        timings = []
        for _ in range(15):
            started = time.perf_counter()
            response = client.get(url)
            timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        self.stdout.write(
            f"office list of {count:,} units: median {statistics.median(timings):.1f} ms, p95 {self._p95(timings):.1f} ms, {len(queries)} SQL queries, {len(response.content) / 1024:.0f} KB"
        )

    def _school_set(self, assessment: Assessment) -> list[str]:
        """Every DOCX of one school's year, built from the data as a download builds it: the
        result report, the council's decision, the minutes, the approval, the plan, the yearly
        report on the office's outline."""
        document = data.assessment_document(assessment)
        built = {
            "bao-cao": render_report_docx(document),
            "quyet-dinh-hoi-dong": render_council_decision_docx(document),
            "bien-ban": render_minutes_docx(document),
            "quyet-dinh-phe-duyet": render_approval_decision_docx(document),
        }
        unit, year = assessment.unit, assessment.campaign.school_year
        plan = plan_actions.plan_for(unit, year)
        if not plan.pk:
            plan.save()  # an empty plan of the year still renders every section
        built["ke-hoach"] = render_plan_docx(
            plan,
            path_groups=plan_actions.path_view(assessment).groups,
            framework=scoring.framework_for(assessment),
        )
        report = periodic_services.yearly_report(
            unit, year
        ) or periodic_services.start_yearly_report(unit, year, by=None)
        built["bao-cao-nam"] = render_periodic_docx(
            periodic_services.filled(report), timezone.localdate()
        )
        assert all(content[:2] == b"PK" for content in built.values())
        return list(built)

    def _documents(self, office: Unit, assessment: Assessment) -> None:
        """One institution's report DOCX; the office's consolidated XLSX over all its units."""

        timings = []
        for _ in range(10):
            started = time.perf_counter()
            render_report_docx(data.assessment_document(assessment))
            timings.append((time.perf_counter() - started) * 1000)
        self.stdout.write(
            f"report DOCX of one institution: median {statistics.median(timings):.0f} ms, max {max(timings):.0f} ms"
        )
        timings, cpu = [], []
        for _ in range(5):
            started, used = time.perf_counter(), time.process_time()
            names = self._school_set(assessment)
            timings.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - used) * 1000)
        self.stdout.write(
            f"full set of one school's documents as DOCX ({len(names)}: {', '.join(names)}): "
            f"median {statistics.median(timings):.0f} ms, max {max(timings):.0f} ms, "
            f"CPU median {statistics.median(cpu):.0f} ms (target ≤ 1000 ms)"
        )
        assessments = list(
            Assessment.objects.filter(unit__path__startswith=office.path).select_related(
                "unit", "campaign"
            )
        )
        started = time.perf_counter()
        columns, rows = data.consolidated_rows(assessments)
        content = render_consolidated_xlsx("Tổng hợp", columns, rows)
        elapsed = time.perf_counter() - started
        self.stdout.write(
            f"consolidated XLSX of {len(rows):,} units: {elapsed:.2f} s ({len(content) / 1024:.0f} KB)"
        )
        started = time.perf_counter()
        columns, rows = data.consolidated_rows(assessments)
        content = render_consolidated_docx("Tổng hợp", columns, rows, office_document(office))
        elapsed = time.perf_counter() - started
        self.stdout.write(
            f"consolidated DOCX (landscape, header repeated, rows kept whole) of {len(rows):,} "
            f"units: {elapsed:.2f} s ({len(content) / 1024:.0f} KB; target ≤ 3 s)"
        )

    def _bulk_appendix_import(self, office: Unit) -> None:
        """The office loads 1,000 appendix XLSX files (one per unit, one ZIP): dry run, then apply."""

        assessments = list(
            Assessment.objects.filter(unit__path__startswith=office.path)
            .exclude(unit__parent=None)
            .select_related("unit", "campaign")
        )
        Assessment.objects.filter(pk__in=[a.pk for a in assessments]).update(
            status=Assessment.Status.DRAFT, awards={}
        )
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for a in assessments:  # each file lowers one item: one update per unit
                a.status, a.awards = (
                    Assessment.Status.DRAFT,
                    {"1.4.a": {"points": "0", "reason": "x"}},
                )
                archive.writestr(
                    f"{a.unit.code}.xlsx", render_appendix_xlsx(data.assessment_document(a))
                )
        officer = get_user_model().objects.get(username=self.officer)
        timings = {}
        with override_settings(JOBS_BACKEND="inline"):
            for apply in (False, True):
                with transaction.atomic():
                    job = runner.submit(
                        "appendix_import",
                        owner=officer,
                        unit=office,
                        title="bench",
                        params={"campaign": assessments[0].campaign_id, "apply": apply},
                        source=("phu-luc.zip", buffer.getvalue()),
                    )
                    started = time.perf_counter()
                job.refresh_from_db()
                timings[apply] = time.perf_counter() - started
                assert job.status == Job.Status.DONE, job.message
        self.stdout.write(
            f"importing {len(assessments):,} appendix XLSX files (one ZIP, as a job): dry run {timings[False]:.1f} s, "
            f"apply {timings[True]:.1f} s ({job.message})"
        )

    def _subtree(self, count: int) -> None:
        """Subtree queries over a country-sized tree: 34 provinces, ~700 districts, `count` schools."""
        stamp = str(int(time.time()))
        with transaction.atomic():
            root = create_unit(
                name=f"Bộ (thử tải {stamp})", kind=Unit.Kind.MINISTRY, code=f"CTRY-{stamp}"
            )
            provinces = [
                create_unit(
                    name=f"Sở {i}",
                    kind=Unit.Kind.DEPARTMENT,
                    parent=root,
                    code=f"CTRY-{stamp}-S{i}",
                )
                for i in range(34)
            ]
            districts = [
                create_unit(
                    name=f"Phòng {p.pk}-{j}",
                    kind=Unit.Kind.DISTRICT,
                    parent=p,
                    code=f"CTRY-{stamp}-P{p.pk}-{j}",
                )
                for p in provinces
                for j in range(20)
            ]
            schools = [
                Unit(
                    name=f"Trường {i}",
                    kind=Unit.Kind.INSTITUTION,
                    institution_type="TH",
                    parent=districts[i % len(districts)],
                    depth=3,
                )
                for i in range(count)
            ]
            Unit.objects.bulk_create(schools, batch_size=2000)
            created = list(Unit.objects.filter(parent__in=districts).select_related("parent"))
            for unit in created:
                unit.path = f"{unit.parent.path}{unit.pk}/"
            Unit.objects.bulk_update(created, ["path"], batch_size=2000)
        timings = {"province": [], "district": [], "country": []}
        for n in range(20):
            for name, unit in (
                ("province", provinces[n % 34]),
                ("district", districts[n * 7 % len(districts)]),
                ("country", root),
            ):
                started = time.perf_counter()
                Unit.objects.filter(path__startswith=unit.path, kind=Unit.Kind.INSTITUTION).count()
                timings[name].append((time.perf_counter() - started) * 1000)
        figures = ", ".join(
            f"{name} median {statistics.median(t):.1f} ms" for name, t in timings.items()
        )
        self.stdout.write(
            f"subtree count over {count:,} institutions ({len(districts)} districts): {figures}"
        )

    @staticmethod
    def _p95(values: list[float]) -> float:
        ordered = sorted(values)
        return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
