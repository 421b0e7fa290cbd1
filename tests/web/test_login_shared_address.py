"""One person's wrong passwords never lock out everybody who shares an address with them.

A school's teachers sit behind one NAT address; behind the reverse proxy every request comes
from the proxy's address. The per-address limit must not be the per-name limit of 5.
"""

from __future__ import annotations

import pytest
from django.core.cache import cache

from tests.conftest import PASSWORD


@pytest.fixture(autouse=True)
def clear_cache():
    cache.clear()
    yield
    cache.clear()


def test_a_colleague_on_the_same_address_still_signs_in(client, world):
    for _ in range(5):
        client.post("/dang-nhap/", {"username": "member", "password": "sai"})
    response = client.post("/dang-nhap/", {"username": "head", "password": PASSWORD})
    assert response.status_code == 302
    assert "_auth_user_id" in client.session


def test_behind_the_proxy_each_client_address_counts_apart(client, settings, world):
    settings.BEHIND_PROXY = True
    for number in range(60):  # guessing many names from one machine
        client.post(
            "/dang-nhap/",
            {"username": f"khong-ai-{number}", "password": "sai"},
            HTTP_X_FORWARDED_FOR="203.0.113.9",
        )
    response = client.post(
        "/dang-nhap/",
        {"username": "head", "password": PASSWORD},
        HTTP_X_FORWARDED_FOR="198.51.100.7",
    )
    assert response.status_code == 302
    refused = client.post(
        "/dang-nhap/",
        {"username": "reviewer", "password": PASSWORD},
        HTTP_X_FORWARDED_FOR="203.0.113.9",
    )
    assert "quá nhiều lần" in refused.content.decode()
