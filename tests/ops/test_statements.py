"""Statements built once per process write what the ORM would write."""

import datetime as dt

from django.utils import timezone

from chiso.assessments.models import Assessment
from chiso.audit import record
from chiso.audit.models import AuditEntry
from chiso.ops import statements


def test_an_audit_entry_is_stored_with_its_json_its_time_and_its_links(world):
    a = world.assessments["school"]
    before = timezone.now()
    record(
        world.users["member"], "assessment.edit", a, before={"fact:x": 1}, after={"fact:x": "hai"}
    )
    entry = AuditEntry.objects.get(verb="assessment.edit", target_id=a.pk)
    assert entry.actor == world.users["member"] and entry.unit_id == a.unit_id
    assert entry.target_type == "assessments.assessment"
    assert entry.before == {"fact:x": 1} and entry.after == {"fact:x": "hai"}
    assert before <= entry.created_at <= timezone.now() and entry.note == ""


def test_an_anonymous_actor_is_stored_as_nobody(world):
    record(None, "unit.move", world.units["school"], note="chuyển")
    entry = AuditEntry.objects.get(verb="unit.move")
    assert entry.actor_id is None and entry.unit_id == world.units["school"].pk


def test_an_update_changes_only_the_rows_that_match_every_condition(world):
    a, b = world.assessments["school"], world.assessments["sibling"]
    moment = timezone.now() - dt.timedelta(days=1)
    values = {"facts": {"teachers_total": 40}, "updated_at": moment}
    where = {"id": a.pk, "version": a.version, "status": ("draft", "returned")}
    assert statements.update(Assessment, values, where) == 1
    assert statements.update(Assessment, values, {**where, "version": a.version + 9}) == 0
    a.refresh_from_db()
    b.refresh_from_db()
    assert a.facts == {"teachers_total": 40} and a.updated_at == moment and b.facts == {}
