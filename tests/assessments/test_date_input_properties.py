"""Dates typed in forms (hypothesis): a date, nothing, or ValueError (shown as a message)."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from chiso.assessments.forms import council_data, parse_date

typed = st.one_of(
    st.text(max_size=25),
    st.from_regex(r"[0-9]{1,30}/[0-9]{1,30}/[0-9]{1,30}", fullmatch=True),
    st.from_regex(r"[0-9]{1,12}-[0-9]{1,4}-[0-9]{1,4}", fullmatch=True),
    st.dates().map(lambda d: d.strftime("%d/%m/%Y")),
)


@settings(max_examples=400, deadline=None)
@given(typed)
def test_any_typed_date_is_a_date_nothing_or_a_value_error(raw):
    try:
        parsed = parse_date(raw)
    except ValueError:
        return
    assert parsed is None or isinstance(parsed, dt.date)


@settings(max_examples=200, deadline=None)
@given(typed)
def test_a_bad_council_date_is_a_message_naming_the_field(raw):
    _, problems = council_data({"council_decision_date": raw})
    assert all("Ngày quyết định thành lập hội đồng" in p for p in problems)


def test_a_year_too_large_for_a_date_is_a_value_error():
    for raw in ("1/1/" + "9" * 30, "99999999999999999999/1/2025"):
        try:
            parse_date(raw)
        except ValueError:
            continue
        raise AssertionError(raw)


def test_a_deadline_with_a_year_too_large_is_a_message_not_a_server_error(client, world):
    from tests.conftest import PASSWORD

    client.login(username="office_head", password=PASSWORD)
    office = world.units["phong_a"]
    response = client.post(f"/don-vi/{office.pk}/", {"submit_by": "1/1/99999999999999999999"})
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "Ngày không hợp lệ" in page
