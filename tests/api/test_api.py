"""The JSON API: token auth, the same scoping and actions as the screens, errors in one shape."""

from __future__ import annotations

import json
import re

import pytest

from chiso.api.models import ApiToken
from chiso.api.schema import SCHEMA
from chiso.assessments.models import Assessment, ItemComment
from chiso.audit.models import AuditEntry
from tests.conftest import COMPLETE_FACTS, PASSWORD, fill
from tests.units.test_authorization_matrix import VISIBLE


def bearer(world, username):
    _, token = ApiToken.issue(world.users[username], "thử")
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}


def post(client, url, data, auth):
    return client.post(url, json.dumps(data), content_type="application/json", **auth)


def test_tokens_are_stored_hashed_and_revocable(client, world):
    token, clear = ApiToken.issue(world.users["member"], "phần mềm trường")
    assert clear.startswith("chiso_") and clear not in token.key_hash
    assert client.get("/api/v1/units/", HTTP_AUTHORIZATION=f"Bearer {clear}").status_code == 200
    token.revoked = True
    token.save()
    response = client.get("/api/v1/units/", HTTP_AUTHORIZATION=f"Bearer {clear}")
    assert response.status_code == 401 and response.json()["error"]["code"] == "invalid_token"
    assert client.get("/api/v1/units/").json()["error"]["code"] == "unauthenticated"


@pytest.mark.parametrize("username", sorted(VISIBLE))
def test_every_role_sees_through_the_api_exactly_what_it_sees_on_screen(client, world, username):
    auth = bearer(world, username)
    listed = {a["id"] for a in client.get("/api/v1/assessments/", **auth).json()["results"]}
    assert listed == {world.assessments[k].pk for k in VISIBLE[username]}
    for key, a in world.assessments.items():
        expected = 200 if key in VISIBLE[username] else 404
        assert client.get(f"/api/v1/assessments/{a.pk}/", **auth).status_code == expected, (
            username,
            key,
        )
        if key not in VISIBLE[username]:
            for url, body in ((f"/api/v1/assessments/{a.pk}/facts/", {"version": 1, "facts": {"studio_room": True}}),
                              (f"/api/v1/assessments/{a.pk}/transitions/", {"action": "recognise"})):  # fmt: skip
                assert post(client, url, body, auth).status_code == 404, (username, url)
    assert all(a.version == 1 for a in Assessment.objects.all())


def test_a_school_saves_facts_and_submits_through_the_api_and_it_is_audited(
    client, world, settings
):
    settings.EVIDENCE_CAPTURE_ENABLED = False
    a = world.assessments["school"]
    member, head, office = (
        bearer(world, "member"),
        bearer(world, "head"),
        bearer(world, "office_head"),
    )
    saved = post(
        client,
        f"/api/v1/assessments/{a.pk}/facts/",
        {"version": 1, "facts": COMPLETE_FACTS},
        member,
    )
    assert (
        saved.status_code == 200 and saved.json()["version"] == 2 and saved.json()["group1_level"]
    )
    stale = post(
        client,
        f"/api/v1/assessments/{a.pk}/facts/",
        {"version": 1, "facts": {"studio_room": True}},
        member,
    )
    assert stale.status_code == 409 and stale.json()["error"]["code"] == "stale_version"
    refused = post(client, f"/api/v1/assessments/{a.pk}/transitions/", {"action": "submit"}, member)
    assert refused.status_code == 403  # a member enters data; the head submits
    submitted = post(client, f"/api/v1/assessments/{a.pk}/transitions/", {"action": "submit"}, head)
    assert submitted.status_code == 200 and submitted.json()["status"] == "submitted"
    returned = post(
        client,
        f"/api/v1/assessments/{a.pk}/transitions/",
        {"action": "return", "reason": ""},
        office,
    )
    assert returned.status_code == 400 and "lý do" in returned.json()["error"]["message"]
    recognised = post(
        client, f"/api/v1/assessments/{a.pk}/transitions/", {"action": "recognise"}, office
    )
    assert recognised.json()["status"] == "recognised"
    verbs = list(AuditEntry.objects.filter(target_id=a.pk).values_list("verb", "actor__username"))
    assert ("assessment.edit", "member") in verbs and (
        "assessment.recognise",
        "office_head",
    ) in verbs
    detail = client.get(f"/api/v1/assessments/{a.pk}/", **member).json()
    assert detail["facts"]["teachers_total"] == 39 and detail["scorecard"]["groups"]


def test_bad_input_gets_a_clear_json_error_never_a_server_error(client, world):
    a = world.assessments["school"]
    auth = bearer(world, "member")
    url = f"/api/v1/assessments/{a.pk}/facts/"
    for body, status, code in [
        (b"not json", 400, "invalid_json"), (b"[1, 2]", 400, "invalid_json"),
        (json.dumps({"facts": {}}).encode(), 400, "invalid_field"),
        (json.dumps({"version": 0, "facts": {}}).encode(), 400, "invalid_field"),
        (json.dumps({"version": 1, "facts": {}, "extra": 1}).encode(), 400, "invalid_field"),
        (b"[" * 100_000, 400, "invalid_json"),
        ("\ud800".encode("utf-8", "surrogatepass"), 400, "invalid_json"),
        # Well formed, but not what this assessment's index takes:
        (json.dumps({"version": 1, "facts": {"khong_co": 1}}).encode(), 422, "unknown_fact"),
        (json.dumps({"version": 1, "facts": {"teachers_total": "ba mươi"}}).encode(), 422, "invalid_fact"),
        (json.dumps({"version": 1, "facts": {"studio_room": "có"}}).encode(), 422, "invalid_fact"),
        (json.dumps({"version": 1, "facts": {"teachers_total": 10**7}}).encode(), 422, "invalid_fact"),
    ]:  # fmt: skip
        response = client.post(url, body, content_type="application/json", **auth)
        assert response.status_code == status and response.json()["error"]["code"] == code, body
    assert client.get("/api/v1/assessments/?page=x", **auth).status_code == 400
    assert client.get("/api/v1/assessments/?status=xyz", **auth).status_code == 400
    assert client.get("/api/v1/assessments/?page=0", **auth).status_code == 400
    assert client.get("/api/v1/assessments/?page=99", **auth).status_code == 404
    assert client.get(f"/api/v1/assessments/{2**63}/", **auth).status_code == 404
    for odd in ("/api/v1/assessments/null%2Cnull/facts/", "/api/v1/khong-co/"):
        for method in (client.get, client.post, client.delete):
            response = method(odd, **auth)
            assert response.status_code == 404 and response.json()["error"]["code"] == "not_found"
    refused = client.delete(url, **auth)
    assert refused.status_code == 405 and refused["Allow"] == "POST"
    as_form = client.post(url, {"version": 1}, **auth)
    assert (
        as_form.status_code == 415 and as_form.json()["error"]["code"] == "unsupported_media_type"
    )
    typed = client.post(url, json.dumps({"version": 1, "facts": {"teachers_total": "ba mươi"}}),
                        content_type="application/json", **auth).json()["error"]  # fmt: skip
    assert typed["fields"] == {"teachers_total": "số nguyên từ 0 đến 1.000.000"}
    assert "Tổng số giáo viên" in typed["message"]
    assert Assessment.objects.get(pk=a.pk).version == 1  # nothing saved
    nul = client.get("/api/v1/assessments/?status=draft%00", **auth)
    assert nul.status_code == 400 and nul.json()["error"]["code"] == "invalid_character"
    nul = post(client, url, {"version": 1, "facts": {"informatics_level": "2\x00"}}, auth)
    assert nul.status_code == 422 and nul.json()["error"]["code"] == "invalid_fact"
    nul = post(
        client,
        f"/api/v1/assessments/{a.pk}/transitions/",
        {"action": "submit", "reason": "\x00"},
        auth,
    )
    assert nul.status_code == 400 and nul.json()["error"]["code"] == "invalid_character"


def test_a_return_needs_a_written_reason_and_control_characters_are_dropped(client, world):
    a = world.assessments["school"]
    fill(a, world.users["member"])
    post(
        client,
        f"/api/v1/assessments/{a.pk}/transitions/",
        {"action": "submit"},
        bearer(world, "head"),
    )
    office = bearer(world, "office_head")
    url = f"/api/v1/assessments/{a.pk}/transitions/"
    for reason in ("", "  \t", "\x1b\x01 ", "x" * 2001, 5):
        refused = post(client, url, {"action": "return", "reason": reason}, office)
        assert refused.status_code == 400, reason
        assert refused.json()["error"]["fields"]["reason"]
    returned = post(client, url, {"action": "return", "reason": "Thiếu\x07 minh chứng 1.4"}, office)
    assert returned.status_code == 200 and returned.json()["status"] == "returned"
    note = AuditEntry.objects.filter(verb="assessment.return").latest("pk").note
    assert note == "Thiếu minh chứng 1.4"


def test_the_browser_session_reads_but_cannot_write_without_a_token(client, world):
    client.login(username="member", password=PASSWORD)
    a = world.assessments["school"]
    assert client.get(f"/api/v1/assessments/{a.pk}/").status_code == 200
    response = post(client, f"/api/v1/assessments/{a.pk}/facts/", {"version": 1, "facts": {}}, {})
    assert response.status_code == 403 and response.json()["error"]["code"] == "token_required"


def test_the_schema_is_served_and_names_every_route(client):
    served = client.get("/api/v1/schema.json").json()
    assert served == json.loads(json.dumps(SCHEMA))
    assert served["openapi"].startswith("3.")
    from chiso.api.urls import urlpatterns

    routes = {
        "/" + re.sub(r"<(?:int|str):(\w+)>", r"{\1}", str(p.pattern))
        for p in urlpatterns
        if p.name not in ("index", "schema", "unknown")
    }
    assert set(served["paths"]) == routes


def test_an_offices_own_assessment_shows_its_roll_up_figures_which_are_not_entered(client, world):
    from chiso.assessments import actions
    from chiso.assessments.models import Campaign

    campaign = Campaign.objects.create(
        name="Tự đánh giá của Phòng, Sở", audience=Campaign.Audience.OFFICES,
        school_year=world.campaign.school_year, framework_id="qd3806-2024",
        owner=world.units["bo"], rollup_source=world.campaign,
    )  # fmt: skip
    office = actions.start(world.units["phong_a"], campaign, by=world.users["office_head"])
    auth = bearer(world, "reviewer")
    facts = client.get(f"/api/v1/assessments/{office.pk}/", **auth).json()["facts"]
    figures = {k: v for k, v in facts.items() if isinstance(v, dict)}
    assert figures and all(set(v) == {"numerator", "denominator"} for v in figures.values())
    name = next(iter(figures))
    refused = post(client, f"/api/v1/assessments/{office.pk}/facts/",
                   {"version": office.version, "facts": {name: "3/4"}}, auth)  # fmt: skip
    assert refused.status_code == 422 and "không nhập" in refused.json()["error"]["fields"][name]
    schema = SCHEMA["components"]["schemas"]
    assert name in schema["Facts"]["properties"] and name not in schema["FactsInput"]["properties"]


# -- A return through the API: the review screen's per-item reasons and flagged items ----------

CUT = "Chỉ 25 học liệu được phê duyệt"


@pytest.fixture
def reviewed(world, settings):
    """Submitted, with the review scoring 1.4.a below the school's (a reason given)."""
    from chiso.assessments import actions

    settings.EVIDENCE_CAPTURE_ENABLED = False
    a = actions.submit(
        fill(world.assessments["school"], world.users["member"]), by=world.users["head"]
    )
    return actions.set_review_score(
        a, by=world.users["reviewer"], item_id="1.4.a", points="6", reason=CUT
    )


def _returned(client, world, a, data):
    url = f"/api/v1/assessments/{a.pk}/transitions/"
    return post(client, url, {"action": "return", **data}, bearer(world, "reviewer"))


def _unchanged(a):
    stored = Assessment.objects.get(pk=a.pk)
    assert (stored.status, stored.version) == ("submitted", a.version)
    assert not ItemComment.objects.filter(assessment=a).exists()
    assert not AuditEntry.objects.filter(verb="assessment.return").exists()


def test_a_return_through_the_api_gives_each_item_its_reason_as_the_screen_does(
    client, world, reviewed
):
    response = _returned(
        client,
        world,
        reviewed,
        {
            "reason": "Cần bổ sung minh chứng",
            "items": {"1.6": "Thiếu số giáo viên\x07 có tài khoản", "1.5": ""},
            "flagged": ["1.6"],
        },
    )
    assert response.status_code == 200 and response.json()["status"] == "returned"
    rows = ItemComment.objects.filter(assessment=reviewed, is_return_reason=True)
    # 1.4.a keeps the review's reason; 1.6 gets the one sent; an empty note sends nothing back.
    assert dict(rows.exclude(item_id="").values_list("item_id", "text")) == {
        "1.4.a": CUT,
        "1.6": "Thiếu số giáo viên có tài khoản",
    }
    assert list(rows.filter(item_id="").values_list("text", flat=True)) == [
        "Cần bổ sung minh chứng"
    ]


def test_a_return_short_of_item_reasons_names_the_items_and_saves_nothing(client, world, reviewed):
    response = _returned(
        client,
        world,
        reviewed,
        {"reason": "Cần bổ sung", "items": {"1.4.a": " "}, "flagged": ["1.6"]},
    )
    problem = response.json()["error"]
    assert response.status_code == 409 and problem["code"] == "missing_reasons"
    assert problem["missing"] == ["1.4.a", "1.6"]
    assert "còn thiếu lý do ở 1.4.a, 1.6" in problem["message"]
    assert "1.4.a, 1.6" in problem["fields"]["items"]
    _unchanged(reviewed)
    # Without `items`, the review's own reason for 1.4.a is enough, as on the screen.
    assert _returned(client, world, reviewed, {"reason": "Bổ sung"}).status_code == 200


def test_bad_items_or_flagged_get_a_400_naming_the_field_and_unknown_ids_a_409(
    client, world, reviewed
):
    for data, field in [
        ({"items": ["1.4.a"]}, "items"),
        ({"items": None}, "items"),
        ({"items": {"1.4.a": 5}}, "items"),
        ({"items": {"1.4.a": "x" * 2001}}, "items"),
        ({"items": {f"k{i}": "x" for i in range(201)}}, "items"),
        ({"flagged": "1.6"}, "flagged"),
        ({"flagged": [1]}, "flagged"),
    ]:
        response = _returned(client, world, reviewed, {"reason": "Bổ sung", **data})
        problem = response.json()["error"]
        assert response.status_code == 400 and problem["code"] == "invalid_field", data
        assert f"«{field}»" in problem["message"] and problem["fields"][field], data
    nul = _returned(client, world, reviewed, {"reason": "Bổ sung", "items": {"1.4.a": "a\x00"}})
    assert nul.status_code == 400 and nul.json()["error"]["code"] == "invalid_character"
    for data, said in [
        ({"items": {"9.9": "x"}}, "Mục «9.9» không có trong bộ chỉ số."),
        ({"flagged": ["9.9"]}, "Mục «9.9» không có trong bộ chỉ số."),
        ({"items": {"": "x"}}, "phải ghi mã mục"),
    ]:  # the action's own check, as for the screen
        response = _returned(client, world, reviewed, {"reason": "Bổ sung", **data})
        problem = response.json()["error"]
        assert response.status_code == 409 and problem["code"] == "refused", data
        assert said in problem["message"], data
    _unchanged(reviewed)


def test_items_and_flagged_are_only_for_a_return(client, world, reviewed):
    url = f"/api/v1/assessments/{reviewed.pk}/transitions/"
    office = bearer(world, "office_head")
    for extra in ({"items": {"1.4.a": "x"}}, {"flagged": ["1.6"]}):
        response = post(client, url, {"action": "recognise", **extra}, office)
        problem = response.json()["error"]
        assert response.status_code == 400 and problem["code"] == "invalid_field"
        assert set(problem["fields"]) == set(extra) and "action, reason" in problem["message"]
    assert Assessment.objects.get(pk=reviewed.pk).status == "submitted"
    body = SCHEMA["paths"]["/api/v1/assessments/{pk}/transitions/"]["post"]["requestBody"]
    shapes = body["content"]["application/json"]["schema"]["oneOf"]
    assert [sorted(s["properties"]) for s in shapes] == [
        ["action", "reason"],
        ["action", "flagged", "items", "reason"],
        ["action", "reason"],
    ]


def test_the_office_head_reopens_a_recognised_result_through_the_api_with_a_reason(client, world):
    a = world.assessments["school"]
    fill(a, world.users["member"])
    url = f"/api/v1/assessments/{a.pk}/transitions/"
    post(client, url, {"action": "submit"}, bearer(world, "head"))
    head = bearer(world, "office_head")
    assert post(client, url, {"action": "recognise"}, head).json()["status"] == "recognised"
    for reason in ("", "  ", None):
        body = {"action": "reopen"} if reason is None else {"action": "reopen", "reason": reason}
        refused = post(client, url, body, head)
        assert refused.status_code == 400 and refused.json()["error"]["fields"]["reason"]
    reviewer = post(
        client, url, {"action": "reopen", "reason": "Sai 1.6"}, bearer(world, "reviewer")
    )
    assert reviewer.status_code == 403
    assert Assessment.objects.get(pk=a.pk).status == "recognised"
    reopened = post(client, url, {"action": "reopen", "reason": "Phát hiện sai số liệu 1.6"}, head)
    assert reopened.status_code == 200 and reopened.json()["status"] == "returned"
    entry = AuditEntry.objects.filter(verb="assessment.reopen", target_id=a.pk).get()
    assert entry.note == "Phát hiện sai số liệu 1.6"
