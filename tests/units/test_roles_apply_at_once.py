"""Who is asking is read at every request: a change of a user or their roles applies at once.
(tests/ops/test_two_processes.py shows the same across two server processes.)"""

from chiso.units.models import Membership
from tests.conftest import PASSWORD


def login(client, username):
    assert client.login(username=username, password=PASSWORD)


def test_a_removed_role_stops_working_at_the_next_request(client, world):
    login(client, "reviewer")
    office = world.units["phong_a"]
    assert client.get(f"/don-vi/{office.pk}/").status_code == 200
    Membership.objects.filter(user=world.users["reviewer"]).delete()
    assert client.get(f"/don-vi/{office.pk}/").status_code == 404


def test_a_new_role_works_at_the_next_request(client, world):
    login(client, "member")
    office = world.units["phong_b"]
    assert client.get(f"/don-vi/{office.pk}/").status_code == 404
    Membership.objects.create(user=world.users["member"], unit=office, role="reviewer")
    assert client.get(f"/don-vi/{office.pk}/").status_code == 200


def test_a_deactivated_user_is_logged_out_at_the_next_request(client, world):
    login(client, "member")
    assert client.get("/").status_code == 200
    user = world.users["member"]
    user.is_active = False
    user.save()
    assert client.get("/").status_code == 302  # to the login page


def test_a_closed_unit_takes_its_roles_with_it(client, world):
    login(client, "reviewer")
    office = world.units["phong_a"]
    assert client.get(f"/don-vi/{office.pk}/").status_code == 200
    office.is_active = False
    office.save()
    assert client.get(f"/don-vi/{office.pk}/").status_code == 404
