"""Link capture fetches only globally routable addresses, and ends at one deadline however
slowly a server answers (a real local HTTP server; no external network)."""

from __future__ import annotations

import pytest

from chiso.evidence.capture import _is_internal, capture_link

REFUSED = "Địa chỉ nội bộ không được phép"


@pytest.mark.parametrize(
    "address",
    [
        "100.64.0.1",  # shared address space (carrier-grade NAT)
        "100.100.100.200",  # a cloud's metadata service
        "127.0.0.1",
        "10.1.2.3",
        "169.254.169.254",
        "192.0.0.1",
        "198.18.0.1",
        "0.0.0.0",
        "::1",
        "fd00::1",
        "fe80::1",
        "2002:7f00:1::1",  # 6to4 wrapping 127.0.0.1
        "2002:808:808::1",  # 6to4, whatever it wraps
        "::ffff:10.0.0.1",
        "64:ff9b::7f00:1",  # NAT64 of 127.0.0.1
        "2001:db8::1",
    ],
)
def test_every_address_but_a_globally_routable_one_is_internal(address):
    assert _is_internal(address)


@pytest.mark.parametrize("address", ["8.8.8.8", "203.162.4.191", "2001:4860:4860::8888",
                                     "64:ff9b::808:808"])  # fmt: skip
def test_globally_routable_addresses_may_be_fetched(address):
    assert not _is_internal(address)


@pytest.mark.parametrize(
    "url",
    [
        "http://100.100.100.200/latest/meta-data/",
        "http://100.64.0.1/",
        "http://[2002:7f00:1::1]/",
        "http://[64:ff9b::a9fe:a9fe]/",
        "http://[::ffff:127.0.0.1]/",
    ],
)
def test_a_link_to_a_non_global_address_is_not_fetched(url):
    result = capture_link(url, timeout=0.5)
    assert not result.ok and result.error == REFUSED


def test_a_body_sent_one_byte_at_a_time_stops_at_the_deadline(server):
    result = capture_link(f"{server}/drip", timeout=1, total=1.5, allow_private=True)
    assert not result.ok and "Hết thời gian chờ (cả lần lấy quá 1.5 giây)" in result.error


def test_headers_sent_one_byte_at_a_time_stop_at_the_deadline(server):
    result = capture_link(f"{server}/drip-headers", timeout=1, total=1.5, allow_private=True)
    assert not result.ok and "Hết thời gian chờ" in result.error


def test_a_quick_page_is_kept_within_the_deadline(server):
    result = capture_link(f"{server}/ke-hoach", timeout=1, total=1.5, allow_private=True)
    assert result.ok and result.title == "Kế hoạch dạy học trực tuyến"
