"""Commune roles (UBND cấp xã, since 1/7/2025) in the authorisation rules: a school moved from its
Phòng to its UBND phường keeps its 2024-2025 result on the Phòng's line; the commune reviews and
recognises from 2025-2026 on, and reads (never changes) the history.

Expectations are written by hand from the roles, not computed by the policy module.
"""

from __future__ import annotations

import datetime as dt

import pytest

from chiso.assessments import access, actions
from chiso.assessments.models import Assessment, Campaign
from chiso.units import policy
from chiso.units.models import Unit
from chiso.units.services import close_unit, create_unit, move_unit
from tests.conftest import PASSWORD, fill, make_user
from tests.units.test_authorization_matrix import UNIT_SCREENS, all_routes, route_kind

Role = policy.Role


@pytest.fixture
def moved(world, django_user_model):
    """Phòng Dương Kinh managed Trường Tiểu học Hưng Đạo until 30/6/2025; UBND phường Hưng Đạo
    since 1/7/2025. A second commune (Đa Phúc) manages its own school."""
    u, so = world.units, world.units["so_a"]
    u["old_phong"] = create_unit(
        name="Phòng Giáo dục và Đào tạo quận Dương Kinh",
        kind=Unit.Kind.DISTRICT,
        parent=so,
        code="PGD-DK",
    )
    u["xa"] = create_unit(
        name="Ủy ban nhân dân phường Hưng Đạo",
        kind=Unit.Kind.COMMUNE,
        parent=so,
        code="XA-HD",
        acting_office="Phòng Văn hóa – Xã hội",
    )
    u["xa2"] = create_unit(
        name="Ủy ban nhân dân phường Đa Phúc", kind=Unit.Kind.COMMUNE, parent=so, code="XA-DP"
    )
    u["hd"] = create_unit(
        name="Trường Tiểu học Hưng Đạo",
        kind=Unit.Kind.INSTITUTION,
        parent=u["old_phong"],
        institution_type="TH",
        code="DK-TH-03",
    )
    u["dp"] = create_unit(
        name="Trường Mầm non Đa Phúc",
        kind=Unit.Kind.INSTITUTION,
        parent=u["xa2"],
        institution_type="MN",
        code="DP-MN-01",
    )
    users = world.users
    for name, key, role in [
        ("hd_head", "hd", Role.HEAD),
        ("xa_reviewer", "xa", Role.REVIEWER),
        ("xa_head", "xa", Role.OFFICE_HEAD),
        ("xa2_head", "xa2", Role.OFFICE_HEAD),
        ("old_phong_head", "old_phong", Role.OFFICE_HEAD),
    ]:
        users[name] = make_user(django_user_model, name, u[key], role)
    old = Campaign.objects.create(name="Đánh giá CĐS", school_year="2024-2025", owner=so)
    world.assessments["hd_2024"] = hd_2024 = Assessment.objects.create(campaign=old, unit=u["hd"])
    move_unit(u["hd"], u["xa"], on=dt.date(2025, 7, 1))
    close_unit(u["old_phong"], on=dt.date(2025, 6, 30))
    new = Campaign.objects.create(name="Đánh giá CĐS", school_year="2025-2026", owner=so)
    u["hd"].refresh_from_db()
    world.assessments["hd_2025"] = Assessment.objects.create(campaign=new, unit=u["hd"])
    world.assessments["dp_2025"] = Assessment.objects.create(campaign=new, unit=u["dp"])
    for key in ("hd_2024", "hd_2025", "dp_2025"):
        world.assessments[key].refresh_from_db()
    assert hd_2024.managing_body_id == u["old_phong"].pk
    return world


def test_each_result_keeps_the_body_that_managed_its_unit_that_year(moved):
    u, a = moved.units, moved.assessments
    assert a["hd_2024"].managing_body_id == u["old_phong"].pk
    assert a["hd_2025"].managing_body_id == u["xa"].pk
    assert a["dp_2025"].managing_body_id == u["xa2"].pk
    # A result of the old year opened only now is still the Phòng's.
    late = Campaign.objects.create(name="Nhập bổ sung", school_year="2024-2025", owner=u["so_a"])
    assert Assessment.objects.create(campaign=late, unit=u["hd"]).managing_body_id == (
        u["old_phong"].pk
    )


# What each user may do on each result: written by hand.
EXPECTED = {
    # user: {assessment: {actions allowed}}
    "xa_reviewer": {"hd_2024": {"view"}, "hd_2025": {"view", "review", "return"}},
    "xa_head": {
        "hd_2024": {"view"},
        "hd_2025": {"view", "review", "return", "recognise", "publish", "reopen"},
    },
    "xa2_head": {"dp_2025": {"view", "review", "return", "recognise", "publish", "reopen"}},
    # The Sở decides on its Phòng's history; on the communes' schools it follows unless the
    # campaign names it (tests/units/test_review_settings.py).
    "so_head": {
        "hd_2024": {"view", "review", "return", "recognise", "publish", "reopen"},
        "hd_2025": {"view"},
        "dp_2025": {"view"},
    },
    "hd_head": {"hd_2024": {"view", "edit", "submit"}, "hd_2025": {"view", "edit", "submit"}},
    "old_phong_head": {},  # the Phòng closed on 30/6/2025: its staff sign in to nothing
    "office_head": {},  # another Phòng of the same Sở
}
ACTIONS = ("view", "edit", "submit", "review", "return", "recognise", "publish", "reopen")


@pytest.mark.parametrize("username", sorted(EXPECTED))
def test_commune_roles_act_only_on_their_years_results(moved, username):
    user = moved.users[username]
    for key in ("hd_2024", "hd_2025", "dp_2025"):
        allowed = {act for act in ACTIONS if policy.can(user, act, moved.assessments[key])}
        assert allowed == EXPECTED[username].get(key, set()), (username, key)


@pytest.mark.parametrize("username", sorted(EXPECTED))
def test_the_list_of_results_matches_what_each_role_may_open(moved, username):
    user = moved.users[username]
    listed = set(access.visible_assessments(user).values_list("pk", flat=True))
    for key in ("hd_2024", "hd_2025", "dp_2025"):
        assessment = moved.assessments[key]
        assert (assessment.pk in listed) == ("view" in EXPECTED[username].get(key, set())), key


def test_a_commune_cannot_return_or_recognise_the_phongs_history(moved):
    xa_head, a = moved.users["xa_head"], moved.assessments
    fill(a["hd_2024"], moved.users["hd_head"])
    a["hd_2024"].refresh_from_db()
    actions.submit(a["hd_2024"], by=moved.users["hd_head"])
    with pytest.raises(actions.ActionRefused):
        actions.recognise(a["hd_2024"], by=xa_head)
    with pytest.raises(actions.ActionRefused):
        actions.return_for_supplement(a["hd_2024"], by=xa_head, reason="Thiếu minh chứng")
    assert Assessment.objects.get(pk=a["hd_2024"].pk).status == Assessment.Status.SUBMITTED
    actions.recognise(a["hd_2024"], by=moved.users["so_head"])  # the Sở still can


def test_a_commune_recognises_its_schools_result_of_the_new_year(moved):
    a = moved.assessments["hd_2025"]
    fill(a, moved.users["hd_head"])
    a.refresh_from_db()
    a = actions.submit(a, by=moved.users["hd_head"])
    a = actions.recognise(a, by=moved.users["xa_head"])
    assert a.status == Assessment.Status.RECOGNISED


def test_another_commune_gets_404_on_every_screen_of_the_school(client, moved, settings):
    settings.EVIDENCE_CAPTURE_ENABLED = False
    client.login(username="xa2_head", password=PASSWORD)
    checked = 0
    for name, pattern in all_routes():
        if not name.startswith(UNIT_SCREENS) or route_kind(pattern) != "assessment":
            continue
        if "pk" not in pattern.pattern.converters:
            continue
        for key in ("hd_2024", "hd_2025"):
            url = "/" + str(pattern.pattern).replace("<int:pk>", str(moved.assessments[key].pk))
            url = url.replace("<int:evidence_id>", "1").replace("<str:criterion_id>", "1.4")
            url = url.replace("<str:name>", "bao-cao.docx")
            assert client.get(url).status_code in (404, 405), url
            assert client.post(url, {"action": "recognise", "version": 1}).status_code == 404, url
            checked += 1
    assert checked > 5


def test_the_commune_opens_its_schools_current_result_and_history(client, moved):
    client.login(username="xa_head", password=PASSWORD)
    for key in ("hd_2024", "hd_2025"):
        response = client.get(f"/danh-gia/{moved.assessments[key].pk}/", follow=True)
        assert response.status_code == 200, key
        assert "Trường Tiểu học Hưng Đạo" in response.content.decode()
    history = f"/danh-gia/{moved.assessments['hd_2024'].pk}/tham-dinh/"
    page = client.get(history, follow=True)  # read-only (or its form, while still a draft)
    assert page.status_code == 200 and "Công nhận kết quả" not in page.content.decode()
    assert client.post(history, {"action": "reopen", "reason": "x"}).status_code == 404
