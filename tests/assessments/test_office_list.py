"""An office's list: current names, its campaigns, filters by sub-unit and type."""

from chiso.assessments import actions, queries
from tests.conftest import PASSWORD, fill


def test_a_renamed_office_shows_its_new_name_at_the_next_request(client, world):
    assert client.login(username="reviewer", password=PASSWORD)
    office = world.units["phong_a"]
    assert "Phòng GDĐT A1" in client.get(f"/don-vi/{office.pk}/").content.decode()
    office.name = "Phòng GDĐT Thành phố"
    office.save()
    assert "Phòng GDĐT Thành phố" in client.get(f"/don-vi/{office.pk}/").content.decode()


def test_a_closed_campaign_is_no_longer_current(world):
    school = world.units["school"]
    assert queries.current_campaign(school) == world.campaign
    world.campaign.is_open = False
    world.campaign.save()
    assert queries.current_campaign(school) is None


def test_the_campaigns_above_a_unit_are_those_of_its_ancestors(world):
    assert [c.pk for c in queries.campaigns_above(world.units["school"])] == [world.campaign.pk]
    assert queries.campaigns_above(world.units["bo"])[0].owner == world.units["bo"]


def test_a_province_list_filtered_by_one_district_shows_that_district_only(client, world):
    assert client.login(username="so_head", password=PASSWORD)
    so, phong = world.units["so_a"], world.units["phong_a"]
    html = client.get(f"/don-vi/{so.pk}/?truc_thuoc={phong.pk}").content.decode()
    assert "Trường Tiểu học Chu Văn An" in html and "Trường THCS Lê Lợi" in html
    assert "Trường THPT Trần Phú" not in html  # directly under the Sở
    everything = client.get(f"/don-vi/{so.pk}/").content.decode()
    assert "Trường THPT Trần Phú" in everything and "Bế Văn Đàn" not in everything
    by_type = client.get(f"/don-vi/{so.pk}/?loai=THCS").content.decode()
    assert "Trường THCS Lê Lợi" in by_type and "Chu Văn An" not in by_type


def test_the_late_filter_lists_the_units_past_their_deadline_not_yet_submitted(client, world):
    actions.submit(fill(world.assessments["school"], world.users["head"]), by=world.users["head"])
    assert client.login(username="reviewer", password=PASSWORD)
    office = world.units["phong_a"]
    late = client.get(f"/don-vi/{office.pk}/?trang_thai=overdue").content.decode()
    assert "Trường THCS Lê Lợi" in late  # the campaign's deadline (31/05/2025) has passed
    assert "Trường Tiểu học Chu Văn An" not in late  # submitted
    assert '<option value="overdue" selected>Quá hạn nộp</option>' in late


def _list(client, username, office):
    assert client.login(username=username, password=PASSWORD)
    response = client.get(f"/don-vi/{office.pk}/")
    assert response.status_code == 200
    return response


def test_the_list_kept_in_the_cache_is_the_list_rendered_with_each_users_own_rights(client, world):
    """The body is kept per content: the second view renders no body template, each user gets
    their own CSRF token, and a head's forms never reach a reviewer (or the other way round)."""
    import re

    office = world.units["phong_a"]
    first = _list(client, "office_head", office)
    again = _list(client, "office_head", office)
    rendered = {t.name for t in again.templates}
    assert "assessments/_office_list_body.html" not in rendered
    token = re.compile(r'name="csrfmiddlewaretoken" value="([A-Za-z0-9]+)"')
    masked = re.compile(r"\b[A-Za-z0-9]{64}\b")  # masked CSRF tokens differ at every request
    assert masked.sub("", first.content.decode()) == masked.sub("", again.content.decode())
    assert "Đặt hạn cho các đơn vị trực thuộc" in again.content.decode()
    client.logout()
    reviewer = _list(client, "reviewer", office).content.decode()
    assert "Đặt hạn cho các đơn vị trực thuộc" not in reviewer
    assert set(token.findall(reviewer)).isdisjoint(token.findall(again.content.decode()))


def test_a_submission_shows_on_the_kept_list_at_the_next_view(
    client, world, django_capture_on_commit_callbacks
):
    office = world.units["phong_a"]
    assert "Đã nộp: 0" in _list(client, "reviewer", office).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        a = fill(world.assessments["school"], world.users["head"])
        actions.submit(a, by=world.users["head"])
    assert "Đã nộp: 1" in _list(client, "reviewer", office).content.decode()
