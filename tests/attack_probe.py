"""The attack probe: chiso attacked as an attacker would, with the totals of what failed safe.

Run it (a few minutes on two cores):

    python -m tests.attack_probe                  # a fresh SQLite database under a temporary folder
    DATABASE_URL=postgres://…/chiso_probe python -m tests.attack_probe   # an empty PostgreSQL one
    python -m tests.attack_probe --keep var/probe # keep the database and files there

It seeds the demo province, adds a second province (a Sở, two Phòng, schools, one user of each
role, a campaign with assessments, evidence, a job, a periodic report, a local index), then:

1. **Routes × roles.** Every URL pattern, for every role of both provinces, the national
   administrator and an anonymous visitor, with the objects of each province in turn (its
   assessment, evidence, office, unit records, job, report, outline, index, campaign): a GET and
   a POST of assorted values. Failed safe: no 5xx; nothing of the other province is shown (a
   200 on its object) or changed (an audit entry written); an anonymous visitor is sent to sign
   in (or refused) everywhere but the public pages.
2. **Injections.** Every form of every page a role can open (its own objects), every text field
   in turn, each hostile text (markup, script, template syntax, SQL, spreadsheet formulas,
   control characters, NUL, right-to-left override, header injection, a 100,000-character text,
   path traversal). Failed safe: no 5xx; no markup reflected unescaped on the next page; every
   document of the assessment still downloads, with no formula cell.
3. **Hostile files.** Every upload form (evidence, appendix, legacy report, bulk ZIP, unit list,
   index YAML) with files that lie about their type, macros (renamed too), OLE objects, remote
   templates, XML bombs and XXE, a two-million-cell workbook, a ZIP bomb, deep and exploding
   YAML. Failed safe: no 5xx, and nothing hostile kept (no evidence row, no index, no unit).
4. **Link capture tricks.** Links to a local server that counts its visitors (127.0.0.1 written
   as decimal, hex, short, IPv6-mapped, localhost), to the cloud metadata address, shared,
   6to4 and NAT64 addresses, other schemes, credentials in the URL, and a server that sends one
   byte a second. Failed safe: the local server is never reached; no non-global address is
   fetched; the slow server is cut at the capture's deadline.

It prints each section's totals and every failure, and exits 1 if anything did not fail safe.
`tests/test_attack_probe.py` runs a small budget of the same inside the suite, on its world.
"""

from __future__ import annotations

import argparse
import functools
import io
import os
import re
import sys
import tempfile
import threading
import time
import zipfile
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

HUGE = str(2**63)
# Own objects are not deleted on the walk: later routes still need them.
DESTRUCTIVE = {"frameworks:delete", "evidence:remove", "web:logout"}
PUBLIC_ROUTES = {
    "assessments:public",
    "web:login",
    "web:logout",
    "web:health",
    "ops:ready",
    "set_language",
    "api:schema",
    "api:unknown",
    "web:home",
}
# Forms the probe leaves alone: signing out and the language switch end the role's session.
SKIPPED_FORMS = ("/dang-xuat/", "/i18n/setlang/")
XSS = ('<script>alert("chiso-xss-1")</script>', '"><img src=x onerror=alert("chiso-xss-2")>')
REFLECTED = ('<script>alert("chiso-xss-1")', '<img src=x onerror=alert("chiso-xss-2")>')
PAYLOADS = [
    *XSS,
    "{{ 7|add:5 }}{% now 'Y' %}{{ settings.SECRET_KEY }}",
    "' OR '1'='1' --; DROP TABLE units_unit;",
    '=HYPERLINK("http://evil.example/x","bấm vào")',
    "+cmd|' /C calc'!A0",
    "kế\x01hoạch\x0b\x1f",
    "nul\x00byte",
    "\u202egnp.exe",
    "x\r\nSet-Cookie: chiso=1",
    "Đ" * 100_000,
    "../../../../etc/passwd",
]


@dataclass
class Actor:
    name: str
    user: Any  # None: anonymous
    province: str  # a Sở's code, "national" or "anonymous"


@dataclass
class Tally:
    total: int = 0
    failures: list[str] = field(default_factory=list)
    kinds: Counter[str] = field(default_factory=Counter)

    def check(self, ok: bool, what: str, kind: str = "") -> None:
        self.total += 1
        if kind:
            self.kinds[kind] += 1
        if not ok:
            self.failures.append(what)

    @property
    def safe(self) -> int:
        return self.total - len(self.failures)


# -- the world: two provinces --------------------------------------------------------------------


def add_second_province() -> None:
    """A second Sở beside the demo's, with every role and something of every kind to attack."""
    import datetime as dt
    import random

    from django.contrib.auth import get_user_model
    from django.core.files.base import ContentFile

    from chiso.assessments import actions
    from chiso.assessments.models import Campaign
    from chiso.demo.province import school_facts
    from chiso.evidence.models import Evidence
    from chiso.frameworks import actions as framework_actions
    from chiso.frameworks.models import FrameworkVersion
    from chiso.periodic import builtin, services
    from chiso.units.models import Membership, Unit
    from chiso.units.services import create_unit

    ministry = Unit.objects.get(kind=Unit.Kind.MINISTRY, code="BGDDT")
    so = create_unit(
        name="Sở GDĐT Thử nghiệm",
        kind=Unit.Kind.DEPARTMENT,
        parent=ministry,
        code="SO-TN",
        place="Thử nghiệm",
    )
    phong = create_unit(
        name="Phòng GDĐT Thử nghiệm 1", kind=Unit.Kind.DISTRICT, parent=so, code="PGD-TN1"
    )
    create_unit(name="Phòng GDĐT Thử nghiệm 2", kind=Unit.Kind.DISTRICT, parent=so, code="PGD-TN2")
    schools = [
        create_unit(
            name=f"Trường Tiểu học Thử nghiệm {n}",
            kind=Unit.Kind.INSTITUTION,
            parent=phong,
            institution_type="TH",
            code=f"TN-TH-0{n}",
        )
        for n in (1, 2)
    ]
    users = {}
    Role = Membership.Role
    for name, unit, role in [
        ("tn.quantri", so, Role.ADMIN),
        ("tn.so.lanhdao", so, Role.OFFICE_HEAD),
        ("tn.so.chuyenvien", so, Role.REVIEWER),
        ("tn.pgd.lanhdao", phong, Role.OFFICE_HEAD),
        ("tn.pgd.chuyenvien", phong, Role.REVIEWER),
        ("tn.hieutruong", schools[0], Role.HEAD),
        ("tn.giaovien", schools[0], Role.MEMBER),
        ("tn2.hieutruong", schools[1], Role.HEAD),
    ]:
        user = get_user_model().objects.create_user(name, password="chiso-demo-2026")
        Membership.objects.create(user=user, unit=unit, role=role)
        users[name] = user
    campaign = Campaign.objects.create(
        name="Đánh giá CĐS", school_year="2026-2027", owner=so, submit_by=dt.date(2027, 5, 31)
    )
    rng = random.Random(7)
    for school, head in zip(schools, ("tn.hieutruong", "tn2.hieutruong"), strict=True):
        a = actions.start(school, campaign, by=users[head])
        a = actions.save_answers(
            a, facts=school_facts(rng, 0.6), expected_version=a.version, by=users[head]
        )
        Evidence.objects.create(
            assessment=a,
            target_id="1.3",
            kind=Evidence.Kind.LINK,
            url=f"https://{school.code.lower()}.example.edu.vn/lms",
        )
        item = Evidence(
            assessment=a,
            target_id="1.4",
            kind=Evidence.Kind.FILE,
            original_name="hoc-lieu.pdf",
            size=9,
            content_type="application/pdf",
        )
        item.file.save("hoc-lieu.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"), save=True)
    outline = services.save_outline(
        phong,
        {
            "title": builtin.MONTHLY_TITLE,
            "subject": builtin.MONTHLY_SUBJECT,
            "recipient": "UBND",
            "text": builtin.MONTHLY,
        },
        by=users["tn.pgd.lanhdao"],
    )
    services.start_report(phong, outline, "tháng 10/2026", by=users["tn.pgd.lanhdao"])
    national = FrameworkVersion.objects.get(framework_id="qd4725-2022", version=1)
    framework_actions.copy_as_local(
        national, framework_id="tn-mamnon-2026", owner=so, by=users["tn.so.lanhdao"]
    )
    _finished_job(users["tn.pgd.lanhdao"], phong)


def _finished_job(owner: Any, unit: Any) -> Any:
    from django.core.files.base import ContentFile

    from chiso.jobs.models import Job

    job = Job.objects.create(
        kind="documents_zip",
        title="Đóng gói (thăm dò)",
        owner=owner,
        unit=unit,
        status=Job.Status.DONE,
        result_name="van-ban.zip",
    )
    job.result.save("van-ban.zip", ContentFile(b"PK\x05\x06" + b"\x00" * 18), save=True)
    return job


def actors() -> list[Actor]:
    """One user per role and level of every Sở (and the national administrator), and nobody."""
    from chiso.units.models import Membership

    out: list[Actor] = [Actor("anonymous", None, "anonymous")]
    seen: set[tuple[str, str, str]] = set()
    memberships = Membership.objects.select_related("user", "unit").order_by("unit__path", "pk")
    for m in memberships:
        province = _province_of(m.unit)
        key = (province, m.role, m.unit.kind)
        if key in seen or not m.user.is_active:
            continue
        seen.add(key)
        out.append(Actor(m.user.username, m.user, province))
    return out


def _province_of(unit: Any) -> str:
    from chiso.units.models import Unit

    ids = unit.ancestor_ids
    sos = Unit.objects.filter(pk__in=ids, kind=Unit.Kind.DEPARTMENT).values_list("pk", flat=True)
    return f"so-{sos[0]}" if sos else "national"


def targets() -> dict[str, dict[str, Any]]:
    """For every Sở: an institution, its assessment and evidence, an office, a campaign, a job, a
    report and its outline, a local index: what the routes take as parameters."""
    from chiso.assessments.models import Assessment, Campaign
    from chiso.evidence.models import Evidence
    from chiso.frameworks.models import FrameworkVersion
    from chiso.jobs.models import Job
    from chiso.periodic.models import PeriodicReport
    from chiso.units.models import Unit

    out: dict[str, dict[str, Any]] = {}
    for so in Unit.objects.filter(kind=Unit.Kind.DEPARTMENT, is_active=True):
        below = Unit.objects.filter(path__startswith=so.path)
        theirs = Assessment.objects.filter(unit__in=below.filter(kind=Unit.Kind.INSTITUTION))
        assessment = (
            theirs.filter(evidence__isnull=False).order_by("-campaign__school_year", "pk").first()
            or theirs.order_by("-campaign__school_year", "pk").first()
        )
        if assessment is None:
            continue
        office = below.filter(kind=Unit.Kind.DISTRICT).order_by("path").first() or so
        report = PeriodicReport.objects.filter(unit__in=below).select_related("outline").first()
        job = Job.objects.filter(unit__in=below, status=Job.Status.DONE).first()
        out[f"so-{so.pk}"] = {
            "assessment": assessment,
            "evidence": Evidence.objects.filter(assessment=assessment).first(),
            "institution": assessment.unit,
            "office": office,
            "so": so,
            "campaign": Campaign.objects.filter(owner_id__in=so.ancestor_ids).first()
            or assessment.campaign,
            "job": job,
            "report": report,
            "outline": report.outline if report else None,
            "framework": FrameworkVersion.objects.filter(owner__in=below).first(),
            "school_year": assessment.campaign.school_year,
        }
    return out


# -- 1. routes × roles ---------------------------------------------------------------------------

INSTITUTION_UNIT_ROUTES = {
    "inventory:edit",
    "plans:plan",
    "plans:plan_docx",
    "plans:figures",
    "periodic:yearly",
    "assessments:start",
}
ROUTE_PK = {
    "assessments": "assessment",
    "plans": "assessment",
    "units": "office",
    "dashboards": "office",
    "jobs": "job",
    "frameworks": "framework",
    "web": "office",
}


def routes() -> list[tuple[str, Any]]:
    from django.urls import URLResolver, get_resolver

    found: list[tuple[str, Any]] = []

    def walk(patterns: Any, namespace: str = "") -> None:
        for p in patterns:
            if isinstance(p, URLResolver):
                walk(p.url_patterns, f"{namespace}{p.namespace}:" if p.namespace else namespace)
            elif p.name:
                found.append((f"{namespace}{p.name}", p))

    walk(get_resolver().url_patterns)
    return found


def _pk_target(name: str, pattern: Any, objects: dict[str, Any]) -> Any:
    space, _sep, route = name.partition(":")
    path = str(pattern.pattern)
    if path.startswith(("don-vi/", "cong-khai/")):  # an office's screens, whatever their app
        return objects["office"]
    if path.startswith("danh-gia/theo-bo-chi-so/"):  # a version of an index
        return objects["framework"]
    if space == "periodic":
        return objects["outline"] if route == "outline_edit" else objects["report"]
    if space == "api":
        return (
            objects["office"]
            if route in ("dashboard", "consolidated", "level_statistics")
            else objects["assessment"]
        )
    return objects[ROUTE_PK.get(space, "assessment")]


def route_url(name: str, pattern: Any, objects: dict[str, Any]) -> str | None:
    """The route's URL for one province's objects (None if the province lacks one of them)."""
    from django.urls import reverse

    kwargs: dict[str, Any] = {}
    for param in pattern.pattern.converters:
        if param == "pk":
            target = _pk_target(name, pattern, objects)
        elif param == "unit_pk":
            target = objects["institution" if name in INSTITUTION_UNIT_ROUTES else "office"]
        elif param == "campaign_pk":
            target = objects["campaign"]
        elif param == "evidence_id":
            target = objects["evidence"]
        else:
            target = {
                "criterion_id": "1.4",
                "name": "bao-cao.docx",
                "extension": "xlsx",
                "school_year": objects["school_year"],
            }.get(param, "x")
        if target is None:
            return None
        kwargs[param] = target if isinstance(target, str) else target.pk
    return reverse(name, kwargs=kwargs)


POST_DATA = {
    "version": "1",
    "action": "recognise",
    "reason": "x",
    "text": "x",
    "title": "x",
    "url": "https://example.edu.vn/x",
    "target_id": "1.4",
    "job": HUGE,
    "membership": HUGE,
    "submit_by": "2026-05-01",
    "revision": "1",
    "target": HUGE,
    "name": "x",
    "school_year": "2026-2027",
    "confirm": "1",
}


def _client(actor: Actor) -> Any:
    from django.test import Client

    client = Client(raise_request_exception=False)
    if actor.user is not None:
        client.force_login(actor.user)
    return client


def _status(response: Any) -> int:
    if getattr(response, "streaming", False):
        for _chunk in response.streaming_content:
            pass
        response.close()
    return int(response.status_code)


def walk_routes(people: list[Actor], places: dict[str, dict[str, Any]], budget: int = 0) -> Tally:
    from chiso.audit.models import AuditEntry

    tally = Tally()
    for actor in people[: budget or None]:
        client = _client(actor)
        for name, pattern in routes():
            for province, objects in places.items():
                url = route_url(name, pattern, objects)
                if url is None:
                    continue
                foreign = actor.province not in (province, "national")
                get = _status(client.get(url))
                where = f"{actor.name} GET {url} ({name}, {province})"
                tally.check(get < 500, f"{where}: {get}", "requests")
                if actor.province == "anonymous":
                    tally.check(get != 200 or name in PUBLIC_ROUTES, f"{where}: 200 to nobody")
                elif foreign and name not in PUBLIC_ROUTES:
                    tally.check(get != 200, f"{where}: another province's page shown")
                if name in DESTRUCTIVE and not foreign and actor.province != "anonymous":
                    continue
                audit = AuditEntry.objects.count()
                post = _status(client.post(url, POST_DATA))
                where = f"{actor.name} POST {url} ({name}, {province})"
                tally.check(post < 500, f"{where}: {post}", "requests")
                if foreign or actor.province == "anonymous":
                    changed = AuditEntry.objects.count() != audit
                    tally.check(not changed, f"{where}: wrote to another province")
    return tally


# -- 2. injections -------------------------------------------------------------------------------


@dataclass
class Form:
    action: str
    multipart: bool
    fields: dict[str, str]
    text: list[str]
    files: list[str]


class _Forms(HTMLParser):
    def __init__(self, page: str) -> None:
        super().__init__()
        self.page, self.forms, self.current, self.textarea = page, [], None, None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form" and a.get("method", "get").lower() == "post":
            enctype = a.get("enctype", "")
            self.current = Form(a.get("action") or self.page, "multipart" in enctype, {}, [], [])
        elif self.current is None or not a.get("name"):
            return
        elif tag == "input":
            kind = a.get("type", "text").lower()
            if kind == "file":
                self.current.files.append(a["name"])
            elif kind in ("text", "search", "url", "email", "number", "date", "tel", "hidden"):
                self.current.fields.setdefault(a["name"], a.get("value", ""))
                if kind != "hidden":
                    self.current.text.append(a["name"])
            elif kind in ("checkbox", "radio") and "checked" in a:
                self.current.fields.setdefault(a["name"], a.get("value", "on"))
        elif tag == "textarea":
            self.textarea = a["name"]
            self.current.fields.setdefault(a["name"], "")
            self.current.text.append(a["name"])
        elif tag == "select":
            self.current.fields.setdefault(a["name"], "")
        elif tag == "button" and a.get("value"):
            self.current.fields.setdefault(a["name"], a["value"])

    def handle_data(self, data: str) -> None:
        if self.current is not None and self.textarea:
            self.current.fields[self.textarea] += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "textarea":
            self.textarea = None
        elif tag == "form" and self.current is not None:
            self.forms.append(self.current)
            self.current = None


def _signed_in(people: list[Actor], places: dict[str, Any], budget: int) -> list[Actor]:
    """The actors with a province's objects of their own (two per budget unit in the suite)."""
    found = [a for a in people if a.user is not None and a.province in places]
    return found[: 2 * budget or None]


def forms_on(client: Any, url: str) -> list[Form]:
    response = client.get(url)
    if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
        _status(response)
        return []
    parser = _Forms(url)
    parser.feed(response.content.decode("utf-8", "replace"))
    return [f for f in parser.forms if not f.action.startswith(SKIPPED_FORMS)]


def _own_pages(actor: Actor, objects: dict[str, Any]) -> Iterator[str]:
    for name, pattern in routes():
        if not name.startswith(("api:", "ops:", "set_language")) and name != "web:logout":
            url = route_url(name, pattern, objects)
            if url:
                yield url


def _documents_ok(client: Any, assessment: Any, tally: Tally) -> None:
    from openpyxl import load_workbook

    for name in ("bao-cao.docx", "phu-luc.xlsx", "bien-ban.docx"):
        response = client.get(f"/danh-gia/{assessment.pk}/tai-ve/{name}")
        status = _status(response) if response.streaming else response.status_code
        tally.check(status in (200, 404), f"document {name} of {assessment.pk}: {status}")
        if name.endswith(".xlsx") and status == 200:
            sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
            formulas = [
                c.coordinate for row in sheet.iter_rows() for c in row if c.data_type == "f"
            ]
            tally.check(not formulas, f"formula cells in {name} of {assessment.pk}: {formulas[:3]}")


def inject(people: list[Actor], places: dict[str, dict[str, Any]], budget: int = 0) -> Tally:
    """Every text field of every form an actor sees on their own pages, each hostile text."""
    tally, done = Tally(), set()
    payloads = PAYLOADS[: budget or None]
    for actor in _signed_in(people, places, budget):
        objects = places.get(actor.province)
        if actor.user is None or objects is None:
            continue
        client = _client(actor)
        for page in _own_pages(actor, objects):
            for form in forms_on(client, page):
                for name in _sample(form.text, 2 if budget else FIELDS_PER_FORM):
                    key = (re.sub(r"\d+", "N", form.action), name)
                    if key in done:
                        continue
                    done.add(key)
                    tally.kinds["text fields"] += 1
                    for payload in payloads:
                        _inject_one(client, page, form, name, payload, tally)
                client.force_login(actor.user)
        _documents_ok(client, objects["assessment"], tally)
    return tally


FIELDS_PER_FORM = 8  # the index editor has hundreds of fields of a few kinds


def _sample(names: list[str], most: int) -> list[str]:
    """Up to `most` fields of a form, spread over it (each kind of field is met)."""
    if len(names) <= most:
        return names
    step = len(names) / most
    return [names[int(i * step)] for i in range(most)]


def _inject_one(client: Any, page: str, form: Form, name: str, payload: str, tally: Tally) -> None:
    data = {**form.fields, name: payload}
    response = client.post(form.action, data, follow=True)
    status = _status(response)
    where = f"{form.action} [{name}] ← {payload[:30]!r}"
    tally.check(status < 500, f"{where}: {status}", "injections")
    shown = response.content.decode("utf-8", "replace") if not response.streaming else ""
    again = client.get(page)
    shown += again.content.decode("utf-8", "replace") if not again.streaming else ""
    _status(again)
    tally.check(not any(r in shown for r in REFLECTED), f"{where}: markup reflected unescaped")


# -- 3. hostile files ----------------------------------------------------------------------------


# Real PDFs under hostile names: kept, but under a name of chiso's, inside the evidence folder.
TRAVERSAL = "../../../../etc/cron.d/x.pdf"
LONG_NAME = "ten-" + "a" * 300 + ".pdf"


@functools.cache
def hostile_files() -> dict[str, bytes]:
    from chiso.demo.hostile import hostile_docx, wide_workbook

    bomb = io.BytesIO()
    with (
        zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive,
        archive.open("phu-luc.xlsx", "w", force_zip64=True) as member,
    ):
        for _ in range(200):  # 200 MB of zeros, packed to a fifth of a megabyte
            member.write(bytes(1024 * 1024))
    macro = io.BytesIO()
    with zipfile.ZipFile(macro, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/vbaProject.bin", b"\xd0\xcf\x11\xe0")
    files = {
        **hostile_docx(),
        "hai-trieu-o.xlsx": wide_workbook(1_000, 2_000),
        "bom.zip": bomb.getvalue(),
        "macro.xlsx": macro.getvalue(),
        "thuc-ra-la-exe.pdf": b"MZ\x90\x00\x03" + b"\x00" * 100,
        "anh-gia.png": b"GIF89a" + b"\x00" * 20,
        "rong.pdf": b"",
        TRAVERSAL: b"%PDF-1.4\n%%EOF\n",
        LONG_NAME: b"%PDF-1.4\n%%EOF\n",
        "phu-luc.xls": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100,
        "yaml-bom.yaml": (
            "a0: &a0 [x, x, x, x, x, x, x, x, x]\n"
            + "".join(f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]\n" for i in range(1, 9))
        ).encode(),
        "yaml-sau.yaml": ("id: x\ngroups: " + "[" * 5000 + "]" * 5000).encode(),
        "yaml-python.yaml": b"id: !!python/object/apply:os.system ['id']\n",
        "don-vi.csv": 'Mã đơn vị,Tên đơn vị,Loại hình\n=HYPERLINK("x"),@SUM(1),TH\n'.encode(),
        "bao-cao-cu.docx": b"PK\x03\x04" + b"\x00" * 50,
    }
    zip_of_hostile = io.BytesIO()
    with zipfile.ZipFile(zip_of_hostile, "w") as archive:
        for name in ("macro.xlsx", "hai-trieu-o.xlsx"):
            archive.writestr(name, files[name])
        archive.writestr("../../thoat-ra.xlsx", files["macro.xlsx"])
    files["phu-luc-doc-hai.zip"] = zip_of_hostile.getvalue()
    return files


def upload_forms(
    people: list[Actor], places: dict[str, dict[str, Any]], budget: int = 0
) -> list[tuple[Actor, Form]]:
    found: dict[str, tuple[Actor, Form]] = {}
    for actor in _signed_in(people, places, budget):
        objects = places.get(actor.province)
        if actor.user is None or objects is None:
            continue
        client = _client(actor)
        for page in _own_pages(actor, objects):
            for form in forms_on(client, page):
                if form.files:
                    found.setdefault(re.sub(r"\d+", "N", form.action), (actor, form))
    return list(found.values())


def _kept() -> tuple[int, int, int, int]:
    """Evidence rows, index versions, units, and the last evidence id."""
    from chiso.evidence.models import Evidence
    from chiso.frameworks.models import FrameworkVersion
    from chiso.units.models import Unit

    last = Evidence.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    return (
        Evidence.objects.count(),
        FrameworkVersion.objects.count(),
        Unit.objects.count(),
        last,
    )


def upload_hostile(
    people: list[Actor], places: dict[str, dict[str, Any]], budget: int = 0
) -> Tally:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from chiso.evidence.models import Evidence

    tally = Tally()
    files = list(hostile_files().items())[: budget or None]
    for actor, form in upload_forms(people, places, budget):
        client = _client(actor)
        for file_name, content in files:
            before = _kept()
            data = {**form.fields, form.files[0]: SimpleUploadedFile(file_name, content)}
            data.pop("confirm", None)
            status = _status(client.post(form.action, data, follow=True))
            where = f"{actor.name} → {form.action}: {file_name[:40]}"
            tally.check(status < 500, f"{where}: {status}", "uploads")
            if file_name in (TRAVERSAL, LONG_NAME):
                stored = Evidence.objects.filter(pk__gt=before[3]).values_list("file", flat=True)
                safe = all(n.startswith("evidence/") and ".." not in n for n in stored)
                tally.check(safe, f"{where}: stored as {list(stored)}")
            else:
                tally.check(_kept()[:3] == before[:3], f"{where}: kept ({before} → {_kept()})")
    return tally


# -- 4. link capture tricks ----------------------------------------------------------------------


class _Counting(BaseHTTPRequestHandler):
    hits = 0

    def log_message(self, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        type(self).hits += 1
        if self.path == "/drip":
            self.send_response(200)
            self.send_header("Content-Length", "100")
            self.end_headers()
            for _ in range(100):
                try:
                    self.wfile.write(b"x")
                    self.wfile.flush()
                except OSError:
                    return
                time.sleep(0.5)
            return
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"<title>noi bo</title>")


def link_tricks(offline: bool = False) -> Tally:
    from chiso.evidence.capture import capture_link

    tally = Tally()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Counting)
    port = server.server_address[1]
    threading.Thread(target=server.serve_forever, daemon=True).start()
    local = [
        f"http://{host}:{port}/"
        for host in (
            "127.0.0.1",
            "2130706433",
            "0x7f000001",
            "0177.0.0.1",
            "127.1",
            "localhost",
            "[::ffff:127.0.0.1]",
            "0.0.0.0",
        )
    ] + [f"http://user:mat-khau@127.0.0.1:{port}/", f"https://127.0.0.1:{port}/"]
    if not offline:  # names that need a DNS lookup
        local += [f"http://127.0.0.1.nip.io:{port}/", f"http://127.0.0.1:{port}@example.edu.vn/"]
    elsewhere = [
        "http://100.100.100.200/latest/meta-data/",
        "http://169.254.169.254/",
        "http://100.64.0.1/",
        "http://[2002:7f00:1::1]/",
        "http://[64:ff9b::a9fe:a9fe]/",
        "http://[fd00::1]/",
        "http://10.0.0.1/",
        "http://192.168.1.1/",
        "file:///etc/passwd",
        "gopher://127.0.0.1:70/",
        "ftp://127.0.0.1/",
        "javascript:alert(1)",
    ]
    try:
        for url in local + elsewhere:
            result = capture_link(url, timeout=1, total=2)
            tally.check(not result.ok, f"{url}: fetched ({result.status})", "links")
        tally.check(_Counting.hits == 0, f"the internal server was reached {_Counting.hits} times")
        started = time.monotonic()
        slow = capture_link(f"http://127.0.0.1:{port}/drip", timeout=1, total=2, allow_private=True)
        spent = time.monotonic() - started
        tally.check(
            not slow.ok and spent < 5, f"a drip server held the capture {spent:.1f} s", "links"
        )
    finally:
        server.shutdown()
        server.server_close()
    return tally


# -- running it ----------------------------------------------------------------------------------


def run(budget: int = 0, out: Callable[[str], None] = print) -> dict[str, Tally]:
    """The four sections against the current database; `budget` > 0 trims each for the suite."""
    from django.core.signals import request_finished
    from django.db import close_old_connections

    request_finished.disconnect(close_old_connections)  # one connection for the whole probe
    try:
        people, places = actors(), targets()
        out(
            f"{len(people)} roles (anonymous included), {len(places)} provinces, "
            f"{len(routes())} routes"
        )
        sections: dict[str, Callable[[], Tally]] = {
            "routes × roles": lambda: walk_routes(people, places, budget),
            "injections": lambda: inject(people, places, budget),
            "hostile files": lambda: upload_hostile(people, places, budget),
            "link tricks": lambda: link_tricks(offline=budget > 0),
        }
        results = {}
        for section, probe in sections.items():
            started = time.monotonic()
            results[section] = probe()
            out(f"… {section} done in {time.monotonic() - started:.0f} s")
    finally:
        request_finished.connect(close_old_connections)
    for section, tally in results.items():
        kinds = ", ".join(f"{k} {n}" for k, n in sorted(tally.kinds.items()))
        out(
            f"{section}: {tally.total} checks, {tally.safe} failed safe, "
            f"{len(tally.failures)} not ({kinds})"
        )
        for failure in tally.failures[:30]:
            out(f"  ✗ {failure}")
    return results


def _setup(folder: Path) -> None:
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{folder / 'probe.sqlite3'}")
    os.environ.update(
        CHISO_VAR_DIR=str(folder),
        MEDIA_ROOT=str(folder / "media"),
        JOBS_BACKEND="inline",
        EVIDENCE_CAPTURE_IN_BACKGROUND="0",
        EVIDENCE_CAPTURE_TIMEOUT="1",
        ALLOWED_HOSTS="testserver,127.0.0.1",
        DJANGO_SETTINGS_MODULE="chiso.settings",
        ACCESS_LOG_LEVEL="WARNING",
    )
    os.environ.pop("DEBUG", None)
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # many users
    call_command("migrate", "--noinput", verbosity=0)
    call_command("seed_demo", stdout=io.StringIO())
    add_second_province()


def main() -> int:
    parser = argparse.ArgumentParser(description="chiso attacked as an attacker would")
    parser.add_argument("--keep", help="a folder to keep the database and files in")
    args = parser.parse_args()
    folder = Path(args.keep or tempfile.mkdtemp(prefix="chiso-probe-"))
    folder.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    _setup(folder)
    results = run(out=lambda line: print(line, flush=True))
    print(f"({time.monotonic() - started:.0f} s)")
    return 1 if any(t.failures for t in results.values()) else 0


if __name__ == "__main__":
    sys.exit(main())
