"""The per-process copy of who is asking follows every change of the user and their roles."""

from django.core.cache import cache

from chiso.ops import generations
from chiso.units import identity, reference
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


def test_the_copy_is_dropped_when_its_generation_is_evicted(world):
    user = world.users["member"]
    first = identity.user(user.pk)
    assert first is not None and first.pk == user.pk
    # An evicted generation comes back new: the copy made under the old one is not used.
    cache.delete_many([reference.KEY, f"identity:generation:{user.pk}"])
    Membership.objects.filter(user=user).update(role="head")  # no signal
    again = identity.user(user.pk)
    assert [m.role for m in again._chiso_memberships] == ["head"]


def test_each_request_gets_its_own_copy(world):
    one, two = identity.user(world.users["member"].pk), identity.user(world.users["member"].pk)
    assert one is not two and one.pk == two.pk
    one.first_name = "Đổi"
    assert two.first_name != "Đổi"


def test_a_generation_missing_from_the_cache_is_created_not_defaulted():
    cache.delete("test:generation")
    first = generations.current("test:generation")
    assert first and generations.current("test:generation") == first
    cache.delete("test:generation")
    assert generations.current("test:generation") != first


def test_without_shared_generations_roles_are_read_at_every_request(world, settings):
    settings.WORKER_COPIES = False
    user = world.users["member"]
    identity.user(user.pk)
    Membership.objects.filter(user=user).update(role="head")  # no signal
    assert [m.role for m in identity.user(user.pk)._chiso_memberships] == ["head"]
