"""Odd filter values on the office list are ignored, never a server error."""

from __future__ import annotations

import pytest

from tests.conftest import PASSWORD


@pytest.mark.parametrize("query", ["truc_thuoc=²", "dot=²", "truc_thuoc=١٢", "dot=" + "9" * 30])
def test_odd_filter_values_still_show_the_list(client, world, query):
    assert client.login(username="office_head", password=PASSWORD)
    response = client.get(f"/don-vi/{world.units['phong_a'].pk}/?{query}")
    assert response.status_code == 200
