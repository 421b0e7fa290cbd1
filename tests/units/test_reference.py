"""Units and campaigns kept per process are never older than the last change to them."""

from chiso.assessments import queries
from chiso.assessments import reference as campaigns
from chiso.units import reference
from tests.conftest import PASSWORD


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


def test_a_unit_is_handed_out_as_a_copy(world):
    school = world.units["school"]
    one = reference.unit(school.pk)
    one.name = "Đổi tên trong một yêu cầu"
    assert reference.unit(school.pk).name == school.name
    assert reference.unit(10**9) is None


def test_the_campaigns_above_a_unit_are_those_of_its_ancestors(world):
    assert [c.pk for c in campaigns.campaigns_above(world.units["school"])] == [world.campaign.pk]
    assert campaigns.campaigns_above(world.units["bo"])[0].owner == world.units["bo"]


def test_the_units_below_a_path_are_found_in_a_list_in_path_order():
    from types import SimpleNamespace

    from chiso.assessments.queries import _below

    paths = ["/1/2/", "/1/2/5/", "/1/2/5/9/", "/1/21/", "/1/21/7/", "/1/3/"]
    units = [SimpleNamespace(path=p) for p in sorted(paths)]
    assert [u.path for u in _below(units, "/1/2/")] == ["/1/2/", "/1/2/5/", "/1/2/5/9/"]
    assert [u.path for u in _below(units, "/1/21/")] == ["/1/21/", "/1/21/7/"]
    assert _below(units, "/1/4/") == []


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


def test_without_shared_generations_nothing_is_kept_between_reads(world, settings):
    from chiso.units.models import Unit

    settings.WORKER_COPIES = False  # production without Redis: several workers, no shared cache
    school = world.units["school"]
    assert reference.unit(school.pk).name == school.name
    Unit.objects.filter(pk=school.pk).update(name="Đổi tên không qua tín hiệu")
    assert reference.unit(school.pk).name == "Đổi tên không qua tín hiệu"
