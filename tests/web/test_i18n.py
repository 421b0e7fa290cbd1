"""Vietnamese first, English as the second language through Django i18n."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

LOGIN = "/dang-nhap/"
CATALOG = Path(settings.BASE_DIR) / "chiso" / "locale" / "en" / "LC_MESSAGES"


@pytest.mark.django_db
def test_the_login_page_is_vietnamese_by_default(client):
    response = client.get(LOGIN)
    assert response.status_code == 200
    assert response["Content-Language"] == "vi"
    assert '<html lang="vi">' in response.text
    assert "Đăng nhập chiso" in response.text
    assert "Sign in to chiso" not in response.text


@pytest.mark.django_db
def test_a_browser_set_to_english_still_gets_vietnamese(client):
    # School computers often run English browsers; their users expect Vietnamese.
    response = client.get(LOGIN, HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response["Content-Language"] == "vi"
    assert "Đăng nhập chiso" in response.text


@pytest.mark.django_db
def test_a_user_who_chose_english_gets_english(client):
    client.cookies["django_language"] = "en"
    response = client.get(LOGIN)
    assert response.status_code == 200
    assert response["Content-Language"] == "en"
    assert '<html lang="en">' in response.text
    assert "Sign in to chiso" in response.text
    assert "Username" in response.text
    assert "Đăng nhập chiso" not in response.text


@pytest.mark.django_db
def test_the_language_switch_stores_the_choice_in_a_cookie(client):
    response = client.post(reverse("set_language"), {"language": "en", "next": LOGIN})
    assert response.status_code == 302
    assert response["Location"] == LOGIN
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"

    response = client.get(LOGIN)
    assert "Sign in to chiso" in response.text

    client.post(reverse("set_language"), {"language": "vi", "next": LOGIN})
    assert "Đăng nhập chiso" in client.get(LOGIN).text


@pytest.mark.django_db
def test_the_language_switch_is_a_plain_form_without_inline_script_or_style(client):
    html = client.get(LOGIN).text
    form = re.search(r'<form[^>]*action="/i18n/setlang/".*?</form>', html, re.S)
    assert form is not None
    assert 'method="post"' in form.group(0)
    assert 'name="csrfmiddlewaretoken"' in form.group(0)
    # Each language is offered under its own name, whatever the page language.
    assert '<option value="vi" lang="vi" selected>Tiếng Việt</option>' in form.group(0)
    assert '<option value="en" lang="en">English</option>' in form.group(0)
    assert "<script>" not in html
    assert "style=" not in html
    assert re.search(r"<[^>]+\son[a-z]+=", html) is None


def test_every_english_message_is_translated_and_compiled():
    po = (CATALOG / "django.po").read_text(encoding="utf-8")
    assert "#, fuzzy" not in po
    entries = po.split("\n\n")[1:]  # the first entry is the header
    assert entries
    empty = [entry for entry in entries if re.search(r'^msgstr ""\Z', entry.strip(), re.M)]
    assert empty == []
    assert (CATALOG / "django.mo").stat().st_size > 0


def test_the_assessment_form_and_a_saved_criterion_come_in_english_when_chosen(client, world):
    from tests.conftest import PASSWORD

    a = world.assessments["school"]
    assert client.login(username="member", password=PASSWORD)
    client.cookies["django_language"] = "en"
    page = client.get(f"/danh-gia/{a.pk}/").content.decode()
    assert "Evidence (" in page and ">Save</button>" in page and "Group 1" in page
    saved = client.post(
        f"/danh-gia/{a.pk}/tieu-chi/1.4/",
        {"fact_approved_digital_materials": "41", "version": a.version},
        HTTP_HX_REQUEST="true",
    ).content.decode()
    assert ">Save</button>" in saved and "Group 1:" in saved and "Lưu</button>" not in saved
    client.cookies["django_language"] = "vi"
    assert ">Lưu</button>" in client.get(f"/danh-gia/{a.pk}/").content.decode()
