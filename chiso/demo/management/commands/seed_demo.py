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
from chiso.demo.province import (
    ACTING_OFFICE,
    COMMUNES,
    HD_PHONG,
    HD_PHONG_SCHOOLS,
    HD_SO_SCHOOLS,
    PHONG,
    PHONG_SCHOOLS,
    PLACE_NAMES,
    SO_SCHOOLS,
    partial,
    school_facts,
)
from chiso.evidence.models import Evidence
from chiso.frameworks import demo as frameworks_demo
from chiso.periodic import builtin, services
from chiso.plans import demo as plans_demo
from chiso.plans import tasks as plan_tasks
from chiso.units.models import Membership, ReviewMode, Unit
from chiso.units.services import close_unit, create_unit, move_unit

PASSWORD = "chiso-demo-2026"  # noqa: S105 (printed for the local demo)
# Every demo user has an address on a reserved domain (RFC 2606: .example never delivers), so the
# reminder emails of the demo have someone to reach (`make demo` prints them in the terminal).
MAIL_DOMAIN = "haiphong.edu.example"
Role = Membership.Role
FEATURED = [
    # username, full name, role, unit code
    ("bo.quantri", "Quản trị hệ thống cấp Bộ", Role.ADMIN, "BGDDT"),
    ("quantri", "Quản trị hệ thống", Role.ADMIN, "SO-HP"),
    ("so.lanhdao", "Nguyễn Văn Ba", Role.OFFICE_HEAD, "SO-HP"),
    ("so.chuyenvien", "Trần Thị Mai", Role.REVIEWER, "SO-HP"),
    # Staff of Phòng GDĐT Dương Kinh until 30/6/2025; since, of the Phòng Văn hóa – Xã hội that
    # acts for UBND phường Hưng Đạo in education (a commune officer and its head).
    ("dk.lanhdao", "Nguyễn Chí Linh", Role.OFFICE_HEAD, "XA-HUNGDAO"),
    ("dk.chuyenvien", "Phạm Thu Hà", Role.REVIEWER, "XA-HUNGDAO"),
    ("hungdao.hieutruong", "Vũ Thị Minh Thảo", Role.HEAD, "DK-TH-03"),
    ("hungdao.giaovien", "Huỳnh Thị Thanh", Role.MEMBER, "DK-TH-03"),
    ("tranphu.hieutruong", "Lê Văn Hùng", Role.HEAD, "SO-THPT-01"),
]
PHONG_CODES = {
    "Dương Kinh": "PGD-DK",
    "An Dương": "PGD-AD",
    "Vĩnh Bảo": "PGD-VB",
    "Hải Dương": "PGD-HD",
}
REVIEW_MODES = {
    "MN": ReviewMode.COMMUNE,
    "TH": ReviewMode.SO,
    "THCS": ReviewMode.COMMUNE_THEN_SO,
    "TH_THCS": ReviewMode.COMMUNE_THEN_SO,
    "LIEN_CAP": ReviewMode.COMMUNE,
}
TINY_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj "
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


def address(username: str) -> str:
    """A demo user's email: hungdao.hieutruong@haiphong.edu.example."""
    return f"{username}@{MAIL_DOMAIN}"


class Command(BaseCommand):
    help = (
        "Tạo dữ liệu minh họa: Hải Phòng sau hợp nhất với Hải Dương (1/7/2025), các phường, xã "
        "quản lý trường mầm non, tiểu học, THCS; khoảng 70 cơ sở giáo dục, ba năm học, người "
        "dùng mọi vai trò."
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
        so = self._office(ministry, "Sở Giáo dục và Đào tạo Hải Phòng", "SO-HP", "Hải Phòng")
        so_hd = self._office(ministry, "Sở Giáo dục và Đào tạo Hải Dương", "SO-HD", "Hải Dương")
        communes = self._communes(so)
        # Until 30/6/2025: (institution, its office then, its commune since 1/7/2025 or None).
        history: list[tuple[Unit, Unit, Unit | None]] = []
        phongs = [(name, short, place, so) for name, short, place in PHONG]
        phongs.append((*HD_PHONG, so_hd))
        for name, short, place, so_then in phongs:
            code = PHONG_CODES[place]
            phong = create_unit(
                name=name,
                kind=Unit.Kind.DISTRICT,
                parent=so_then,
                code=code,
                short_name=short,
                place=place,
            )
            schools = (
                [
                    (kind, prefix, n)
                    for (kind, prefix), n in zip(PHONG_SCHOOLS, PLACE_NAMES[place], strict=True)
                ]
                if place != "Hải Dương"
                else HD_PHONG_SCHOOLS
            )
            counters: dict[str, int] = {}
            for index, (kind, prefix, place_name) in enumerate(schools):
                counters[kind] = counters.get(kind, 0) + 1
                school = create_unit(
                    name=f"{prefix} {place_name}",
                    kind=Unit.Kind.INSTITUTION,
                    parent=phong,
                    institution_type=kind,
                    code=f"{code.removeprefix('PGD-')}-{kind.replace('_', '')}-{counters[kind]:02d}",
                    place=place,
                )
                commune = communes[place][index % len(communes[place])]
                history.append((school, phong, commune))
        for so_then, listed, prefix in ((so, SO_SCHOOLS, "SO"), (so_hd, HD_SO_SCHOOLS, "SOHD")):
            for index, (kind, name) in enumerate(listed, start=1):
                school = create_unit(
                    name=name,
                    kind=Unit.Kind.INSTITUTION,
                    parent=so_then,
                    institution_type=kind,
                    code=f"{prefix}-{kind.replace('_', '')}-{index:02d}",
                    place=so_then.place,
                )
                history.append((school, so_then, None))
        # The featured school DK-TH-03 is Trường Tiểu học Hưng Đạo (Dương Kinh until 30/6/2025,
        # UBND phường Hưng Đạo since).
        users = self._users()
        heads = {school.pk: self._head_for(school, users) for school, _, _ in history}
        office_heads = {so.pk: users["so.lanhdao"]}
        hung_dao = Unit.objects.get(code="XA-HUNGDAO")
        office_heads[hung_dao.pk] = users["dk.lanhdao"]
        for office in [o for _, o, _ in history] + [c for cs in communes.values() for c in cs]:
            if office.pk not in office_heads:
                office_heads[office.pk] = self._office_head_for(office)

        # 2024-2025: each province's campaign, run by its Phòng and Sở (history, published).
        oldest = {
            so_then.pk: self._campaign(so_then, "2024-2025", is_open=True)
            for so_then in (so, so_hd)
        }
        for school, office, _ in history:
            so_then = office if office.kind == Unit.Kind.DEPARTMENT else office.parent
            self._history_year(
                oldest[so_then.pk], school, heads[school.pk], office_heads[office.pk], rng, 2025
            )
        offices.seed_history(
            ministry,
            oldest[so.pk],
            {code: office_heads[Unit.objects.get(code=code).pk] for code in offices.HISTORY_CODES},
        )
        for campaign in oldest.values():
            self._close(campaign)

        # 1/7/2025: the districts end; Hải Dương joins Hải Phòng.
        self._reorganise(history, so, so_hd)

        # 2025-2026 under the new bodies (published); 2026-2027 in every state.
        previous = self._campaign(so, "2025-2026", is_open=True)
        current = self._campaign(so, "2026-2027", is_open=True)
        # Since 2026-2027 the Sở reviews and recognises primary schools itself (their communes
        # follow), communes review lower-secondary schools and the Sở recognises them, and
        # communes do both for kindergartens; also the Sở's default for new campaigns.
        for row in (so, current):
            row.review_modes = dict(REVIEW_MODES)
            row.save(update_fields=["review_modes"])
        Deadline.objects.create(
            campaign=current,
            unit=hung_dao,
            submit_by=dt.date(2026, 11, 15),
            review_by=dt.date(2026, 12, 15),
        )
        for position, (school, _, commune) in enumerate(history):
            school.refresh_from_db()
            strength = rng.random()
            head, office_head = heads[school.pk], office_heads[(commune or so).pk]
            self._history_year(previous, school, head, office_head, rng, 2026, strength=strength)
            mode = REVIEW_MODES.get(school.institution_type, ReviewMode.COMMUNE)
            deciders = (
                office_head if commune and mode != ReviewMode.SO else users["so.lanhdao"],
                office_head if commune and mode == ReviewMode.COMMUNE else users["so.lanhdao"],
            )
            self._current_year(
                current, school, head, deciders, rng, min(1.0, strength + 0.1), position
            )
        self._outlines(so, hung_dao, users)

        offices.seed(ministry, previous, {"SO-HP": users["so.lanhdao"]})
        self._close(previous)

        plans_demo.seed(users["hungdao.hieutruong"], current.school_year)

        frameworks_demo.seed(so, users["bo.quantri"], users["so.lanhdao"])

    @staticmethod
    def _office(ministry: Unit, name: str, code: str, place: str) -> Unit:
        return create_unit(
            name=name,
            kind=Unit.Kind.DEPARTMENT,
            parent=ministry,
            code=code,
            short_name=name.replace("Sở Giáo dục và Đào tạo", "Sở GDĐT"),
            place=place,
        )

    @staticmethod
    def _communes(so: Unit) -> dict[str, list[Unit]]:
        """The wards and communes of the merged city (they exist from 1/7/2025)."""
        return {
            district: [
                create_unit(
                    name=f"Ủy ban nhân dân {kind} {name}",
                    kind=Unit.Kind.COMMUNE,
                    parent=so,
                    code=code,
                    short_name=f"UBND {kind} {name}",
                    place=name,
                    acting_office=ACTING_OFFICE,
                )
                for code, kind, name in listed
            ]
            for district, listed in COMMUNES.items()
        }

    @staticmethod
    def _campaign(owner: Unit, school_year: str, *, is_open: bool) -> Campaign:
        first = int(school_year[:4]) + 1
        return Campaign.objects.create(
            name="Đánh giá mức độ chuyển đổi số",
            school_year=school_year,
            owner=owner,
            submit_by=dt.date(first, 5, 31),
            review_by=dt.date(first, 6, 20),
            publish_by=dt.date(first, 6, 30),
            is_open=is_open,
        )

    @staticmethod
    def _close(campaign: Campaign) -> None:
        campaign.is_open = False
        campaign.save(update_fields=["is_open"])

    @staticmethod
    def _reorganise(history: list[tuple[Unit, Unit, Unit | None]], so: Unit, so_hd: Unit) -> None:
        """1/7/2025: the schools of the Phòng go to their commune, those of Hải Dương's Sở to
        Hải Phòng's; the Phòng close on 30/6/2025 and Hải Dương's Sở merges into Hải Phòng's."""
        start = dt.date(2025, 7, 1)
        for school, office, commune in history:
            target = commune or so
            if office.pk != target.pk:
                move_unit(school, target, on=start)
        for office in {o.pk: o for _, o, _ in history if o.kind == Unit.Kind.DISTRICT}.values():
            close_unit(office, on=dt.date(2025, 6, 30))
        close_unit(so_hd, on=dt.date(2025, 6, 30), merged_into=so)

    def _outlines(self, so: Unit, dk: Unit, users: dict[str, Any]) -> None:
        """S3's monthly report, now written by the office acting for UBND phường Hưng Đạo, one
        period written; the Sở's own outline of the yearly report (S0's words) and Hưng Đạo's
        yearly report on it, its first sections written."""

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
                "recipient": "Chủ tịch Ủy ban nhân dân phường Hưng Đạo",
                "text": builtin.MONTHLY,
            },
            by=users["dk.lanhdao"],
        )
        report = services.start_report(dk, monthly, "tháng 10/2026", by=users["dk.lanhdao"])
        services.save_report(
            report,
            {
                "number": "215/BC-VHXH",
                "slot_0": "Phòng Văn hóa – Xã hội tham mưu Ủy ban nhân dân phường ban hành Kế hoạch số 24/KH-UBND về chuyển đổi số năm học 2026-2027; hướng dẫn các trường tự đánh giá theo Quyết định 4725/QĐ-BGDĐT.",
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
                "slot_1": "Được Ủy ban nhân dân phường và Sở GDĐT hướng dẫn kịp thời; 100% giáo "
                "viên có tài khoản bồi dưỡng trực tuyến.",
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
            user = user_model.objects.create_user(
                username, email=address(username), password=PASSWORD, first_name=full_name
            )
            Membership.objects.create(user=user, unit=Unit.objects.get(code=code), role=role)
            users[username] = user
        return users

    def _head_for(self, school: Unit, users: dict[str, Any]) -> Any:
        featured = {"DK-TH-03": "hungdao.hieutruong", "SO-THPT-01": "tranphu.hieutruong"}
        if school.code in featured:
            return users[featured[school.code]]
        username = f"{school.code.lower()}.ht"
        user = get_user_model().objects.create_user(
            username, email=address(username), first_name=province.person_name(school.pk)
        )
        user.set_unusable_password()
        user.save(update_fields=["password"])
        Membership.objects.create(user=user, unit=school, role=Role.HEAD)
        return user

    def _office_head_for(self, office: Unit) -> Any:
        username = f"{office.code.lower()}.lanhdao"
        user = get_user_model().objects.create_user(
            username, email=address(username), first_name=province.person_name(office.pk + 7)
        )
        user.set_unusable_password()
        user.save(update_fields=["password"])
        Membership.objects.create(user=user, unit=office, role=Role.OFFICE_HEAD)
        return user

    def _fill(self, assessment: Assessment, facts: dict[str, Any], head: Any) -> Assessment:
        return actions.save_answers(
            assessment, facts=facts, expected_version=assessment.version, by=head
        )

    def _council(
        self, assessment: Assessment, head: Any, dates: tuple[dt.date, dt.date, dt.date]
    ) -> Assessment:
        """The council's decision, its minutes and the approval, in that order (`dates`)."""
        council, minutes, approval = dates
        chief, deputy = plan_tasks.titles(assessment.unit)
        data = {
            "council_decision_number": f"{assessment.unit.pk:02d}/QĐ-HĐCĐS",
            "council_decision_date": council,
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
            "minutes_date": minutes,
            "minutes_summary": "Hội đồng họp, rà soát minh chứng từng tiêu chí và thống nhất điểm tự đánh giá.",
            "approval_decision_number": f"{assessment.unit.pk + 10:02d}/QĐ-PDKQ",
            "approval_decision_date": approval,
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

    def _history_year(
        self,
        campaign: Campaign,
        school: Unit,
        head: Any,
        office_head: Any,
        rng: random.Random,
        year: int,
        *,
        strength: float | None = None,
    ) -> None:
        """A past year's result, published in the spring of `year` (its dates set to then)."""
        strength = rng.random() if strength is None else strength
        assessment = Assessment.objects.create(campaign=campaign, unit=school)
        assessment = self._fill(assessment, school_facts(rng, max(0.0, strength - 0.15)), head)
        dates = (dt.date(year, 3, 16), dt.date(year, 4, 10), dt.date(year, 4, 15))
        assessment = self._council(assessment, head, dates)
        self._evidence(assessment, head, with_file=False)
        actions.submit(assessment, by=head)
        actions.recognise(assessment, by=office_head)
        actions.publish(assessment, by=office_head)
        # Most submitted before the 31/5 deadline, a few late; recognised by 20/6, published by
        # 30/6 (before the districts closed, for 2024-2025).
        day = rng.randint(2, 28) if rng.random() < 0.85 else rng.randint(31, 35)
        submitted = dt.datetime(year, 5, 1, 9, tzinfo=dt.UTC) + dt.timedelta(days=day)
        recognised = max(
            submitted + dt.timedelta(days=3), dt.datetime(year, 6, 5, 9, tzinfo=dt.UTC)
        )
        recognised = min(recognised, dt.datetime(year, 6, 20, 9, tzinfo=dt.UTC))
        Assessment.objects.filter(pk=assessment.pk).update(
            submitted_at=submitted,
            recognised_at=recognised,
            published_at=recognised + dt.timedelta(days=5),
        )

    def _current_year(
        self,
        campaign: Campaign,
        school: Unit,
        head: Any,
        deciders: tuple[Any, Any],
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
        # This school year's council met in the autumn of 2026 (nothing dated in 2027 yet).
        dates = (dt.date(2026, 10, 12), dt.date(2026, 11, 9), dt.date(2026, 11, 13))
        assessment = self._council(assessment, head, dates)
        self._evidence(assessment, head, with_file=position % 3 == 0)
        if state == "draft_complete":
            return
        assessment = actions.submit(assessment, by=head)
        if state == "submitted":
            return
        actions.return_for_supplement(
            assessment,
            by=deciders[0],
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
        assessment = actions.recognise(assessment, by=deciders[1])
        if state == "recognised":
            return
        actions.publish(assessment, by=deciders[1])

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
        self.stdout.write(
            f"Mỗi người dùng minh họa có email <tên đăng nhập>@{MAIL_DOMAIN} (tên miền dành riêng, "
            "không gửi đi đâu): email nhắc hạn của bản dùng thử được in ra cửa sổ này."
        )
