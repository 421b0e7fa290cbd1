"""Evidence links fetched from a real local HTTP server (no external network)."""

from __future__ import annotations

import pytest

from chiso.evidence.capture import capture_link
from tests.evidence.conftest import PAGE


def test_it_keeps_the_title_and_body_of_an_html_page(server):
    result = capture_link(f"{server}/ke-hoach", allow_private=True)
    assert result.ok and result.status == 200
    assert result.title == "Kế hoạch dạy học trực tuyến"
    assert result.content == PAGE and result.content_type == "text/html"


def test_it_records_a_dead_link(server):
    result = capture_link(f"{server}/mat-roi", allow_private=True)
    assert not result.ok and result.status == 404
    assert result.error == "Trang trả về mã 404"


def test_it_follows_redirects(server):
    result = capture_link(f"{server}/moved", allow_private=True)
    assert result.ok and result.final_url.endswith("/ke-hoach")


def test_it_gives_up_after_the_timeout(server):
    result = capture_link(f"{server}/slow", timeout=0.3, allow_private=True)
    assert not result.ok and "Hết thời gian chờ" in result.error


def test_it_reads_no_more_than_the_limit(server):
    result = capture_link(f"{server}/big", max_bytes=1000, allow_private=True)
    assert result.truncated and result.size == 1000 and result.content is None


def test_it_keeps_a_small_pdf(server):
    result = capture_link(f"{server}/file.pdf", allow_private=True)
    assert (
        result.ok
        and result.content_type == "application/pdf"
        and result.content.startswith(b"%PDF")
    )


@pytest.mark.parametrize(
    "url", ["ftp://example.vn/a", "javascript:alert(1)", "file:///etc/passwd", "http://"]
)
def test_it_refuses_other_schemes(url):
    result = capture_link(url)
    assert not result.ok and result.error == "Địa chỉ không hợp lệ"


def test_it_refuses_internal_addresses_by_default(server):
    result = capture_link(f"{server}/ke-hoach")
    assert not result.ok and result.error == "Địa chỉ nội bộ không được phép"


def test_a_closed_port_is_a_message_not_an_exception():
    result = capture_link("http://127.0.0.1:9/", timeout=1, allow_private=True)
    assert not result.ok and result.error.startswith("Không kết nối được")


def test_control_characters_in_a_page_title_are_not_kept(server):
    # PostgreSQL refuses NUL in text: the capture of every later link of the submission stopped.
    result = capture_link(f"{server}/control-title", allow_private=True)
    assert result.ok and result.title == "Kế hoạch năm"


def test_it_resolves_the_name_once_and_connects_to_that_address(server, monkeypatch):
    """DNS rebinding: a second lookup could answer an internal address after the check, so
    the connection goes to the address checked, with the name kept in the Host header."""
    import socket

    port = server.rsplit(":", 1)[1]
    lookups = []
    real = socket.getaddrinfo

    def counting(host, *args, **kwargs):
        lookups.append(host)
        return real(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", counting)
    result = capture_link(f"http://localhost:{port}/host", allow_private=True)
    assert result.ok and result.title == f"localhost:{port}"
    assert lookups.count("localhost") == 1  # then only the address itself (no lookup)
    assert set(lookups) <= {"localhost", "127.0.0.1", "::1"}


def test_it_says_when_the_name_does_not_resolve():
    result = capture_link("http://khong-ton-tai.invalid/trang")
    assert not result.ok
    assert result.error == "Không kết nối được: không tìm thấy máy chủ khong-ton-tai.invalid"
