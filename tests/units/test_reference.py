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
