"""Evidence upload checks on arbitrary files (hypothesis): a content type or UploadRefused with
the file's name, never another exception."""

from __future__ import annotations

import io

from hypothesis import given, settings
from hypothesis import strategies as st

from chiso.evidence.uploads import UploadRefused, check_upload
from tests.garbling import garbled
from tests.units.test_import_units_properties import SHEET

names = st.one_of(
    st.sampled_from(
        ["a.pdf", "a.PNG", "a.jpg", "a.jpeg", "a.docx", "a.xlsx", "a.exe", "a", ".pdf"]
    ),
    st.text(max_size=30),
)
heads = st.sampled_from([b"", b"%PDF-1.4\n", b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"PK\x03\x04"])


def accepted_or_refused(name: str, content: bytes) -> None:
    stream = io.BytesIO(content)
    try:
        content_type = check_upload(name, len(content), stream)
    except UploadRefused as exc:
        assert f"«{name}»" in str(exc)
    else:
        assert content_type and name.rsplit(".", 1)[-1].lower() in (
            "pdf",
            "png",
            "jpg",
            "jpeg",
            "docx",
            "xlsx",
        )
    assert stream.tell() == 0  # the file is stored from its start


@settings(max_examples=300, deadline=None)
@given(names, heads, st.binary(max_size=600))
def test_any_named_file_is_accepted_or_refused_with_its_name(name, head, rest):
    accepted_or_refused(name, head + rest)


@settings(max_examples=200, deadline=None)
@given(garbled(SHEET), st.sampled_from(["minh-chung.xlsx", "minh-chung.docx"]))
def test_a_garbled_office_file_is_accepted_or_refused(content, name):
    accepted_or_refused(name, content)
