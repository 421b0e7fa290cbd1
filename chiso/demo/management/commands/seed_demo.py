"""`manage.py seed_demo`: a realistic province, users for every role, assessments in every state.

Safe to run twice: a second run changes nothing and prints the logins again.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand
from django.db import transaction
from django.test import override_settings

from chiso.assessments import actions
from chiso.assessments.models import Assessment, Campaign, Deadline
from chiso.demo import offices, province
from chiso.demo.province import PHONG, PHONG_SCHOOLS, PLACE_NAMES, SO_SCHOOLS, partial, school_facts
from chiso.evidence.models import Evidence
from chiso.frameworks import demo as frameworks_demo
from chiso.periodic import builtin, services
from chiso.plans import demo as plans_demo
from chiso.plans import tasks as plan_tasks
from chiso.units.models import Membership, Unit
from chiso.units.services import create_unit

PASSWORD = "chiso-demo-2026"  # noqa: S105 (printed for the local demo)
Role = Membership.Role
FEATURED = [
    # username, full name, role, unit code
    ("bo.quantri", "Quản trị hệ thống cấp Bộ", Role.ADMIN, "BGDDT"),
    ("quantri", "Quản trị hệ thống", Role.ADMIN, "SO-HP"),
    ("so.lanhdao", "Nguyễn Văn Ba", Role.OFFICE_HEAD, "SO-HP"),
    ("so.chuyenvien", "Trần Thị Mai", Role.REVIEWER, "SO-HP"),
    ("dk.lanhdao", "Nguyễn Chí Linh", Role.OFFICE_HEAD, "PGD-DK"),
    ("dk.chuyenvien", "Phạm Thu Hà", Role.REVIEWER, "PGD-DK"),
    ("hungdao.hieutruong", "Vũ Thị Minh Thảo", Role.HEAD, "DK-TH-03"),
    ("hungdao.giaovien", "Huỳnh Thị Thanh", Role.MEMBER, "DK-TH-03"),
    ("tranphu.hieutruong", "Lê Văn Hùng", Role.HEAD, "SO-THPT-01"),
]
TINY_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj "
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


class Command(BaseCommand):
    help = (
        "Tạo dữ liệu minh họa: một Sở, ba Phòng, khoảng 60 cơ sở giáo dục, người dùng mọi vai trò."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        if Unit.objects.filter(code="SO-HP").exists():
            self.stdout.write("Dữ liệu minh họa đã có sẵn.")
        else:
            with override_settings(EVIDENCE_CAPTURE_ENABLED=False):
                self._seed()
        self._print_logins()

    @transaction.atomic
    def _seed(self) -> None:
        rng = random.Random(2026)  # noqa: S311 (demo data, not secrets)
        ministry = create_unit(
            name="Bộ Giáo dục và Đào tạo",
            kind=Unit.Kind.MINISTRY,
            code="BGDDT",
            short_name="Bộ GDĐT",
            place="Hà Nội",
        )
        so = create_unit(
            name="Sở Giáo dục và Đào tạo Hải Phòng",
            kind=Unit.Kind.DEPARTMENT,
            parent=ministry,
            code="SO-HP",
            short_name="Sở GDĐT Hải Phòng",
            place="Hải Phòng",
        )
        institutions: list[tuple[Unit, Unit]] = []  # (institution, its office)
        for p_index, (name, short, place) in enumerate(PHONG, start=1):
            code = {1: "PGD-DK", 2: "PGD-AD", 3: "PGD-VB"}[p_index]
            phong = create_unit(
                name=name,
                kind=Unit.Kind.DISTRICT,
                parent=so,
                code=code,
                short_name=short,
                place=place,
            )
            counters: dict[str, int] = {}
            for (kind, prefix), place_name in zip(PHONG_SCHOOLS, PLACE_NAMES[place], strict=True):
                counters[kind] = counters.get(kind, 0) + 1
                school = create_unit(
                    name=f"{prefix} {place_name}",
                    kind=Unit.Kind.INSTITUTION,
                    parent=phong,
                    institution_type=kind,
                    code=f"{code.removeprefix('PGD-')}-{kind.replace('_', '')}-{counters[kind]:02d}",
                    place=place,
                )
                institutions.append((school, phong))
        for index, (kind, name) in enumerate(SO_SCHOOLS, start=1):
            school = create_unit(
                name=name,
                kind=Unit.Kind.INSTITUTION,
                parent=so,
                institution_type=kind,
                code=f"SO-{kind.replace('_', '')}-{index:02d}",
                place="Hải Phòng",
            )
            institutions.append((school, so))
        # The featured school DK-TH-03 is Trường Tiểu học Hưng Đạo (Dương Kinh).
        users = self._users()
        previous = Campaign.objects.create(
            name="Đánh giá mức độ chuyển đổi số",
            school_year="2025-2026",
            owner=so,
            submit_by=dt.date(2026, 5, 31),
            review_by=dt.date(2026, 6, 20),
            publish_by=dt.date(2026, 6, 30),
            is_open=False,
        )
        current = Campaign.objects.create(
            name="Đánh giá mức độ chuyển đổi số",
            school_year="2026-2027",
            owner=so,
            submit_by=dt.date(2027, 5, 31),
            review_by=dt.date(2027, 6, 20),
            publish_by=dt.date(2027, 6, 30),
        )
        dk = Unit.objects.get(code="PGD-DK")
        Deadline.objects.create(
            campaign=current,
            unit=dk,
            submit_by=dt.date(2026, 11, 15),
            review_by=dt.date(2026, 12, 15),
        )
        heads = {school.pk: self._head_for(school, users) for school, _ in institutions}
        office_heads = {so.pk: users["so.lanhdao"], dk.pk: users["dk.lanhdao"]}
        for _, office in institutions:
            if office.pk not in office_heads:
                office_heads[office.pk] = self._office_head_for(office)
        for position, (school, office) in enumerate(institutions):
            strength = rng.random()
            head, office_head = heads[school.pk], office_heads[office.pk]
            self._previous_year(previous, school, head, office_head, rng, strength)
            self._current_year(
                current, school, head, office_head, rng, min(1.0, strength + 0.1), position
            )
        self._outlines(so, dk, users)

        offices.seed(
            ministry,
            previous,
            {
                code: office_heads[Unit.objects.get(code=code).pk]
                for code in ("SO-HP", "PGD-DK", "PGD-AD", "PGD-VB")
            },
        )

        plans_demo.seed(users["hungdao.hieutruong"], current.school_year)

        frameworks_demo.seed(so, users["bo.quantri"], users["so.lanhdao"])

    def _outlines(self, so: Unit, dk: Unit, users: dict[str, Any]) -> None:
        """S3's monthly report for the Phòng, one period written; the Sở's own outline of the
        yearly report (S0's words) and Hưng Đạo's yearly report on it, its first sections
        written."""

        services.save_outline(
            so,
            {
                "title": province.HAI_PHONG_YEARLY_TITLE,
                "subject": province.HAI_PHONG_YEARLY_SUBJECT,
                "recipient": "",
                "for_subunits": True,
                "text": province.HAI_PHONG_YEARLY,
            },
            by=users["so.lanhdao"],
        )

        monthly = services.save_outline(
            dk,
            {
                "title": builtin.MONTHLY_TITLE,
                "subject": builtin.MONTHLY_SUBJECT,
                "recipient": "Ủy ban nhân dân quận Dương Kinh",
                "text": builtin.MONTHLY,
            },
            by=users["dk.lanhdao"],
        )
        report = services.start_report(dk, monthly, "tháng 10/2026", by=users["dk.lanhdao"])
        services.save_report(
            report,
            {
                "number": "215/BC-GDĐT",
                "slot_0": "Phòng GDĐT ban hành Kế hoạch số 24/KH-GDĐT về chuyển đổi số năm học 2026-2027; hướng dẫn các trường tự đánh giá theo Quyết định 4725/QĐ-BGDĐT.",
                "slot_2": "Các trường chủ động xây dựng kế hoạch, triển khai đồng bộ phần mềm quản trị.",
                "slot_3": "Hạ tầng mạng ở một số trường mầm non còn yếu; đội ngũ phụ trách CNTT kiêm nhiệm.",
            },
            expected_version=report.version,
            by=users["dk.lanhdao"],
        )
        head = users["hungdao.hieutruong"]
        school = Unit.objects.get(code="DK-TH-03")
        year = services.start_yearly_report(school, "2026-2027", by=head)
        services.save_report(
            year,
            {
                "number": "",
                "slot_0": "Nhà trường triển khai đồng bộ phần mềm quản trị, sổ điểm điện tử và "
                "học bạ điện tử cho 100% lớp; giáo viên dạy học kết hợp trực tuyến khi cần.",
                "slot_1": "Được Phòng GDĐT hướng dẫn kịp thời; 100% giáo viên có tài khoản "
                "bồi dưỡng trực tuyến.",
                "slot_2": "Đường truyền Internet của điểm trường lẻ còn chậm.",
            },
            expected_version=year.version,
            by=head,
        )

    def _users(self) -> dict[str, Any]:
        user_model = get_user_model()
        users = {}
        for username, full_name, role, code in FEATURED:
            # Vietnamese names read family name first: keep the whole name in one field.
            user = user_model.objects.create_user(username, password=PASSWORD, first_name=full_name)
            Membership.objects.create(user=user, unit=Unit.objects.get(code=code), role=role)
            users[username] = user
        return users

    def _head_for(self, school: Unit, users: dict[str, Any]) -> Any:
        featured = {"DK-TH-03": "hungdao.hieutruong", "SO-THPT-01": "tranphu.hieutruong"}
        if school.code in featured:
            return users[featured[school.code]]
        user = get_user_model().objects.create_user(
            f"{school.code.lower()}.ht", first_name=province.person_name(school.pk)
        )
        user.set_unusable_password()
        user.save(update_fields=["password"])
        Membership.objects.create(user=user, unit=school, role=Role.HEAD)
        return user

    def _office_head_for(self, office: Unit) -> Any:
        user = get_user_model().objects.create_user(
            f"{office.code.lower()}.lanhdao", first_name=province.person_name(office.pk + 7)
        )
        user.set_unusable_password()
        user.save(update_fields=["password"])
        Membership.objects.create(user=user, unit=office, role=Role.OFFICE_HEAD)
        return user

    def _fill(self, assessment: Assessment, facts: dict[str, Any], head: Any) -> Assessment:
        return actions.save_answers(
            assessment, facts=facts, expected_version=assessment.version, by=head
        )

    def _council(self, assessment: Assessment, head: Any, year: int) -> Assessment:
        chief, deputy = plan_tasks.titles(assessment.unit)
        data = {
            "council_decision_number": f"{assessment.unit.pk:02d}/QĐ-HĐCĐS",
            "council_decision_date": dt.date(year, 3, 16),
            "council_members": [
                {
                    "name": head.get_full_name() or province.person_name(assessment.unit.pk),
                    "title": chief,
                    "role": "Chủ tịch",
                },
                {
                    "name": province.person_name(assessment.unit.pk + 3),
                    "title": deputy,
                    "role": "Phó Chủ tịch",
                },
                {
                    "name": province.person_name(assessment.unit.pk + 5),
                    "title": "Giáo viên",
                    "role": "Thư ký",
                },
            ],
            "minutes_date": dt.date(year, 4, 10),
            "minutes_summary": "Hội đồng họp, rà soát minh chứng từng tiêu chí và thống nhất điểm tự đánh giá.",
            "approval_decision_number": f"{assessment.unit.pk + 10:02d}/QĐ-PDKQ",
            "approval_decision_date": dt.date(year, 4, 15),
        }
        return actions.save_council(
            assessment, data=data, expected_version=assessment.version, by=head
        )

    def _evidence(self, assessment: Assessment, head: Any, with_file: bool) -> None:
        domain = f"{(assessment.unit.code or 'truong').lower()}.haiphong.edu.vn"
        links = [
            ("1.1", "Kế hoạch tổ chức dạy học trực tuyến", "ke-hoach-day-hoc-truc-tuyen"),
            ("1.3", "Hệ thống LMS của trường", "lms"),
            ("1.4", "Kho học liệu số đã phê duyệt", "hoc-lieu-so"),
            ("2.3", "Phần mềm quản trị nhà trường", "quan-tri"),
            ("2.4", "Thông báo thu phí không dùng tiền mặt", "thu-phi"),
        ]
        for target, title, slug in links:
            Evidence.objects.create(
                assessment=assessment,
                target_id=target,
                kind=Evidence.Kind.LINK,
                title=title,
                url=f"https://{domain}/{slug}",
                uploaded_by=head,
            )
        if with_file:
            evidence = Evidence(
                assessment=assessment,
                target_id="2.2",
                kind=Evidence.Kind.FILE,
                title="Kế hoạch ứng dụng CNTT, CĐS",
                original_name="ke-hoach-cntt.pdf",
                size=len(TINY_PDF),
                content_type="application/pdf",
                uploaded_by=head,
            )
            evidence.file.save("ke-hoach-cntt.pdf", ContentFile(TINY_PDF), save=False)
            evidence.save()

    def _previous_year(
        self,
        campaign: Campaign,
        school: Unit,
        head: Any,
        office_head: Any,
        rng: random.Random,
        strength: float,
    ) -> None:
        assessment = Assessment.objects.create(campaign=campaign, unit=school)
        assessment = self._fill(assessment, school_facts(rng, max(0.0, strength - 0.15)), head)
        assessment = self._council(assessment, head, 2026)
        self._evidence(assessment, head, with_file=False)
        actions.submit(assessment, by=head)
        actions.recognise(assessment, by=office_head)
        actions.publish(assessment, by=office_head)
        # Last year happened in the spring: most submitted before the 31/5 deadline, a few late.
        day = rng.randint(2, 28) if rng.random() < 0.85 else rng.randint(32, 45)
        submitted = dt.datetime(2026, 5, 1, 9, tzinfo=dt.UTC) + dt.timedelta(days=day)
        Assessment.objects.filter(pk=assessment.pk).update(
            submitted_at=submitted,
            recognised_at=submitted + dt.timedelta(days=14),
            published_at=submitted + dt.timedelta(days=20),
        )

    def _current_year(
        self,
        campaign: Campaign,
        school: Unit,
        head: Any,
        office_head: Any,
        rng: random.Random,
        strength: float,
        position: int,
    ) -> None:
        state = self._state_for(school, position)
        if state == "not_started":
            return
        facts = school_facts(rng, strength)
        assessment = Assessment.objects.create(campaign=campaign, unit=school)
        if state == "draft_partial":
            self._fill(assessment, partial(facts, rng, rng.uniform(0.2, 0.8)), head)
            return
        if school.code == "DK-TH-03":
            facts.pop(
                "cashless_fees"
            )  # the demo's school has one answer left to give before it submits
        assessment = self._fill(assessment, facts, head)
        assessment = self._council(assessment, head, 2027)
        self._evidence(assessment, head, with_file=position % 3 == 0)
        if state == "draft_complete":
            return
        assessment = actions.submit(assessment, by=head)
        if state == "submitted":
            return
        actions.return_for_supplement(
            assessment,
            by=office_head,
            reason="Bổ sung minh chứng cho tiêu chí 1.4 và 2.3.",
            item_comments={
                "1.4": "Thiếu danh sách học liệu đã được tổ chuyên môn thông qua.",
                "2.3": "Đường link phần mềm quản trị không truy cập được.",
            },
        )
        if state == "returned":
            return
        assessment.refresh_from_db()
        Evidence.objects.create(
            assessment=assessment,
            target_id="1.4",
            kind=Evidence.Kind.LINK,
            title="Danh sách học liệu (bổ sung)",
            url=f"https://{(school.code or '').lower()}.haiphong.edu.vn/danh-sach-hoc-lieu",
            uploaded_by=head,
        )
        assessment = actions.submit(assessment, by=head)
        if state == "resubmitted":
            return
        assessment = actions.recognise(assessment, by=office_head)
        if state == "recognised":
            return
        actions.publish(assessment, by=office_head)

    @staticmethod
    def _state_for(school: Unit, position: int) -> str:
        fixed = {"DK-TH-03": "draft_complete", "SO-THPT-01": "returned"}
        if school.code in fixed:
            return fixed[school.code]
        cycle = [
            "published",
            "draft_partial",
            "submitted",
            "recognised",
            "not_started",
            "returned",
            "draft_partial",
            "published",
            "resubmitted",
            "submitted",
            "draft_complete",
            "published",
        ]
        return cycle[position % len(cycle)]

    def _print_logins(self) -> None:
        self.stdout.write("")
        self.stdout.write(f"Tài khoản minh họa (mật khẩu chung: {PASSWORD})")
        for username, _full_name, role, code in FEATURED:
            unit = Unit.objects.filter(code=code).first()
            self.stdout.write(
                f"  {username:<22} {Role(role).label:<40} {unit.name if unit else code}"
            )
