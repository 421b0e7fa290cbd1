"""The top menu by role, and links that lead somewhere for whoever follows them."""

import re

from django.test import Client

from chiso.assessments import actions
from chiso.units.models import Membership
from tests.conftest import PASSWORD, fill


def menu(html: str) -> list[str]:
    nav = re.search(r"<nav>(.*?)</nav>", html, re.S)
    assert nav is not None
    return re.findall(r">([^<>]+)</a>", nav.group(1))


def test_an_office_menu_has_its_overview_units_reports_and_jobs(client, world):
    assert client.login(username="reviewer", password=PASSWORD)
    html = client.get("/").content.decode()
    assert menu(html) == [
        "Việc cần làm",
        "Tổng quan",
        "Danh sách đơn vị",
        "Báo cáo",
        "Bộ chỉ số",
        "Việc chạy nền",
    ]
    office = world.units["phong_a"].pk
    for url in (f"/tong-quan/{office}/", f"/don-vi/{office}/", f"/bao-cao/don-vi/{office}/"):
        assert f'href="{url}"' in html
        assert client.get(url).status_code == 200


def test_a_school_menu_has_no_jobs(client, world):
    assert client.login(username="member", password=PASSWORD)
    assert menu(client.get("/").content.decode()) == ["Việc cần làm", "Bộ chỉ số"]


def test_an_administrator_opens_a_submitted_unit_as_a_form_not_as_a_review(client, world):
    school = actions.submit(
        fill(world.assessments["school"], world.users["head"]), by=world.users["head"]
    )
    assert client.login(username="admin", password=PASSWORD)
    home = client.get("/").content.decode()
    assert f'href="/danh-gia/{school.pk}/"' in home
    assert f"/danh-gia/{school.pk}/tham-dinh/" not in home
    office_list = client.get(f"/don-vi/{world.units['so_a'].pk}/").content.decode()
    assert f'href="/danh-gia/{school.pk}/"' in office_list
    assert client.get(f"/danh-gia/{school.pk}/").status_code == 200


def test_the_dashboard_late_count_opens_the_late_units(client, world):
    assert client.login(username="reviewer", password=PASSWORD)
    office = world.units["phong_a"].pk
    html = client.get(f"/tong-quan/{office}/").content.decode()
    link = re.search(r'<a href="(/don-vi/\d+/\?dot=\d+&amp;trang_thai=overdue)">Quá hạn nộp', html)
    assert link is not None
    late = client.get(link.group(1).replace("&amp;", "&")).content.decode()
    assert "Trường THCS Lê Lợi" in late


def test_the_password_page_states_the_rules_and_refuses_in_vietnamese(client, world):
    assert client.login(username="member", password=PASSWORD)
    assert "Mật khẩu có ít nhất 10 ký tự." in client.get("/doi-mat-khau/").content.decode()
    answer = client.post(
        "/doi-mat-khau/",
        {"old_password": PASSWORD, "new_password1": "ab12", "new_password2": "ab12"},
    ).content.decode()
    assert "Mật khẩu quá ngắn: cần ít nhất 10 ký tự." in answer
    assert "too short" not in answer


# The bar's links are kept in the shared cache (base.html, `nav_key`): what one user was shown
# is never shown to another, and a change to what it shows is seen at the next page.


def test_the_cached_bar_of_one_office_is_never_shown_to_another(client, world):
    mine, theirs = world.units["phong_a"].pk, world.units["phong_b"].pk
    assert client.login(username="reviewer", password=PASSWORD)
    for _ in range(2):  # rendered, then from the cache
        html = client.get("/").content.decode()
        assert f'href="/tong-quan/{mine}/"' in html and f"/tong-quan/{theirs}/" not in html
    client.logout()
    assert client.login(username="other_reviewer", password=PASSWORD)
    html = client.get("/").content.decode()
    assert f'href="/tong-quan/{theirs}/"' in html and f"/tong-quan/{mine}/" not in html


def test_the_bar_shows_a_new_name_and_a_new_office_at_the_next_page(client, world):
    reviewer = world.users["reviewer"]
    assert client.login(username="reviewer", password=PASSWORD)
    client.get("/")
    reviewer.first_name, reviewer.last_name = "Thị Mai", "Trần"
    reviewer.save()
    Membership.objects.create(
        user=reviewer, unit=world.units["phong_b"], role=Membership.Role.REVIEWER
    )
    html = client.get("/").content.decode()
    assert f">{reviewer.get_full_name()}</a>" in html
    assert f'href="/tong-quan/{world.units["phong_b"].pk}/"' in html
    assert "Phòng GDĐT B1:" in html  # two offices: each named in the bar


def test_the_bar_follows_the_language(client, world):
    assert client.login(username="reviewer", password=PASSWORD)
    assert "Việc cần làm" in menu(client.get("/").content.decode())
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    english = menu(client.get("/").content.decode())
    assert "Việc cần làm" not in english and "To do" in english


def test_each_session_signs_out_with_its_own_token_under_the_cached_bar(world, client):
    other = Client()
    tokens = []
    for browser in (client, other):
        assert browser.login(username="reviewer", password=PASSWORD)
        html = browser.get("/").content.decode()
        form = re.search(
            r'action="/dang-xuat/">.*?name="csrfmiddlewaretoken" value="([^"]+)"', html
        )
        assert form is not None
        tokens.append(form.group(1))
    assert tokens[0] != tokens[1]
    for browser, token in ((client, tokens[0]), (other, tokens[1])):
        browser.handler.enforce_csrf_checks = True
        assert browser.post("/dang-xuat/", {"csrfmiddlewaretoken": token}).status_code == 302
