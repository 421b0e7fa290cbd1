"""The shared world: the Bộ, two Sở, Phòng under each, schools, one user of every role (the
national administrator at the Bộ among them), and outsiders."""

from __future__ import annotations

import datetime as dt
import os
import socket
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.core.servers.basehttp import ThreadedWSGIServer
from django.test.testcases import LiveServerThread
from hypothesis import settings as hypothesis_settings

from chiso.assessments.models import Assessment, Campaign
from chiso.units.models import Membership, Unit
from chiso.units.services import create_unit

# CI draws the same examples at every run (a red CI is then a real regression, never a new
# random draw); locally every run explores new ones.
hypothesis_settings.register_profile("ci", derandomize=True, print_blob=True)
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

PASSWORD = "mat-khau-thu-nghiem-1"
Role = Membership.Role

COMPLETE_FACTS: dict[str, Any] = {
    "online_teaching_plan": True,
    "online_teaching_regulation": True,
    "live_teaching_software": True,
    "lms_deployed": True,
    "lms_assign_self_study": True,
    "lms_teacher_answers": True,
    "lms_regular_assessment": False,
    "lms_parent_participation": False,
    "approved_digital_materials": 41,
    "computer_room_exams": True,
    "exam_software_linked": False,
    "teachers_total": 39,
    "teachers_with_training_account": 39,
    "teachers_using_teaching_tools": 20,
    "teachers_building_materials": 10,
    "classrooms_total": 20,
    "classrooms_equipped": 15,
    "informatics_level": "2",
    "studio_room": False,
    "it_steering_body": True,
    "it_plan": True,
    "mgmt_usage_regulation": True,
    "student_module": True,
    "e_gradebook": True,
    "e_transcript": True,
    "staff_module": True,
    "facilities_module": False,
    "school_health_module": False,
    "accounting_module": True,
    "sector_db_exchange": True,
    "family_school_app": True,
    "online_admission": False,
    "cashless_fees": True,
}


@dataclass
class World:
    units: dict[str, Unit] = field(default_factory=dict)
    users: dict[str, Any] = field(default_factory=dict)
    campaign: Campaign | None = None
    assessments: dict[str, Assessment] = field(default_factory=dict)


def make_user(django_user_model: Any, username: str, unit: Unit, role: str) -> Any:
    user = django_user_model.objects.create_user(username, password=PASSWORD)
    Membership.objects.create(user=user, unit=unit, role=role)
    return user


@pytest.fixture
def world(db: Any, django_user_model: Any) -> World:
    w = World()
    u = w.units
    u["bo"] = create_unit(name="Bộ Giáo dục và Đào tạo", kind=Unit.Kind.MINISTRY, code="BO")
    u["so_a"] = create_unit(name="Sở GDĐT A", kind=Unit.Kind.DEPARTMENT, parent=u["bo"], code="SOA")
    u["so_b"] = create_unit(name="Sở GDĐT B", kind=Unit.Kind.DEPARTMENT, parent=u["bo"], code="SOB")
    u["phong_a"] = create_unit(
        name="Phòng GDĐT A1", kind=Unit.Kind.DISTRICT, parent=u["so_a"], code="PA1"
    )
    u["phong_b"] = create_unit(
        name="Phòng GDĐT B1", kind=Unit.Kind.DISTRICT, parent=u["so_b"], code="PB1"
    )
    u["school"] = create_unit(
        name="Trường Tiểu học Chu Văn An",
        kind=Unit.Kind.INSTITUTION,
        parent=u["phong_a"],
        institution_type="TH",
        code="TH-CVA",
    )
    u["sibling"] = create_unit(
        name="Trường THCS Lê Lợi",
        kind=Unit.Kind.INSTITUTION,
        parent=u["phong_a"],
        institution_type="THCS",
        code="THCS-LL",
    )
    u["direct"] = create_unit(
        name="Trường THPT Trần Phú",
        kind=Unit.Kind.INSTITUTION,
        parent=u["so_a"],
        institution_type="THPT",
        code="THPT-TP",
    )
    u["other"] = create_unit(
        name="Trường Tiểu học Bế Văn Đàn",
        kind=Unit.Kind.INSTITUTION,
        parent=u["phong_b"],
        institution_type="TH",
        code="TH-BVD",
    )
    for name, unit, role in [
        ("member", "school", Role.MEMBER),
        ("head", "school", Role.HEAD),
        ("reviewer", "phong_a", Role.REVIEWER),
        ("office_head", "phong_a", Role.OFFICE_HEAD),
        ("so_reviewer", "so_a", Role.REVIEWER),
        ("so_head", "so_a", Role.OFFICE_HEAD),
        ("admin", "so_a", Role.ADMIN),
        ("national_admin", "bo", Role.ADMIN),  # the national role: owner of national indices
        ("sibling_head", "sibling", Role.HEAD),
        ("other_head", "other", Role.HEAD),
        ("other_reviewer", "phong_b", Role.REVIEWER),
        ("other_office_head", "phong_b", Role.OFFICE_HEAD),
    ]:
        w.users[name] = make_user(django_user_model, name, u[unit], role)
    w.campaign = Campaign.objects.create(
        name="Đánh giá CĐS", school_year="2024-2025", owner=u["bo"], submit_by=dt.date(2025, 5, 31)
    )
    for key in ("school", "sibling", "direct", "other"):
        w.assessments[key] = Assessment.objects.create(campaign=w.campaign, unit=u[key])
    return w


def fill(assessment: Assessment, user: Any, facts: dict[str, Any] | None = None) -> Assessment:
    from chiso.assessments import actions

    assessment.refresh_from_db()
    return actions.save_answers(
        assessment, facts=facts or COMPLETE_FACTS, expected_version=assessment.version, by=user
    )


class _NoDelayWSGIServer(ThreadedWSGIServer):
    """The live test server without Nagle's delay: Django writes a response's headers and body
    separately, and with delayed ACKs every keep-alive request then waits about 40 ms."""

    def get_request(self) -> Any:
        connection, address = super().get_request()
        connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        return connection, address


LiveServerThread.server_class = _NoDelayWSGIServer


REFERENCE_DATA = (  # the data migrations create, loaded again by each one (get_or_create)
    "chiso.inventory.migrations.0002_plan_default_catalogue",
    "chiso.plans.migrations.0002_plan_s4_outline",
)


@pytest.fixture(autouse=True)
def reference_data(request: Any) -> None:
    """A transactional test (the live server makes one) flushes every table after it, the
    reference data migrations created included: put it back for the next one."""
    marker = request.node.get_closest_marker("django_db")
    transactional = "live_server" in request.fixturenames or (
        marker is not None and marker.kwargs.get("transaction")
    )
    if not transactional:
        return
    import importlib

    from django.apps import apps

    request.getfixturevalue("transactional_db")
    for module in REFERENCE_DATA:
        importlib.import_module(module).load(apps, None)


@pytest.fixture(autouse=True)
def fast_password_hashing(settings: Any) -> None:
    """Argon2 is the production hasher (tested in tests/web); tests create many users."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def close_streaming(response: Any) -> None:
    """Close a streamed file response without ending the test's database connection.

    response.close() fires request_finished, whose close_old_connections handler would close
    the connection the test is still using (the test client disconnects it the same way).
    """
    from django.core.signals import request_finished
    from django.db import close_old_connections

    request_finished.disconnect(close_old_connections)
    try:
        response.close()
    finally:
        request_finished.connect(close_old_connections)


@pytest.fixture(autouse=True)
def isolated_media_and_inline_jobs(settings: Any, tmp_path: Any) -> None:
    """Files of each test in its own folder; background jobs run at once when their
    transaction commits (tests/jobs runs them through the thread and the Redis queue too)."""
    settings.MEDIA_ROOT = tmp_path / "media"
    default = settings.STORAGES["default"]
    if default["BACKEND"].endswith("FileSystemStorage"):  # the location is fixed at start-up
        options = {**default.get("OPTIONS", {}), "location": str(tmp_path / "media")}
        settings.STORAGES = {**settings.STORAGES, "default": {**default, "OPTIONS": options}}
    settings.JOBS_BACKEND = "inline"


@pytest.fixture(autouse=True)
def empty_cache() -> Any:
    """Cached figures (the dashboard's past years, parsed index versions) never leak from one
    test to the next."""
    from django.core.cache import cache

    from chiso.frameworks import registry

    cache.clear()
    registry.clear_cache()
    yield
    cache.clear()
    registry.clear_cache()
