"""Lateness in an office's counts: a unit that has not submitted is late once the deadline of the
nearest office above it with its own deadline (else the campaign's) has passed; the sub-unit
lines and the overall line agree with that rule counted one unit at a time."""

import datetime as dt

from django.utils import timezone

from chiso.assessments import queries, tally
from chiso.assessments.models import Assessment, Deadline
from chiso.units.models import Unit


def _late_one_by_one(office, campaign):
    overrides = queries.deadlines_for(campaign)
    today = timezone.localdate()
    statuses = dict(Assessment.objects.filter(campaign=campaign).values_list("unit_id", "status"))
    late = 0
    for unit in queries.assessed_units(office, campaign).select_related("parent"):
        status = statuses.get(unit.pk, tally.NOT_STARTED)
        deadline = queries.submit_deadline(campaign, unit.parent, overrides)
        late += status in tally.PENDING and deadline is not None and deadline < today
    return late


def test_the_nearest_offices_own_deadline_decides_who_is_late(world):
    campaign, units = world.campaign, world.units  # the campaign's deadline: 31/5/2025, passed
    later = timezone.localdate() + dt.timedelta(days=30)
    Deadline.objects.create(campaign=campaign, unit=units["phong_a"], submit_by=later)
    Deadline.objects.create(campaign=campaign, unit=units["so_b"], review_by=later)  # no submit_by
    by_office = {}
    for key in ("bo", "so_a", "so_b", "phong_a"):
        counts = tally.office_tally(units[key], campaign)
        assert counts.overall.late == _late_one_by_one(units[key], campaign), key
        by_office[key] = {line.label: line.late for line in counts.by_sub_unit}
    # Under Sở A: the Phòng's schools have until next month; the school directly under the Sở
    # does not. Sở B's own date sets no submission deadline: the campaign's applies.
    assert by_office["so_a"] == {"Phòng GDĐT A1": 0, "Trực thuộc Sở GDĐT A": 1}
    assert by_office["bo"] == {"Sở GDĐT A": 1, "Sở GDĐT B": 1}
    assert tally.office_tally(units["phong_a"], campaign).overall.late == 0


def test_a_submitted_unit_is_not_late(world):
    campaign = world.campaign
    Assessment.objects.filter(unit=world.units["other"]).update(status="submitted")
    counts = tally.office_tally(world.units["bo"], campaign)
    assert {line.label: line.late for line in counts.by_sub_unit} == {
        "Sở GDĐT A": 3,
        "Sở GDĐT B": 0,
    }
    assert counts.overall.late == 3 == _late_one_by_one(world.units["bo"], campaign)
    assert Unit.objects.filter(kind="co_so").count() == 4
