"""A local adaptation is marked as local wherever it appears: screens and documents."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from docx import Document
from openpyxl import load_workbook

from chiso.assessments import actions as assessment_actions
from chiso.assessments.models import Assessment, Campaign
from chiso.frameworks import actions
from tests.conftest import PASSWORD, close_streaming, fill
from tests.frameworks.conftest import national

MARK = "Bộ chỉ số điều chỉnh tại địa phương"


@pytest.fixture
def local_campaign(world, settings):
    settings.EVIDENCE_CAPTURE_ENABLED = False
    local = actions.copy_as_local(
        national(),
        framework_id="pa1-mamnon",
        owner=world.units["phong_a"],
        by=world.users["office_head"],
    )
    local = actions.publish(local, by=world.users["office_head"], decision_number="7/QĐ-PGDĐT",
                            decision_date=dt.date(2026, 9, 1), issuer="Phòng GDĐT A1")  # fmt: skip
    campaign = Campaign.objects.create(
        name="Đợt thử bộ chỉ số địa phương", school_year="2026-2027", owner=world.units["phong_a"],
        framework_id=local.framework_id, framework_version=local.version,
    )  # fmt: skip
    a = fill(
        Assessment.objects.create(campaign=campaign, unit=world.units["school"]),
        world.users["head"],
    )
    a = assessment_actions.submit(a, by=world.users["head"])
    a = assessment_actions.recognise(a, by=world.users["office_head"])
    assessment_actions.publish(a, by=world.users["office_head"])
    return campaign


def _text(response) -> str:
    body = b"".join(response.streaming_content) if response.streaming else response.content
    close_streaming(response)
    return body


def test_the_screens_of_a_campaign_on_a_local_index_show_the_mark(client, world, local_campaign):
    a = Assessment.objects.get(campaign=local_campaign)
    client.login(username="head", password=PASSWORD)
    assert MARK in client.get(f"/danh-gia/{a.pk}/").content.decode()
    assert MARK in client.get("/bo-chi-so/").content.decode()
    client.login(username="office_head", password=PASSWORD)
    assert (
        MARK
        in client.get(
            f"/don-vi/{world.units['phong_a'].pk}/?dot={local_campaign.pk}"
        ).content.decode()
    )
    assert MARK in client.get(f"/danh-gia/{a.pk}/tham-dinh/").content.decode()
    client.logout()
    public = client.get(f"/cong-khai/{world.units['phong_a'].pk}/").content.decode()
    assert MARK in public and "7/QĐ-PGDĐT" in public


def test_a_campaign_on_the_national_index_shows_no_mark(client, world):
    client.login(username="member", password=PASSWORD)
    assert MARK not in client.get(f"/danh-gia/{world.assessments['school'].pk}/").content.decode()


def test_documents_carry_the_mark_under_their_title(client, world, local_campaign):
    a = Assessment.objects.get(campaign=local_campaign)
    client.login(username="head", password=PASSWORD)
    report = Document(io.BytesIO(_text(client.get(f"/danh-gia/{a.pk}/tai-ve/bao-cao.docx"))))
    lines = [p.text for p in report.paragraphs]
    assert any(line.startswith(MARK) and "dựa trên qd4725-2022@1" in line for line in lines)
    assert any("7/QĐ-PGDĐT" in line and "của Phòng GDĐT A1 ban hành" in line for line in lines)
    council = Document(
        io.BytesIO(_text(client.get(f"/danh-gia/{a.pk}/tai-ve/quyet-dinh-hoi-dong.docx")))
    )
    assert any(p.text.startswith(MARK) for p in council.paragraphs)
    sheet = load_workbook(
        io.BytesIO(_text(client.get(f"/danh-gia/{a.pk}/tai-ve/phu-luc.xlsx")))
    ).active
    assert MARK in sheet.cell(row=2, column=1).value
    assert sheet.cell(row=3, column=1).value.endswith("Mã: TH-CVA")  # the import still reads it
