"""Word and Excel evidence is judged by its content types and relationships, not by the names
of its parts: renamed macros, embedded OLE objects and remote templates are refused."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from chiso.demo.hostile import acceptable_docx, hostile_docx
from chiso.evidence.models import Evidence
from chiso.evidence.uploads import UploadRefused, check_upload
from tests.conftest import PASSWORD

HOSTILE = hostile_docx()
REASONS = {
    "macro-renamed.docx": "có macro, ActiveX hoặc đối tượng OLE nhúng",
    "ole-exe.docx": "có macro, ActiveX hoặc đối tượng OLE nhúng",
    "macro-enabled.docx": "có macro, ActiveX hoặc đối tượng OLE nhúng",
    "remote-template.docx": "tải nội dung từ nơi khác khi mở (http://evil.example/t.dotm)",
    "unc-template.docx": "tải nội dung từ nơi khác khi mở",
    "remote-image.docx": "tải nội dung từ nơi khác khi mở (https://evil.example/pixel.png)",
    "billion-laughs.docx": "bị hỏng",
    "xxe.docx": "bị hỏng",
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_a_hostile_word_file_is_refused_saying_why(name):
    content = HOSTILE[name]
    with pytest.raises(UploadRefused) as refused:
        check_upload(name, len(content), io.BytesIO(content))
    assert f"«{name}»" in str(refused.value) and REASONS[name] in str(refused.value)


@pytest.mark.parametrize(("name", "content"), sorted(acceptable_docx().items()))
def test_an_ordinary_word_file_is_accepted(name, content):
    stream = io.BytesIO(content)
    assert check_upload(name, len(content), stream).endswith("wordprocessingml.document")
    assert stream.tell() == 0


def test_an_ordinary_excel_file_is_accepted():
    from openpyxl import Workbook

    buffer = io.BytesIO()
    Workbook().save(buffer)
    content = buffer.getvalue()
    assert check_upload("so-lieu.xlsx", len(content), io.BytesIO(content)).endswith(".sheet")


def test_uploading_a_remote_template_as_evidence_keeps_nothing(client, world, settings):
    settings.EVIDENCE_CAPTURE_ENABLED = False
    client.login(username="member", password=PASSWORD)
    a = world.assessments["school"]
    upload = SimpleUploadedFile("ke-hoach.docx", HOSTILE["remote-template.docx"])
    page = client.post(
        f"/danh-gia/{a.pk}/minh-chung/", {"target_id": "1.4", "file": upload}, follow=True
    ).content.decode()
    assert "tải nội dung từ nơi khác khi mở" in page
    assert not Evidence.objects.exists()


def test_a_workbook_that_unpacks_a_hundredfold_is_refused():
    from chiso.demo.hostile import wide_workbook

    content = wide_workbook(1_000, 2_000)  # 60 KB holding 30 MB of cells
    with pytest.raises(UploadRefused, match="giải nén quá lớn"):
        check_upload("so-lieu.xlsx", len(content), io.BytesIO(content))
