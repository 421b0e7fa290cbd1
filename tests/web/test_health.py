import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import identify_hasher
from django.db import connection


@pytest.mark.django_db
def test_health_answers_with_the_database_vendor(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": connection.vendor}


@pytest.mark.django_db
def test_passwords_are_stored_with_argon2(settings):
    from chiso import settings as production

    settings.PASSWORD_HASHERS = production.PASSWORD_HASHERS
    user = get_user_model().objects.create_user("hieutruong", password="mat-khau-dai-123")
    assert identify_hasher(user.password).algorithm == "argon2"


def test_settings_are_vietnamese_first(settings):
    assert settings.LANGUAGE_CODE == "vi"
    assert settings.TIME_ZONE == "Asia/Ho_Chi_Minh"
