"""Every route × every role × own / other unit: nobody reads or changes what is not theirs.

The expectations below are written by hand from the roles, not computed by the policy module.
"""

from __future__ import annotations

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from chiso.assessments.models import Assessment
from chiso.audit.models import AuditEntry
from chiso.evidence.models import Evidence
from tests.conftest import PASSWORD, close_streaming

# Which assessments each user may open at all.
VISIBLE = {
    "member": {"school"},
    "head": {"school"},
    "reviewer": {"school", "sibling"},
    "office_head": {"school", "sibling"},
    "so_reviewer": {"school", "sibling", "direct"},
    "so_head": {"school", "sibling", "direct"},
    "admin": {"school", "sibling", "direct"},
    "national_admin": {"school", "sibling", "direct", "other"},
    "sibling_head": {"sibling"},
    "other_head": {"other"},
    "other_reviewer": {"other"},
    "other_office_head": {"other"},
}
# Which office lists each user may open.
OFFICES = {
    "reviewer": {"phong_a"},
    "office_head": {"phong_a"},
    "so_reviewer": {"so_a", "phong_a"},
    "so_head": {"so_a", "phong_a"},
    "admin": {"so_a", "phong_a"},
    "national_admin": {"bo", "so_a", "phong_a", "so_b", "phong_b"},
    "other_reviewer": {"phong_b"},
    "other_office_head": {"phong_b"},
}
PUBLIC = {
    "assessments:public",
    "web:login",
    "web:logout",
    "web:health",
    "ops:ready",  # readiness probe: status of database, schema, storage; no data
    "set_language",
    "api:schema",  # the OpenAPI description holds no data
    "api:unknown",  # any other path under /api/v1/: the JSON 404
}  # set_language: a cookie only


def all_routes() -> list[tuple[str, URLPattern]]:
    routes = []

    def walk(patterns, namespace=""):
        for p in patterns:
            if isinstance(p, URLResolver):
                walk(p.url_patterns, f"{namespace}{p.namespace}:" if p.namespace else namespace)
            else:
                routes.append((f"{namespace}{p.name}", p))

    walk(get_resolver().url_patterns)
    return routes


def url_for(route: URLPattern, assessment: Assessment, evidence: Evidence, unit_pk: int) -> str:
    template = str(route.pattern)
    url = "/" + template
    url = url.replace("<int:pk>", str(unit_pk if "don-vi" in url else assessment.pk))
    url = url.replace("<int:evidence_id>", str(evidence.pk))
    return url.replace("<str:criterion_id>", "1.4")


@pytest.fixture
def evidence(world):
    out = {}
    for key, a in world.assessments.items():
        out[key] = Evidence.objects.create(
            assessment=a,
            target_id="1.4",
            kind=Evidence.Kind.LINK,
            url="https://example.edu.vn/hoc-lieu",
        )
    return out


def full_paths():
    from chiso import urls

    prefixes = {}
    for p in urls.urlpatterns:
        prefixes[p.urlconf_name if isinstance(p.urlconf_name, str) else ""] = str(p.pattern)
    return prefixes


def route_kind(pattern: URLPattern) -> str:
    """What a route's first argument names, read from its path: an assessment, an office, an
    index version or campaign, or nothing of a unit's."""
    path = str(pattern.pattern)
    if path.startswith(("danh-gia/<int:pk>/", "danh-gia/bat-dau/")):
        return "assessment"
    if path.startswith("don-vi/"):
        return "office"
    return "other"


UNIT_SCREENS = ("assessments:", "evidence:", "reports:", "units:")


def route_url(name: str, pattern: URLPattern, world, key: str, evidence) -> str:
    from django.urls import reverse

    kwargs = {}
    for param in pattern.pattern.converters:
        if param == "pk":
            office = route_kind(pattern) == "office"
            kwargs["pk"] = world.units[key].pk if office else world.assessments[key].pk
        elif param == "evidence_id":
            kwargs["evidence_id"] = evidence[key].pk
        elif param == "name":
            office = name in API_ROUTES and API_ROUTES[name][0] == "office"
            kwargs["name"] = "tong-hop.xlsx" if office else "bao-cao.docx"
        elif param == "criterion_id":
            kwargs["criterion_id"] = "1.4"
        elif param == "extension":
            kwargs["extension"] = "xlsx"
        elif param == "unit_pk":
            kwargs["unit_pk"] = world.units[key].pk
    return reverse(name, kwargs=kwargs)


def test_every_route_is_covered_by_the_matrix():
    names = {name for name, _ in all_routes()}
    # The user's own password; the load test's bare page (the user's own name, nothing else).
    own_account = {"web:password_change", "web:password_change_done", "ops:bare"}
    assert names - PUBLIC - own_account - {"web:home"} == {
        n
        for n in names - PUBLIC
        if n.startswith(
            (
                *UNIT_SCREENS,
                "jobs:",
                "periodic:",
                "dashboards:",
                "reminders:",  # one's own choice; an office's reminder (tests/reminders)
                "api:",
                "frameworks:",
                *RECORD_PREFIXES,
            )
        )
    }
    assert {n for n in names if n.startswith(RECORD_PREFIXES)} == set(RECORD_ROUTES)
    assert {n for n in names if n.startswith("frameworks:")} | VERSION_ROUTES == set(
        FRAMEWORK_ROUTES
    )
    by_kind = {route_kind(p) for n, p in all_routes() if n.startswith(UNIT_SCREENS)}
    assert by_kind == {"assessment", "office", "other"}
    others = {n for n, p in all_routes() if n.startswith(UNIT_SCREENS)} - {
        n for n, p in all_routes() if route_kind(p) != "other"
    }
    assert others == VERSION_ROUTES | PUBLIC_SCREENS | {"reports:issued_file"}


@pytest.mark.parametrize("username", sorted(VISIBLE))
def test_no_role_reads_or_changes_another_units_data(client, world, evidence, username, settings):
    settings.EVIDENCE_CAPTURE_ENABLED = False
    client.login(username=username, password=PASSWORD)
    before = {k: (a.version, a.status) for k, a in world.assessments.items()}
    audit_before = AuditEntry.objects.count()
    checked = 0
    for name, pattern in all_routes():
        if not name.startswith(UNIT_SCREENS) or name in REGISTER_ROUTES:
            continue
        if route_kind(pattern) == "assessment":
            for key in world.assessments:
                if key in VISIBLE[username]:
                    continue
                url = route_url(name, pattern, world, key, evidence)
                assert client.get(url).status_code in (404, 405), (username, url)
                post = client.post(
                    url,
                    {
                        "version": 1,
                        "action": "recognise",
                        "reason": "x",
                        "fact_studio_room": "co",
                        "title": "x",
                        "url": "https://x.vn",
                        "target_id": "1.4",
                    },
                )
                assert post.status_code == 404, (username, url, post.status_code)
                checked += 1
        elif route_kind(pattern) == "office":
            for key in ("phong_a", "so_a", "phong_b", "so_b", "school"):
                if key in OFFICES.get(username, set()):
                    continue
                url = route_url(name, pattern, world, key, evidence)
                assert client.get(url).status_code in (404, 405), (username, url)
                post = client.post(url, {"job": 0, "submit_by": "2025-05-01"})
                assert post.status_code == 404, (username, url, post.status_code)
                checked += 1
    assert checked > 0
    assert {
        k: (a.version, a.status)
        for k, a in ((k, Assessment.objects.get(pk=a.pk)) for k, a in world.assessments.items())
    } == before
    assert AuditEntry.objects.count() == audit_before
    assert Evidence.objects.count() == len(world.assessments)


@pytest.mark.parametrize("username", sorted(VISIBLE))
def test_every_role_opens_what_is_theirs(client, world, evidence, username):
    client.login(username=username, password=PASSWORD)
    for key in VISIBLE[username]:
        response = client.get(f"/danh-gia/{world.assessments[key].pk}/", follow=True)
        assert response.status_code == 200, (username, key)
        assert world.units[key].name in response.content.decode()
    for key in OFFICES.get(username, set()):
        assert client.get(f"/don-vi/{world.units[key].pk}/").status_code == 200


def test_anonymous_users_are_sent_to_login(client, world, evidence):
    for name, pattern in all_routes():
        if name in PUBLIC or name in VERSION_ROUTES or name == "reports:issued_file":
            continue
        if name.startswith((*UNIT_SCREENS, "jobs:", "periodic:", "dashboards:")):
            if name.startswith(("jobs:", "periodic:", "dashboards:")):
                values = {"pk": 1, "unit_pk": 1, "extension": "docx", "school_year": "2024-2025"}
                pattern_kwargs = {k: values[k] for k in pattern.pattern.converters}
                from django.urls import reverse

                url = reverse(name, kwargs=pattern_kwargs)
                response = client.get(url)
                assert response.status_code == 302 and "/dang-nhap/" in response["Location"]
                continue
            url = route_url(
                name,
                pattern,
                world,
                "school" if route_kind(pattern) == "assessment" else "phong_a",
                evidence,
            )
            response = client.get(url)
            assert response.status_code in (302, 405), url
            if response.status_code == 302:
                assert "/dang-nhap/" in response["Location"]


def test_jobs_are_seen_and_downloaded_only_by_their_owner(client, world):
    from django.core.files.base import ContentFile

    from chiso.jobs.models import Job

    job = Job.objects.create(
        kind="documents_zip",
        title="Đóng gói",
        owner=world.users["office_head"],
        unit=world.units["phong_a"],
        status=Job.Status.DONE,
        result_name="van-ban.zip",
    )
    job.result.save("van-ban.zip", ContentFile(b"PK"), save=True)
    for username in VISIBLE:
        client.login(username=username, password=PASSWORD)
        expected = 200 if username == "office_head" else 404
        assert client.get(f"/viec/{job.pk}/").status_code == expected, username
        response = client.get(f"/viec/{job.pk}/tai-ve")
        assert response.status_code == expected, username
        if expected == 200:
            close_streaming(response)
        listed = "Đóng gói" in client.get("/viec/").content.decode()
        assert listed == (username == "office_head"), username


# -- a unit's own records (IT inventory, plan, figures): written by hand from the roles --------

RECORD_PREFIXES = ("inventory:", "plans:")
UNIT_KEYS = ("school", "sibling", "direct", "other", "phong_a", "so_a", "phong_b")
# Whose records each user may read: their own institution, or the institutions below their office.
RECORDS_READ = {
    "member": {"school"},
    "head": {"school"},
    "reviewer": {"school", "sibling"},
    "office_head": {"school", "sibling"},
    "so_reviewer": {"school", "sibling", "direct", "phong_a"},
    "so_head": {"school", "sibling", "direct", "phong_a"},
    "admin": {"school", "sibling", "direct", "phong_a", "so_a"},
    "national_admin": set(UNIT_KEYS),
    "sibling_head": {"sibling"},
    "other_head": {"other"},
    "other_reviewer": {"other"},
    "other_office_head": {"other"},
}
# Only the institution's own staff write them.
RECORDS_WRITE = {
    "member": {"school"},
    "head": {"school"},
    "sibling_head": {"sibling"},
    "other_head": {"other"},
}
# A plan is every unit's own: an office's staff also read and write their office's plan.
OWN_OFFICE = {
    "reviewer": {"phong_a"},
    "office_head": {"phong_a"},
    "so_reviewer": {"so_a"},
    "so_head": {"so_a"},
    "other_reviewer": {"phong_b"},
    "other_office_head": {"phong_b"},
}
PLAN_READ = {u: keys | OWN_OFFICE.get(u, set()) for u, keys in RECORDS_READ.items()}
PLAN_WRITE = {**RECORDS_WRITE, **OWN_OFFICE}
# An office head (or administrator) extends the catalogue of their own office.
CATALOGUE = {
    "office_head": {"phong_a"},
    "so_head": {"so_a"},
    "admin": {"so_a"},
    "other_office_head": {"phong_b"},
}
# route -> (who may GET, who may POST)
RECORD_ROUTES = {
    "inventory:edit": (RECORDS_READ, RECORDS_WRITE),
    "inventory:workbook": (RECORDS_READ, {}),
    "inventory:catalogue": (CATALOGUE, CATALOGUE),
    "plans:path": (VISIBLE, {}),
    "plans:plan": (PLAN_READ, PLAN_WRITE),
    "plans:plan_docx": (PLAN_READ, {}),
    "plans:figures": (RECORDS_READ, RECORDS_WRITE),
    "plans:effort": (CATALOGUE, CATALOGUE),
    "plans:office_figures": (OFFICES, {}),
}


def record_url(name: str, pattern: URLPattern, world, key: str) -> str:
    from django.urls import reverse

    kwargs: dict[str, object] = {}
    for param in pattern.pattern.converters:
        if param == "unit_pk":
            kwargs["unit_pk"] = world.units[key].pk
        elif param == "school_year":
            kwargs["school_year"] = "2024-2025"
        elif param == "pk":
            kwargs["pk"] = world.assessments[key].pk
        elif param == "extension":
            kwargs["extension"] = "docx"
    return reverse(name, kwargs=kwargs)


@pytest.mark.parametrize("username", sorted(VISIBLE))
def test_unit_records_are_read_and_written_only_by_whom_the_roles_allow(client, world, username):
    from chiso.plans.models import Plan

    for key in UNIT_KEYS:
        Plan.objects.create(unit=world.units[key], school_year="2024-2025")
    client.login(username=username, password=PASSWORD)
    routes = dict(all_routes())
    for name, (readers, writers) in RECORD_ROUTES.items():
        pattern = routes[name]
        keys = [
            k for k in UNIT_KEYS if "pk" not in pattern.pattern.converters or k in world.assessments
        ]
        for key in keys:
            url = record_url(name, pattern, world, key)
            may_read = key in readers.get(username, set())
            status = client.get(url).status_code
            assert status == (200 if may_read else 404), (username, url, status)
            if key in writers.get(username, set()):
                continue
            audit_before = AuditEntry.objects.count()
            post = client.post(
                url, {"name": "x", "kind": "teaching", "action": "add_target", "text": "x"}
            )
            assert post.status_code in (404, 405), (username, url, post.status_code)
            assert AuditEntry.objects.count() == audit_before


def test_anonymous_users_cannot_reach_unit_records(client, world):
    for name, pattern in all_routes():
        if name.startswith(RECORD_PREFIXES):
            response = client.get(record_url(name, pattern, world, "school"))
            assert response.status_code == 302 and "/dang-nhap/" in response["Location"]


# Periodic reports of a unit: who writes, who reads (written by hand from the roles).
REPORT_WRITERS = {
    "school": {"member", "head"},
    "phong_a": {"reviewer", "office_head"},
    "other": {"other_head"},
}
REPORT_READERS = {
    "school": REPORT_WRITERS["school"]
    | {"reviewer", "office_head", "so_reviewer", "so_head", "admin", "national_admin"},
    "phong_a": REPORT_WRITERS["phong_a"] | {"so_reviewer", "so_head", "admin", "national_admin"},
    "other": REPORT_WRITERS["other"] | {"other_reviewer", "other_office_head", "national_admin"},
}
OUTLINE_MANAGERS = {"phong_a": {"reviewer", "office_head", "admin", "national_admin"}}


def test_periodic_reports_and_outlines_are_read_and_written_only_by_their_roles(client, world):
    from chiso.periodic.models import PeriodicReport, ReportOutline

    outline = ReportOutline.objects.create(
        owner=world.units["phong_a"], title="Đề cương", subject="Báo cáo", text="[viết]"
    )
    reports = {
        key: PeriodicReport.objects.create(
            unit=world.units[key], period="tháng 1", title="t", subject="s", outline_text="[viết]"
        )
        for key in REPORT_WRITERS
    }
    for username in VISIBLE:
        client.login(username=username, password=PASSWORD)
        for key, report in reports.items():
            readable = username in REPORT_READERS[key]
            writable = username in REPORT_WRITERS[key]
            for url in (
                f"/bao-cao/{report.pk}/",
                f"/bao-cao/{report.pk}/tai-ve.docx",
                f"/bao-cao/don-vi/{world.units[key].pk}/",
            ):
                assert client.get(url).status_code == (200 if readable else 404), (username, url)
            # The yearly report: its start page, or the report once its staff started it.
            status = client.get(f"/bao-cao/nam/{world.units[key].pk}/2023-2024/").status_code
            assert status in ((200, 302) if readable else (404,)), (username, key, status)
            post = client.post(f"/bao-cao/{report.pk}/", {"version": 1, "slot_0": username})
            assert post.status_code == (302 if writable else 404), (username, key)
            start = client.post(
                f"/bao-cao/don-vi/{world.units[key].pk}/", {"outline": outline.pk, "period": "x"}
            )
            assert start.status_code == (302 if writable else 404), (username, key)
            yearly = client.post(f"/bao-cao/nam/{world.units[key].pk}/2023-2024/")
            assert yearly.status_code == (302 if writable else 404), (username, key)
        manage = username in OUTLINE_MANAGERS["phong_a"]
        edit = f"/bao-cao/don-vi/{world.units['phong_a'].pk}/de-cuong/{outline.pk}/"
        assert client.get(edit).status_code == (200 if manage else 404), username
        changed = client.post(edit, {"title": username, "subject": "s", "text": "[viết]"})
        assert changed.status_code == (302 if manage else 404), username
    for key, report in reports.items():
        report.refresh_from_db()
        assert set(report.writings.values()) <= REPORT_WRITERS[key], key
    outline.refresh_from_db()
    assert outline.title in OUTLINE_MANAGERS["phong_a"]


def test_anonymous_api_calls_get_401_in_the_json_error_shape(client, world):
    from django.urls import reverse

    for name, pattern in all_routes():
        if name.startswith("api:") and name not in PUBLIC:
            values = {
                "pk": world.assessments["school"].pk,
                "evidence_id": 1,
                "name": "bao-cao.docx",
            }
            kwargs = {k: values[k] for k in pattern.pattern.converters}
            response = client.get(reverse(name, kwargs=kwargs))
            assert response.status_code in (401, 405), name
            assert response.json()["error"]["code"] in ("unauthenticated", "method_not_allowed"), (
                name
            )


# -- the API: every route × every role × own / other unit, with a real Bearer token -----------

OFFICE_UNITS = ("bo", "so_a", "so_b", "phong_a", "phong_b")
# Which units each user sees in GET /api/v1/units/ (their memberships' subtrees).
API_UNITS = {
    "member": {"school"},
    "head": {"school"},
    "reviewer": {"phong_a", "school", "sibling"},
    "office_head": {"phong_a", "school", "sibling"},
    "so_reviewer": {"so_a", "phong_a", "school", "sibling", "direct"},
    "so_head": {"so_a", "phong_a", "school", "sibling", "direct"},
    "admin": {"so_a", "phong_a", "school", "sibling", "direct"},
    "national_admin": set(OFFICE_UNITS) | {"school", "sibling", "direct", "other"},
    "sibling_head": {"sibling"},
    "other_head": {"other"},
    "other_reviewer": {"phong_b", "other"},
    "other_office_head": {"phong_b", "other"},
}
# Who may save facts (the institution's staff) and recognise (the office head above).
API_EDIT = {
    "member": {"school"},
    "head": {"school"},
    "sibling_head": {"sibling"},
    "other_head": {"other"},
}
API_RECOGNISE = {
    "office_head": {"school", "sibling"},
    "so_head": {"school", "sibling", "direct"},
    "other_office_head": {"other"},
}
OFFICE_KEYS = ("bo", "so_a", "phong_a", "so_b", "phong_b", "school")
# route -> (what its pk names, who may read it, who may POST to it)
API_ROUTES = {
    "api:index": (None, None, None),
    "api:units": (None, None, None),
    "api:campaigns": (None, None, None),
    "api:assessments": (None, None, None),
    "api:assessment": ("assessment", VISIBLE, None),
    "api:documents": ("assessment", VISIBLE, None),
    "api:document": ("assessment", VISIBLE, None),
    "api:evidence": ("assessment", VISIBLE, None),
    "api:evidence_file": ("assessment", VISIBLE, None),
    "api:evidence_capture": ("assessment", VISIBLE, None),
    "api:facts": ("assessment", None, API_EDIT),
    "api:transition": ("assessment", None, API_RECOGNISE),
    "api:dashboard": ("office", OFFICES, None),
    "api:consolidated": ("office", OFFICES, None),
    "api:level_statistics": ("office", OFFICES, None),
    "api:office_documents": ("office", OFFICES, None),
    # The register through the API: tests/reports/test_issued_documents.py (reader, outsider).
    "api:issued": ("register", None, None),
    "api:issued_file": ("register", None, None),
    "api:office_document": ("office", OFFICES, None),
}
API_REGISTER_ROUTES = {n for n, (target, _, _) in API_ROUTES.items() if target == "register"}
API_BODIES = {
    "api:facts": {"version": 999, "facts": {"studio_room": True}},  # stale: 409 once allowed
    "api:transition": {"action": "recognise"},  # a draft: 409 once allowed
}


@pytest.fixture
def stored_evidence(world):
    """A file and a captured link on every assessment."""
    from django.core.files.base import ContentFile

    out = {}
    for key, a in world.assessments.items():
        item = Evidence(assessment=a, target_id="1.4", kind=Evidence.Kind.FILE,
                        original_name="hoc-lieu.pdf", size=9, content_type="application/pdf")  # fmt: skip
        item.file.save("hoc-lieu.pdf", ContentFile(b"%PDF-1.4\n"), save=True)
        link = Evidence(assessment=a, target_id="1.3", kind=Evidence.Kind.LINK, url="https://x.vn")
        link.captured_file.save("x.html", ContentFile(b"<p>x</p>"), save=True)
        out[key] = (item, link)
    return out


def api_url(name: str, pattern: URLPattern, world, key: str | None, stored) -> str:
    from django.urls import reverse

    kwargs: dict[str, object] = {}
    for param in pattern.pattern.converters:
        if param == "pk":
            target = world.units[key] if API_ROUTES[name][0] == "office" else world.assessments[key]
            kwargs["pk"] = target.pk
        elif param == "evidence_id":
            item, link = stored[key]
            kwargs["evidence_id"] = (link if name == "api:evidence_capture" else item).pk
        elif param == "name":
            office = API_ROUTES[name][0] == "office"
            kwargs["name"] = "tong-hop.xlsx" if office else "bao-cao.docx"
    return reverse(name, kwargs=kwargs)


def test_every_api_route_is_in_the_api_matrix():
    names = {name for name, _ in all_routes() if name.startswith("api:")}
    assert names - PUBLIC == set(API_ROUTES)


@pytest.mark.parametrize("username", sorted(VISIBLE))
def test_through_the_api_no_role_reads_or_changes_another_units_data(
    client, world, stored_evidence, username
):
    from chiso.api.models import ApiToken

    _, token = ApiToken.issue(world.users[username], "ma trận")
    auth = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    before = {k: (a.version, a.status) for k, a in world.assessments.items()}
    audit_before = AuditEntry.objects.count()
    routes = dict(all_routes())
    for name, (target, readers, writers) in API_ROUTES.items():
        pattern = routes[name]
        if name in API_REGISTER_ROUTES:
            continue
        if target is None:
            assert client.get(reverse_api(name), **auth).status_code == 200, (username, name)
            continue
        keys = world.assessments if target == "assessment" else OFFICE_KEYS
        for key in keys:
            url = api_url(name, pattern, world, key, stored_evidence)
            if writers is None:
                expected = 200 if key in readers.get(username, set()) else 404
                response = client.get(url, **auth)
                assert response.status_code == expected, (username, url, response.status_code)
                if response.streaming:
                    close_streaming(response)
                refused = client.post(url, "{}", content_type="application/json", **auth)
                assert refused.status_code == 405, (username, url)
                continue
            if key in writers.get(username, set()):
                expected = 409
            elif key in VISIBLE[username]:
                expected = 403
            else:
                expected = 404
            response = client.post(url, API_BODIES[name], content_type="application/json", **auth)
            assert response.status_code == expected, (username, url, response.status_code)
            assert response.json()["error"]["code"] in ("stale_version", "refused", "forbidden",
                                                        "not_found")  # fmt: skip
            assert client.get(url, **auth).status_code == 405
    listed = client.get("/api/v1/units/", **auth).json()["results"]
    assert {u["id"] for u in listed} == {world.units[k].pk for k in API_UNITS[username]}
    assert {
        k: (a.version, a.status)
        for k, a in ((k, Assessment.objects.get(pk=a.pk)) for k, a in world.assessments.items())
    } == before
    assert AuditEntry.objects.count() == audit_before


def reverse_api(name: str) -> str:
    from django.urls import reverse

    return reverse(name)


# An office's own assessment (Quyết định 3806): its staff and the offices above it only.
OFFICE_ASSESSMENT_VISIBLE = {"reviewer", "office_head", "so_reviewer", "so_head", "admin"}
OFFICE_ASSESSMENT_VISIBLE |= {"national_admin"}


@pytest.mark.parametrize("username", sorted(set(VISIBLE) - OFFICE_ASSESSMENT_VISIBLE))
def test_no_one_outside_the_chain_reads_or_changes_an_offices_own_assessment(
    client, world, username, settings
):
    from chiso.assessments import actions
    from chiso.assessments.models import Campaign

    settings.EVIDENCE_CAPTURE_ENABLED = False
    campaign = Campaign.objects.create(
        name="Tự đánh giá của Phòng, Sở",
        audience=Campaign.Audience.OFFICES,
        school_year=world.campaign.school_year,
        framework_id="qd3806-2024",
        owner=world.units["bo"],
        rollup_source=world.campaign,
    )
    office = actions.start(world.units["phong_a"], campaign, by=world.users["office_head"])
    link = Evidence.objects.create(
        assessment=office, target_id="1.3", kind=Evidence.Kind.LINK, url="https://x.vn"
    )
    client.login(username=username, password=PASSWORD)
    audit_before = AuditEntry.objects.count()
    checked = 0
    for name, pattern in all_routes():
        if not name.startswith(UNIT_SCREENS) or route_kind(pattern) != "assessment":
            continue
        if "unit_pk" in pattern.pattern.converters:
            continue
        kwargs = {"pk": office.pk}
        for param, value in (("evidence_id", link.pk), ("name", "bao-cao.docx")):
            if param in pattern.pattern.converters:
                kwargs[param] = value
        if "criterion_id" in pattern.pattern.converters:
            kwargs["criterion_id"] = "1.3"
        url = reverse(name, kwargs=kwargs)
        assert client.get(url).status_code in (404, 405), (username, url)
        post = client.post(url, {"version": office.version, "action": "recognise", "reason": "x"})
        assert post.status_code == 404, (username, url, post.status_code)
        checked += 1
    assert checked > 10
    office.refresh_from_db()
    assert (office.status, AuditEntry.objects.count()) == ("draft", audit_before)
    start = reverse("assessments:start", args=[world.units["phong_a"].pk])
    assert client.post(start).status_code == 404


# -- frameworks (indices): national ones are the national role's, a local one its office's -----

EVERYONE = set(VISIBLE)
PHONG_A_STAFF = {"reviewer", "office_head"}
# Who may read each version: a published national index is everyone's; a local one is read by
# the units at, above and below its office; a draft by those who may edit it.
# The national role (the Bộ's administrator) owns national indices; a province's administrator
# does not. Administrators at or above an office act on its local index.
NATIONAL = {"national_admin"}
ADMINS = {"admin", "national_admin"}
FW_READ = {
    "national": EVERYONE,
    "national_draft": NATIONAL,
    "local_draft": PHONG_A_STAFF | ADMINS,
    "local": {"member", "head", "sibling_head", "so_reviewer", "so_head"} | ADMINS | PHONG_A_STAFF,
}
FW_EDIT = {
    "national": set(),
    "national_draft": NATIONAL,
    "local_draft": PHONG_A_STAFF | ADMINS,
    "local": set(),
}
FW_PUBLISH = {
    "national": set(),
    "national_draft": NATIONAL,
    "local_draft": {"office_head"} | ADMINS,
    "local": set(),
}
FW_RETIRE = {
    "national": NATIONAL,
    "national_draft": set(),
    "local_draft": set(),
    "local": {"office_head"} | ADMINS,
}
FW_NEW_VERSION = {"national": NATIONAL, "national_draft": NATIONAL, "local_draft": PHONG_A_STAFF | ADMINS,
                  "local": PHONG_A_STAFF | ADMINS}  # fmt: skip
OFFICE_STAFF = {
    "reviewer",
    "office_head",
    "so_reviewer",
    "so_head",
    "admin",
    "national_admin",
    "other_reviewer",
    "other_office_head",
}
CAMPAIGN_LEADS = {"so_head"} | ADMINS  # the campaign below belongs to Sở A
# route -> (who may GET, who may POST), per version; a set instead of a mapping: any version.
FRAMEWORK_ROUTES = {
    "frameworks:list": (EVERYONE, None),
    "frameworks:new": (OFFICE_STAFF, OFFICE_STAFF),
    "frameworks:detail": (FW_READ, None),
    "frameworks:yaml": (FW_READ, None),
    "frameworks:compare": (FW_READ, FW_READ),
    "frameworks:edit": (FW_EDIT, FW_EDIT),
    "frameworks:edit_yaml": (FW_EDIT, FW_EDIT),
    "frameworks:copy": (None, FW_NEW_VERSION),
    "frameworks:publish": (FW_PUBLISH, FW_PUBLISH),
    "frameworks:retire": (None, FW_RETIRE),
    "frameworks:delete": (None, FW_EDIT),
    "assessments:campaign_version": (CAMPAIGN_LEADS, CAMPAIGN_LEADS),
    "assessments:campaign_confirm": (None, set()),  # only with a preview job of one's own
    "assessments:version_campaigns": (FW_READ, None),
    "assessments:version_impact": (FW_READ, FW_READ),
}
# Routes of the assessments app about index versions and campaigns (the matrix above).
VERSION_ROUTES = {
    "assessments:campaign_version",
    "assessments:campaign_confirm",
    "assessments:version_campaigns",
    "assessments:version_impact",
}
PUBLIC_SCREENS = {"assessments:public"}
# A unit's register of issued documents and their files: read like the unit's reports
# (test_the_register_of_issued_documents_is_read_by_the_reports_readers below).
REGISTER_ROUTES = {"reports:issued_register", "reports:issued_file"}


@pytest.fixture
def framework_versions(world):
    import datetime as dt

    from chiso.frameworks import actions
    from chiso.frameworks.models import FrameworkVersion

    national = FrameworkVersion.objects.get(framework_id="qd4725-2022", version=1)
    local = actions.copy_as_local(
        national,
        framework_id="pa1-mamnon",
        owner=world.units["phong_a"],
        by=world.users["office_head"],
    )
    actions.publish(
        local,
        by=world.users["office_head"],
        decision_number="1/QĐ-PGD",
        decision_date=dt.date(2026, 9, 1),
        issuer="Phòng GDĐT A1",
    )
    return {
        "national": national,
        "national_draft": actions.copy_as_new_version(national, by=world.users["national_admin"]),
        "local_draft": actions.copy_as_new_version(FrameworkVersion.objects.get(pk=local.pk), by=world.users["reviewer"]),
        "local": FrameworkVersion.objects.get(pk=local.pk),
    }  # fmt: skip


def _allowed(rule, key: str, username: str) -> bool:
    if rule is None:
        return False
    return username in (rule[key] if isinstance(rule, dict) else rule)


@pytest.mark.parametrize("username", sorted(VISIBLE))
def test_framework_routes_are_reached_only_by_whom_the_roles_allow(
    client, world, framework_versions, username
):
    from django.urls import reverse

    from chiso.assessments.models import Campaign
    from chiso.frameworks.models import FrameworkVersion
    from chiso.jobs.models import Job

    campaign = Campaign.objects.create(
        name="Đợt Sở A", school_year="2025-2026", owner=world.units["so_a"]
    )
    client.login(username=username, password=PASSWORD)
    routes = dict(all_routes())
    texts = {k: v.text for k, v in framework_versions.items()}
    for name, (readers, writers) in FRAMEWORK_ROUTES.items():
        converters = routes[name].pattern.converters
        keys = list(framework_versions) if "pk" in converters else ["national"]
        for key in keys:
            kwargs = {"pk": framework_versions[key].pk} if "pk" in converters else {}
            if "campaign_pk" in converters:
                kwargs = {"campaign_pk": campaign.pk}
            url = reverse(name, kwargs=kwargs)
            status = client.get(url).status_code
            if readers is None:
                assert status == 405, (username, url, status)
            else:
                expected = (200, 302) if _allowed(readers, key, username) else (404,)
                assert status in expected, (username, url, status)
            if _allowed(writers, key, username):
                continue
            audit_before = AuditEntry.objects.count()
            post = client.post(url, {"as": "version", "job": 0, "revision": 1, "text": "x", "target": 0,
                                     "decision_number": "x", "decision_date": "2026-01-01", "issuer": "x"})  # fmt: skip
            assert post.status_code in (404, 405), (username, url, post.status_code)
            assert AuditEntry.objects.count() == audit_before, (username, url)
    assert {
        k: FrameworkVersion.objects.get(pk=v.pk).text for k, v in framework_versions.items()
    } == texts
    assert FrameworkVersion.objects.exclude(is_shipped=True).count() == len(
        [v for v in framework_versions.values() if not v.is_shipped]
    )
    assert not Job.objects.exists()


def test_anonymous_users_are_sent_to_login_from_every_framework_route(
    client, world, framework_versions
):
    from django.urls import reverse

    for name, pattern in all_routes():
        if name.startswith("frameworks:") or name in VERSION_ROUTES:
            converters = pattern.pattern.converters
            kwargs = {k: framework_versions["national"].pk for k in converters}
            response = client.get(reverse(name, kwargs=kwargs))
            expected = (302, 405) if name == "assessments:campaign_confirm" else (302,)
            assert response.status_code in expected, name
            if response.status_code == 302:
                assert "/dang-nhap/" in response["Location"], name


@pytest.mark.parametrize("key", sorted(REPORT_READERS))
def test_the_register_of_issued_documents_is_read_by_the_reports_readers(client, world, key):
    from django.core.files.base import ContentFile

    from chiso.reports.models import IssuedDocument

    unit = world.units[key]
    issued = IssuedDocument.objects.create(
        unit=unit, kind="consolidated", title="x", number="1/BC", issued_on="2026-02-16",
        signer="x", file=ContentFile(b"x", name="x.docx"), filename="x.docx",
        content_type="application/octet-stream", sha256="0" * 64,
    )  # fmt: skip
    for username in sorted(VISIBLE):
        client.login(username=username, password=PASSWORD)
        may_read = username in REPORT_READERS[key]
        status = client.get(f"/don-vi/{unit.pk}/van-ban-di/").status_code
        assert status == (200 if may_read else 404), (username, key, status)
        if not may_read:
            assert client.get(f"/van-ban-di/{issued.pk}/tai-ve").status_code == 404, username
        audit_before = AuditEntry.objects.count()
        post = client.post(f"/don-vi/{unit.pk}/van-ban-di/", {"number": "2/BC"})
        assert post.status_code in (302, 404), (username, post.status_code)
        if post.status_code == 404:
            assert AuditEntry.objects.count() == audit_before
    client.logout()
    response = client.get(f"/don-vi/{unit.pk}/van-ban-di/")
    assert response.status_code == 302 and "/dang-nhap/" in response["Location"]
    response = client.get(f"/van-ban-di/{issued.pk}/tai-ve")
    assert response.status_code == 302 and "/dang-nhap/" in response["Location"]
