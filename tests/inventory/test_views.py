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


def test_the_assessment_form_says_which_facts_come_from_the_inventory(client, world) -> None:
    from chiso.inventory import actions

    school, head = world.units["school"], world.users["head"]
    lms = CatalogueEntry.objects.get(fact="lms_deployed")
    cashless = CatalogueEntry.objects.get(fact="cashless_fees")
    actions.save(
        school, "2024-2025", {lms.pk: {"available": "1"}, cashless.pk: {"available": "0"}}, by=head
    )
    assessment = world.assessments["school"]
    assessment.refresh_from_db()
    assessment.facts["cashless_fees"] = True  # changed on the form since
    assessment.save()
    client.login(username="head", password=PASSWORD)
    page = client.get(f"/danh-gia/{assessment.pk}/").content.decode()
    assert "Lấy từ hiện trạng CNTT: Có hệ thống LMS/LCMS" in page
    assert "Khác với hiện trạng CNTT: Có thu phí không dùng tiền mặt" in page
