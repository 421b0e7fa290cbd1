"""Provinces merged on 1/7/2025 (Hải Dương into Hải Phòng): the merged Sở sees its predecessor's
campaigns and results; each result keeps the body that managed its school then."""

from __future__ import annotations

import datetime as dt

from chiso.assessments import access, queries
from chiso.assessments.models import Assessment, Campaign
from chiso.units import naming
from chiso.units.models import Management
from chiso.units.services import merge_units


def test_the_merged_so_sees_its_predecessors_campaigns_and_results(world):
    u = world.units
    old = Campaign.objects.create(name="Đánh giá CĐS", school_year="2024-2025", owner=u["so_b"])
    result = Assessment.objects.create(campaign=old, unit=u["other"])
    so_head = world.users["so_head"]
    assert result.pk not in set(access.visible_assessments(so_head).values_list("pk", flat=True))

    merge_units(u["so_b"], u["so_a"], on=dt.date(2025, 6, 30))

    u["other"].refresh_from_db()
    assert u["other"].path.startswith(u["so_a"].path)
    assert result.pk in set(access.visible_assessments(so_head).values_list("pk", flat=True))
    assert old in queries.campaigns_above(u["so_a"])
    # The result stays with the body that managed the school then.
    result.refresh_from_db()
    assert result.managing_body_id == u["phong_b"].pk


def test_a_move_on_a_date_keeps_the_old_body_until_the_day_before(world):
    u = world.units
    merge_units(u["phong_b"], u["phong_a"], on=dt.date(2025, 6, 30))
    past = Management.objects.get(unit=u["other"])
    assert (past.body_id, past.until) == (u["phong_b"].pk, dt.date(2025, 6, 30))
    u["other"].refresh_from_db()
    assert naming.managing_body(u["other"], "2024-2025") == u["phong_b"]
    assert naming.managing_body(u["other"], "2025-2026") == u["phong_a"]
