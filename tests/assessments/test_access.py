"""The access function of screens and API: an assessment in one query, its unit, managing body
and campaign from the shared cache, each as it is at the next request after any change."""

from chiso.assessments.access import get_assessment_for_user
from chiso.units import policy


def opened(world, key="school", user="head"):
    return get_assessment_for_user(world.users[user], world.assessments[key].pk)


def test_an_assessment_is_opened_in_one_query_once_its_unit_and_campaign_are_kept(
    world, django_assert_num_queries
):
    user = world.users["head"]
    policy.memberships(user)  # read once per request (the middleware does it)
    get_assessment_for_user(user, world.assessments["school"].pk)
    with django_assert_num_queries(1):
        assessment = get_assessment_for_user(user, world.assessments["school"].pk)
        assert assessment.unit.name == "Trường Tiểu học Chu Văn An"
        assert assessment.campaign.school_year == "2024-2025"


def test_a_renamed_unit_is_read_as_renamed_at_the_next_request(world):
    assert opened(world).unit.name == "Trường Tiểu học Chu Văn An"
    school = world.units["school"]
    school.name = "Trường Tiểu học Chu Văn An (cơ sở 2)"
    school.save()
    assert opened(world).unit.name == "Trường Tiểu học Chu Văn An (cơ sở 2)"


def test_a_changed_campaign_is_read_as_changed_at_the_next_request(world):
    assert opened(world).campaign.is_open
    world.campaign.is_open = False
    world.campaign.save()
    assert not opened(world).campaign.is_open


def test_the_managing_body_comes_with_the_unit(world, django_assert_num_queries):
    assessment = world.assessments["school"]
    assessment.managing_body = world.units["phong_a"]
    assessment.save()
    user = world.users["head"]
    policy.memberships(user)
    get_assessment_for_user(user, assessment.pk)
    with django_assert_num_queries(1):
        found = get_assessment_for_user(user, assessment.pk)
        assert policy.managing_body_of(found).name == "Phòng GDĐT A1"
