"""A bounded schemathesis run inside the suite: the live test server, real Bearer tokens, every
check; `make fuzz` runs thousands of requests the same way (tests/api/fuzzing.py)."""

from __future__ import annotations

import pytest
from django.core.files.base import ContentFile

from chiso.api.models import ApiToken
from chiso.assessments import actions
from chiso.assessments.models import Campaign
from chiso.evidence.models import Evidence
from tests.api.fuzzing import run_schemathesis, summary_lines
from tests.conftest import fill


@pytest.mark.django_db(transaction=True)
def test_a_bounded_fuzzing_run_finds_no_server_error_and_no_schema_violation(
    world, live_server, settings
):
    settings.EVIDENCE_CAPTURE_ENABLED = False
    school = fill(world.assessments["school"], world.users["member"])
    sibling = fill(world.assessments["sibling"], world.users["sibling_head"])
    actions.submit(sibling, by=world.users["sibling_head"])
    actions.recognise(sibling, by=world.users["office_head"])
    office_campaign = Campaign.objects.create(
        name="Tự đánh giá của Phòng, Sở", audience=Campaign.Audience.OFFICES,
        school_year=world.campaign.school_year, framework_id="qd3806-2024",
        owner=world.units["bo"], rollup_source=world.campaign,
    )  # fmt: skip
    office = actions.start(world.units["phong_a"], office_campaign, by=world.users["office_head"])
    item = Evidence(assessment=school, target_id="1.4", kind=Evidence.Kind.FILE,
                    original_name="hoc-lieu.pdf", size=9, content_type="application/pdf")  # fmt: skip
    item.file.save("hoc-lieu.pdf", ContentFile(b"%PDF-1.4\n"), save=True)
    ids = {
        "assessment": [office.pk, *(a.pk for a in world.assessments.values())],
        "office": [world.units[k].pk for k in ("bo", "so_a", "phong_a", "phong_b")],
        "evidence_file": [[school.pk, item.pk]],
        "campaign": [world.campaign.pk],
        "school_year": [world.campaign.school_year],
    }
    lines, requests, failures, errors = [], 0, {}, []
    # The office head through every phase; the school's head (who saves facts and submits)
    # through generated cases only, to keep the suite quick.
    runs = [("office_head", "examples,coverage,fuzzing,stateful"), ("head", "fuzzing,stateful")]
    for offset, (username, phases) in enumerate(runs):
        _, token = ApiToken.issue(world.users[username], "fuzz")
        result = run_schemathesis(
            live_server.url.replace("localhost", "127.0.0.1"),
            token,
            ids,
            max_examples=2 if offset == 0 else 15,
            seed=2026 + offset,
            phases=phases,
            timeout=300,
        )
        lines += summary_lines(username, result)
        requests += result.requests
        failures.update(result.failures)
        errors += result.errors + [e for e in result.examples if result.failures]
        assert result.server_errors == 0, lines
    print("\n".join(lines))  # shown with -s
    assert requests >= 300, lines
    assert not failures and not errors, (lines, errors)
