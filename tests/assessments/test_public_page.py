"""The public page of published levels comes a page at a time (a ministry's would list tens of
thousands of results a year)."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from chiso.assessments import actions
from chiso.units.models import Membership
from tests.conftest import fill, make_user


@pytest.fixture
def three_published(world, settings, monkeypatch):
    settings.EVIDENCE_CAPTURE_ENABLED = False
    monkeypatch.setattr("chiso.assessments.office_views.PUBLIC_PAGE", 2)
    heads = {"school": "head", "sibling": "sibling_head"}
    for key in ("school", "sibling"):
        a = actions.submit(
            fill(world.assessments[key], world.users[heads[key]]), by=world.users[heads[key]]
        )
        actions.publish(
            actions.recognise(a, by=world.users["office_head"]), by=world.users["office_head"]
        )
    head = make_user(get_user_model(), "tp.ht", world.units["direct"], Membership.Role.HEAD)
    a = actions.submit(fill(world.assessments["direct"], head), by=head)
    actions.publish(actions.recognise(a, by=world.users["so_head"]), by=world.users["so_head"])


def _rows(page: str) -> int:
    body = page.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    return body.count("<tr>")


def test_the_public_page_shows_one_page_and_links_the_next(client, world, three_published):
    first = client.get(f"/cong-khai/{world.units['so_a'].pk}/").content.decode()
    assert _rows(first) == 2 and "Trang 1/2 (3 kết quả)" in first and "?trang=2" in first
    second = client.get(f"/cong-khai/{world.units['so_a'].pk}/?trang=2").content.decode()
    assert _rows(second) == 1 and "?trang=1" in second


def test_a_page_number_past_the_end_or_odd_shows_a_real_page(client, world, three_published):
    office = world.units["so_a"].pk
    for odd in ("99", "0", "-1", "x", str(2**70)):
        response = client.get(f"/cong-khai/{office}/?trang={odd}")
        assert response.status_code == 200 and _rows(response.content.decode()) in (1, 2), odd


def test_a_page_costs_a_few_queries_whatever_the_number_of_results(
    client, world, three_published, django_assert_max_num_queries
):
    with django_assert_max_num_queries(8):
        client.get(f"/cong-khai/{world.units['so_a'].pk}/")
