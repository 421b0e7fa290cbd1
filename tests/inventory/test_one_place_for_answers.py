"""An inventory line that is also an index fact (LMS, cashless fees …) has one answer: the year's
assessment's when it can hold it; kept in the line only until a draft is started."""

import importlib

from django.apps import apps

from chiso.assessments import actions as assessment_actions
from chiso.assessments.models import Assessment, Campaign
from chiso.audit.models import AuditEntry
from chiso.inventory import actions
from chiso.inventory.models import CatalogueEntry, Inventory, Line
from tests.conftest import PASSWORD

merge = importlib.import_module("chiso.inventory.migrations.0003_fact_answers_in_one_place").merge


def entries():
    return (
        CatalogueEntry.objects.get(fact="lms_deployed"),
        CatalogueEntry.objects.get(fact="cashless_fees"),
    )


def test_answers_kept_before_the_draft_move_into_it_when_it_is_started(world):
    school, head = world.units["school"], world.users["head"]
    later = Campaign.objects.create(
        name="Năm sau", school_year="2025-2026", owner=world.units["bo"]
    )
    lms, cashless = entries()
    actions.save(school, "2025-2026", {lms.pk: {"available": "1", "product": "VnEdu LMS"}}, by=head)
    line = Line.objects.get(entry=lms)
    assert line.available is True  # no assessment yet: the line holds it
    draft = assessment_actions.start(school, later, by=head)
    line.refresh_from_db()
    assert draft.facts["lms_deployed"] is True and line.available is None
    assert line.product == "VnEdu LMS"
    assert AuditEntry.objects.filter(verb="inventory.moved").exists()
    inventory = Inventory.objects.get(unit=school, school_year="2025-2026")
    shown = {x.entry_id: x.available for x in actions.lines_of(inventory)}
    assert shown[lms.pk] is True and shown[cashless.pk] is None


def test_a_submitted_assessments_answer_is_not_changed_from_the_inventory(world):
    school, head = world.units["school"], world.users["head"]
    lms, _cashless = entries()
    actions.save(school, "2024-2025", {lms.pk: {"available": "1"}}, by=head)
    Assessment.objects.filter(pk=world.assessments["school"].pk).update(status="submitted")
    try:
        actions.save(school, "2024-2025", {lms.pk: {"available": "0"}}, by=head)
    except actions.InventoryError as exc:
        assert "đã nộp" in str(exc)
    else:
        raise AssertionError("a submitted answer was changed from the inventory")
    world.assessments["school"].refresh_from_db()
    assert world.assessments["school"].facts["lms_deployed"] is True


def test_the_migration_merges_line_answers_the_assessment_wins_and_history_keeps_the_other(world):
    school, head = world.units["school"], world.users["head"]
    a = world.assessments["school"]
    assessment_actions.save_answers(
        a, facts={"cashless_fees": True}, expected_version=a.version, by=head
    )
    lms, cashless = entries()
    inventory = Inventory.objects.create(unit=school, school_year="2024-2025")
    Line.objects.create(inventory=inventory, entry=lms, available=True)  # only in the inventory
    Line.objects.create(inventory=inventory, entry=cashless, available=False)  # disagrees
    merge(apps, None)
    a.refresh_from_db()
    assert a.facts["lms_deployed"] is True and a.facts["cashless_fees"] is True
    assert not Line.objects.filter(inventory=inventory).exclude(available=None).exists()
    history = AuditEntry.objects.get(verb="inventory.merged", target_id=inventory.pk)
    assert history.before == {str(lms.pk): True, str(cashless.pk): False}
    assert "khác nhau, giữ câu trả lời của bản đánh giá" in history.note
    shown = {x.entry_id: x.available for x in actions.lines_of(inventory)}
    assert shown[lms.pk] is True and shown[cashless.pk] is True


def test_a_submitted_answer_is_read_only_on_the_inventory_screen_and_the_rest_saves(client, world):
    school, head = world.units["school"], world.users["head"]
    lms, _cashless = entries()
    actions.save(school, "2024-2025", {lms.pk: {"available": "1"}}, by=head)
    Assessment.objects.filter(pk=world.assessments["school"].pk).update(status="submitted")
    assert client.login(username="head", password=PASSWORD)
    url = f"/hien-trang-cntt/{school.pk}/2024-2025/"
    html = client.get(url).content.decode()
    assert f'<input type="hidden" name="available-{lms.pk}" value="1">' in html
    assert f'<select id="available-{lms.pk}" disabled>' in html
    tv = CatalogueEntry.objects.get(name="Ti vi", owner=None)
    response = client.post(
        url, {f"available-{lms.pk}": "1", f"available-{tv.pk}": "1", f"quantity-{tv.pk}": "4"}
    )
    assert response.status_code == 302
    assert Line.objects.get(entry=tv).quantity == 4
