"""A small budget of the attack probe (tests/attack_probe.py) on the shared world, so that the
probe keeps working and what it found stays fixed: every route for a few roles of both
provinces, three hostile texts in every field, three hostile files in every upload form, the
link tricks that need no DNS."""

from __future__ import annotations

from tests import attack_probe


def test_a_small_probe_finds_everything_failing_safe(world, settings):
    settings.EVIDENCE_CAPTURE_ENABLED = False
    lines: list[str] = []
    results = attack_probe.run(budget=3, out=lines.append)
    assert all(not tally.failures for tally in results.values()), "\n".join(lines)
    assert results["routes × roles"].total > 300
    assert results["injections"].kinds["text fields"] > 10
    assert results["hostile files"].total > 5
    assert results["link tricks"].total > 10
