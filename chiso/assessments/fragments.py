"""The criterion sections of the assessment form, rendered once per content and then reused.

A section is most of the page's HTML and most of its rendering time, yet it changes only when
what it shows changes. It is kept in two parts, each under a digest of everything it shows: the
scored part (facts, points, explanations, comments, who saved it) and the evidence part (every
field of its evidence rows); both also hold the assessment's id, whether the user may edit, the
language and the templates' sources. A cached part can never be stale and can only be found by
someone who holds exactly that content. A save changes the scored part only, and its answer
renders that part anyway: it keeps it, so the next page view finds the whole section. The two
values that differ per request, the CSRF token and the assessment's version, are rendered as
marks and put in after.
"""

from __future__ import annotations

import hashlib
import re
from types import SimpleNamespace
from typing import Any

from django.core.cache import cache
from django.db import models
from django.http import HttpRequest
from django.template import engines
from django.template.loader import render_to_string
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from chiso.assessments.models import Assessment
from chiso.assessments.presentation import CriterionBlock
from chiso.lib import pages

TEMPLATE = "assessments/_criterion.html"  # the whole section: the two parts below in a frame
SCORED = ("assessments/_criterion_scored.html", "assessments/_rollups.html")  # with its include
EVIDENCE = "assessments/_criterion_evidence.html"
CSRF_MARK = pages.CSRF_MARK
VERSION_MARK = "\x00version\x00"
# Long enough for the next page view after a save, short enough that every save's new section
# (a few KB) does not pile up in Redis during the deadline week.
TIMEOUT = 300


class _Marked:
    """The assessment as a cached section sees it: its id, and its version left as a mark."""

    def __init__(self, assessment: Assessment) -> None:
        self.pk = assessment.pk
        self.version = VERSION_MARK


def _content(obj: Any, skip: tuple[str, ...] = ("html",)) -> list[Any]:
    """A block (or one of its facts or items) as plain values: lists of dataclasses are taken
    apart, rows (evidence, comments) stand as all their fields, the rest is kept for `repr`."""
    out = []
    for name, value in vars(obj).items():
        if name in skip:
            continue
        if value and isinstance(value, list):
            if hasattr(value[0], "__dataclass_fields__"):
                value = [_content(v) for v in value]
            elif isinstance(value[0], models.Model):
                value = [pages.row(v) for v in value]
        out.append(value)
    return out


# What only the evidence part shows (and `html`, the rendered section itself).
EVIDENCE_FIELDS = ("evidence", "evidence_hint", "evidence_notice")


def _key(kind: str, templates: tuple[str, ...], assessment: Any, can_edit: bool, shown: Any) -> str:
    return pages.content_key(f"criterion-{kind}", templates, (assessment.pk, can_edit, shown))


def scored_key(assessment: Any, block: CriterionBlock, can_edit: bool) -> str:
    return _key("scored", SCORED, assessment, can_edit, _content(block, ("html", *EVIDENCE_FIELDS)))


def evidence_key(assessment: Any, block: CriterionBlock, can_edit: bool) -> str:
    shown = (
        block.id,
        [pages.digest(e) for e in block.evidence],
        block.evidence_hint,
        block.evidence_notice,
    )
    return _key("evidence", (EVIDENCE,), assessment, can_edit, shown)


def section_key(assessment: Assessment, block: CriterionBlock, can_edit: bool) -> str:
    """One key for the whole section (its two parts' keys): changes with anything it shows."""
    return scored_key(assessment, block, can_edit) + evidence_key(assessment, block, can_edit)


def _render(template: str, assessment: Any, block: CriterionBlock, can_edit: bool) -> str:
    context = {
        "assessment": assessment,
        "block": block,
        "can_edit": can_edit,
        "csrf_token": CSRF_MARK,
    }
    return render_to_string(template, context)


def _section(block: CriterionBlock, scored: str, evidence: str) -> str:
    """The two parts in the section's frame, as TEMPLATE puts them (a test holds them equal)."""
    return (
        f'<section class="card criterion" id="tc-{escape(block.id)}">\n'
        f"{scored}\n{evidence}\n</section>\n"
    )


def _fill(html: str, token: str, assessment: Assessment) -> str:
    return html.replace(CSRF_MARK, token).replace(VERSION_MARK, str(assessment.version))


def render_sections(
    request: HttpRequest, assessment: Assessment, blocks: list[CriterionBlock], *, can_edit: bool
) -> None:
    """Set each block's `html` to its section, its parts from the cache or rendered and kept."""
    keys = {
        b.id: (scored_key(assessment, b, can_edit), evidence_key(assessment, b, can_edit))
        for b in blocks
    }
    found = cache.get_many([k for pair in keys.values() for k in pair])
    rendered = {}
    marked = _Marked(assessment)
    token = pages.csrf_token(request) if can_edit else ""
    for block in blocks:
        parts = []
        for key, template in zip(keys[block.id], (SCORED[0], EVIDENCE), strict=True):
            html = found.get(key)
            if html is None:
                html = rendered[key] = _render(template, marked, block, can_edit)
            parts.append(html)
        html = _fill(_section(block, *parts), token, assessment)
        block.html = mark_safe(html)  # noqa: S308 (rendered by the templates, escaped there)
    if rendered:
        cache.set_many(rendered, TIMEOUT)


def render_scored(
    request: HttpRequest, assessment: Assessment, block: CriterionBlock, *, can_edit: bool
) -> SafeString:
    """A criterion's scored part as a save answers it, kept for the page view that follows
    (the section's other part, its evidence, did not change)."""
    html = _render(SCORED[0], _Marked(assessment), block, can_edit)
    cache.set(scored_key(assessment, block, can_edit), html, TIMEOUT)
    token = pages.csrf_token(request) if can_edit else ""
    return mark_safe(_fill(html, token, assessment))  # noqa: S308 (escaped by the template)


# -- the form's frame: everything around the sections, kept per content too ----------------------

FRAME = "assessments/_detail_body.html"
FRAME_INCLUDED = ("assessments/_framework_marks.html", "frameworks/_local_mark.html")
SUMMARY = "assessments/_summary.html"
SUMMARY_MARK, NOTE_MARK = "\x00summary\x00", "\x00note\x00"
# The inventory's note is the inventory app's (a template tag): rendered at each view, put in.
_NOTE = engines["django"].from_string("{% load inventory_tags %}{% inventory_note assessment %}")


def _frame_content(context: dict[str, Any]) -> tuple[Any, ...]:
    """What the frame shows besides its marks (the sections, the summary, the groups'
    explanations, the inventory note, the version and the CSRF token)."""
    a, framework = context["assessment"], context["framework"]
    unit, campaign = a.unit, a.campaign
    return (
        pages.template_revision(FRAME, *FRAME_INCLUDED),
        get_language(),
        a.pk,
        a.status,
        (unit.pk, unit.name, unit.kind, unit.institution_type),
        (campaign.pk, str(campaign), campaign.school_year),
        (campaign.framework_id, campaign.framework_version, framework.status, framework.note),
        context["framework_mark"],
        [pages.row(c) for c in context["return_comments"]],
        [getattr(a, f) for f in COUNCIL_FIELDS],
        context["narrative"],
        context["rollups_differ"],
        context["framework_applies"],
        tuple(context[f] for f in ("can_edit", "can_submit", "can_review", "can_lead")),
        [(g.id, g.title, [b.id for b in blocks]) for g, _result, blocks in context["groups"]],
    )


COUNCIL_FIELDS = (
    "council_decision_number",
    "council_decision_date",
    "council_members",
    "minutes_date",
    "minutes_summary",
    "minutes_details",
    "approval_decision_number",
    "approval_decision_date",
)


def render_form_body(request: HttpRequest, context: dict[str, Any]) -> SafeString:
    """The form's body: its frame from the cache (rendered once per content, with marks), the
    live parts put in. The sections must have been rendered (render_sections) first."""
    groups = context["groups"]
    key = (
        "form-frame:"
        + hashlib.blake2b(repr(_frame_content(context)).encode(), digest_size=20).hexdigest()
    )
    frame = cache.get(key)
    if frame is None:
        marked = [
            (
                group,
                SimpleNamespace(explanation=f"\x00explain:{group.id}\x00"),
                [SimpleNamespace(html=f"\x00section:{b.id}\x00") for b in blocks],
            )
            for group, _result, blocks in groups
        ]
        frame = render_to_string(
            FRAME,
            {
                **context,
                "groups": marked,
                "csrf_token": CSRF_MARK,
                "version": VERSION_MARK,
                "summary_html": SUMMARY_MARK,
                "note_html": NOTE_MARK,
            },
        )
        cache.set(key, frame, TIMEOUT)
    assessment = context["assessment"]
    parts = {
        SUMMARY_MARK: render_to_string(SUMMARY, context),
        NOTE_MARK: _NOTE.render({"assessment": assessment}),
        CSRF_MARK: pages.csrf_token(request),
        VERSION_MARK: str(assessment.version),
    }
    for group, result, blocks in groups:
        parts[f"\x00explain:{group.id}\x00"] = escape(result.explanation)
        for block in blocks:
            parts[f"\x00section:{block.id}\x00"] = block.html
    # One pass over the frame (a page of 100 KB), not one per mark; what is put in is not
    # scanned again, so a section's text can never be taken for a mark.
    html = _MARK.sub(lambda m: parts.get(m.group(0), ""), frame)
    return mark_safe(html)  # noqa: S308 (every part rendered by a template, escaped there)


_MARK = re.compile("\x00[^\x00]{1,80}\x00")
