import pytest
from django.core.cache import cache

from tests.conftest import PASSWORD


@pytest.fixture(autouse=True)
def clear_cache():
    cache.clear()
    yield
    cache.clear()


def test_a_wrong_password_says_so_in_vietnamese(client, world):
    response = client.post("/dang-nhap/", {"username": "member", "password": "sai"})
    assert response.status_code == 200
    assert "mật khẩu" in response.content.decode()


def test_login_is_throttled_after_repeated_failures(client, world):
    for _ in range(5):
        client.post("/dang-nhap/", {"username": "member", "password": "sai"})
    response = client.post("/dang-nhap/", {"username": "member", "password": PASSWORD})
    assert "quá nhiều lần" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_correct_login_goes_home(client, world):
    response = client.post("/dang-nhap/", {"username": "member", "password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == "/"
