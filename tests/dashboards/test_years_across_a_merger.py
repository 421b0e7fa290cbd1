"""The dashboard's school years across a merger of provinces: each earlier year is converted to
today's units (recomputed from the schools now in the subtree, the predecessor Sở's campaign
included), one line per year, and checked against a count made independently."""

from __future__ import annotations

import datetime as dt

from chiso.assessments.models import Assessment, Campaign
from chiso.dashboards import services
from chiso.units.services import merge_units


def test_a_merged_so_compares_years_on_todays_units(world, client):
    u = world.units
    old_a = Campaign.objects.create(name="CĐS", school_year="2024-2025", owner=u["so_a"])
    old_b = Campaign.objects.create(name="CĐS", school_year="2024-2025", owner=u["so_b"])
    current = Campaign.objects.create(name="CĐS", school_year="2025-2026", owner=u["so_a"])
    published = Assessment.Status.PUBLISHED
    for campaign, key, level in ((old_a, "school", 2), (old_a, "direct", 1), (old_b, "other", 3)):
        Assessment.objects.create(
            campaign=campaign, unit=u[key], status=published, overall_level=level
        )
    merge_units(u["so_b"], u["so_a"], on=dt.date(2025, 6, 30))
    u["so_a"].refresh_from_db()

    lines = services._year_lines(u["so_a"], current, "checked")

    assert [(c.pk, line.label) for c, line in lines] == [(old_a.pk, "2024-2025")]
    line = lines[0][1]
    # Independently: the 2024-2025 results of today's institutions under the merged Sở, whichever
    # Sở (or the Bộ) ran the campaign; the published ones are counted.
    year = Assessment.objects.filter(
        campaign__school_year="2024-2025",
        unit__path__startswith=u["so_a"].path,
        unit__kind="co_so",
    )
    assert line.counted == year.filter(status=published).count() == 3
    assert line.levels["overall_level"] == {1: 1, 2: 1, 3: 1}
    assert line.total == year.count() == 7  # the Bộ's campaign of that year: four drafts
