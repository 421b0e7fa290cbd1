"""The login throttle cannot be walked around with look-alike names, and strangers' failures do
not lock a user out of the browser where they signed in before (device cookie)."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.test import Client

from tests.conftest import PASSWORD

THROTTLED = "quá nhiều lần"
DEVICE_COOKIE = "chiso_device"


@pytest.fixture(autouse=True)
def clear_cache():
    cache.clear()
    yield
    cache.clear()


def _sign_in(client, username, password=PASSWORD, address="192.0.2.10"):
    return client.post(
        "/dang-nhap/", {"username": username, "password": password}, REMOTE_ADDR=address
    )


@pytest.mark.parametrize("look_alike", ["ｍember", "MEMBER", " Member ", "ｍｅｍｂｅｒ"])
def test_a_look_alike_spelling_of_a_locked_name_is_locked_too(client, world, look_alike):
    for _ in range(5):
        _sign_in(client, "member", "sai")
    response = _sign_in(client, look_alike)
    assert THROTTLED in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_the_throttle_key_is_the_name_as_django_reads_it_without_case():
    from chiso.web.login import account_key

    assert account_key("ｓo-THPT-02.ht") == account_key("so-thpt-02.ht") == "so-thpt-02.ht"


def test_made_up_names_from_one_address_do_not_lock_out_staff_who_signed_in_there(world):
    teacher = Client()
    assert _sign_in(teacher, "head").status_code == 302
    teacher.post("/dang-xuat/")
    assert DEVICE_COOKIE in teacher.cookies
    prankster = Client()
    for number in range(60):
        _sign_in(prankster, f"khong-co-{number}", "sai")
    assert _sign_in(teacher, "head").status_code == 302
    assert "_auth_user_id" in teacher.session
    # The address stays bounded for browsers without a device cookie.
    assert THROTTLED in _sign_in(prankster, "reviewer").content.decode()


def test_strangers_failures_against_a_name_leave_its_owners_browser_working(world):
    owner = Client()
    _sign_in(owner, "member")
    owner.post("/dang-xuat/")
    stranger = Client()
    for _ in range(6):
        _sign_in(stranger, "member", "sai", address="198.51.100.3")
    assert THROTTLED in _sign_in(stranger, "member", address="198.51.100.3").content.decode()
    assert _sign_in(owner, "member").status_code == 302


def test_a_browser_with_a_device_cookie_is_throttled_after_its_own_failures(world):
    owner = Client()
    _sign_in(owner, "member")
    owner.post("/dang-xuat/")
    for _ in range(5):
        _sign_in(owner, "member", "sai")
    assert THROTTLED in _sign_in(owner, "member").content.decode()


def test_a_forged_device_cookie_counts_for_nothing(world):
    forger = Client()
    forger.cookies[DEVICE_COOKIE] = "member:abc"
    for _ in range(5):
        _sign_in(forger, "member", "sai")
    assert THROTTLED in _sign_in(forger, "member").content.decode()


@pytest.mark.parametrize("name", ["Đ" * 5_000, 'x"><img src=x>\r\n ', "a b\tc"])
def test_any_typed_name_counts_under_a_short_safe_key(client, world, name):
    response = _sign_in(client, name, "sai")
    assert response.status_code == 200 and "Tên đăng nhập" in response.content.decode()
