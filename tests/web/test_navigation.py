"""The top menu by role, and links that lead somewhere for whoever follows them."""

import re

from chiso.assessments import actions
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
