"""The inventory screen: staff save it, offices above read it, bad input names the line."""

from chiso.inventory.models import CatalogueEntry, Inventory
from tests.conftest import PASSWORD


def _url(world, key="school"):
    return f"/hien-trang-cntt/{world.units[key].pk}/2024-2025/"


def test_the_head_saves_and_sees_the_totals(client, world) -> None:
    client.login(username="head", password=PASSWORD)
    ti_vi = CatalogueEntry.objects.get(name="Ti vi")
    web = CatalogueEntry.objects.get(name="Trang thông tin điện tử (Website)")
    response = client.post(
        _url(world),
        {f"available-{ti_vi.pk}": "1", f"quantity-{ti_vi.pk}": "12", f"available-{web.pk}": "0"},
        follow=True,
    )
    page = response.content.decode()
    assert response.status_code == 200 and "Đã lưu hiện trạng CNTT" in page
    inventory = Inventory.objects.get(unit=world.units["school"])
    assert inventory.lines.get(entry=ti_vi).quantity == 12


def test_bad_input_is_shown_and_nothing_saved(client, world) -> None:
    client.login(username="member", password=PASSWORD)
    ti_vi = CatalogueEntry.objects.get(name="Ti vi")
    response = client.post(
        _url(world), {f"available-{ti_vi.pk}": "1", f"quantity-{ti_vi.pk}": "-2"}
    )
    assert response.status_code == 400
    assert "Dòng «Ti vi»: số lượng «-2» không phải số nguyên không âm" in response.content.decode()
    assert not Inventory.objects.exists()


def test_an_office_above_reads_without_a_form(client, world) -> None:
    client.login(username="reviewer", password=PASSWORD)
    response = client.get(_url(world))
    assert response.status_code == 200
    assert "Lưu hiện trạng CNTT" not in response.content.decode()


def test_a_malformed_school_year_is_not_found(client, world) -> None:
    client.login(username="head", password=PASSWORD)
    assert client.get(f"/hien-trang-cntt/{world.units['school'].pk}/2024-2026/").status_code == 404


def test_an_inventory_answer_that_is_an_index_fact_is_stored_once_in_the_assessment(
    client, world
) -> None:
    from chiso.assessments import actions as assessment_actions
    from chiso.inventory import actions
    from chiso.inventory.models import Line

    school, head = world.units["school"], world.users["head"]
    lms = CatalogueEntry.objects.get(fact="lms_deployed")
    cashless = CatalogueEntry.objects.get(fact="cashless_fees")
    actions.save(
        school, "2024-2025", {lms.pk: {"available": "1"}, cashless.pk: {"available": "0"}}, by=head
    )
    assessment = world.assessments["school"]
    assessment.refresh_from_db()
    assert assessment.facts["lms_deployed"] is True and assessment.facts["cashless_fees"] is False
    assert not Line.objects.filter(entry__fact__in=["lms_deployed", "cashless_fees"]).exclude(
        available=None
    )
    # Changed on the assessment form: the inventory shows the same answer.
    assessment_actions.save_answers(
        assessment, facts={"cashless_fees": True}, expected_version=assessment.version, by=head
    )
    client.login(username="head", password=PASSWORD)
    page = client.get(f"/danh-gia/{assessment.pk}/").content.decode()
    assert "Cũng là dòng của hiện trạng CNTT" in page and "Có thu phí không dùng tiền mặt" in page
    assert "Khác với hiện trạng CNTT" not in page
    inventory = client.get(_url(world)).content.decode()
    row = inventory.split(f'name="available-{cashless.pk}"')[1].split("</select>")[0]
    assert '<option value="1" selected>' in row
    assert "cũng là dữ kiện của bản đánh giá năm học 2024-2025 (tiêu chí 2.4)" in inventory
