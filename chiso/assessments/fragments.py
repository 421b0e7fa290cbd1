"""The criterion sections of the assessment form, rendered once per content and then reused.

A section is most of the page's HTML and most of its rendering time, yet it changes only when
what it shows changes. Its cache key is a digest of everything it shows (the block: facts,
points, explanations; every field of its evidence and comment rows; the assessment's id; whether
the user may edit; the language; the template's source), so a cached section can never be
stale and can only be found by someone who holds exactly that content. The two values that
differ per request, the CSRF token and the assessment's version, are rendered as marks and put
in after.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from django.core.cache import cache
from django.db import models
from django.http import HttpRequest
from django.middleware.csrf import get_token
from django.template.loader import get_template, render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from chiso.assessments.models import Assessment
from chiso.assessments.presentation import CriterionBlock

TEMPLATE = "assessments/_criterion.html"
INCLUDED = ("assessments/_rollups.html",)  # templates the section includes
# NUL never comes from stored or typed content (PostgreSQL refuses it, the middleware too).
CSRF_MARK = "\x00csrf\x00"
VERSION_MARK = "\x00version\x00"
# Long enough for the next page view after a save, short enough that every save's new section
# (a few KB) does not pile up in Redis during the deadline week.
TIMEOUT = 300
_revision: str | None = None


class _Marked:
    """The assessment as a cached section sees it: its id, and its version left as a mark."""

    def __init__(self, assessment: Assessment) -> None:
        self.pk = assessment.pk
        self.version = VERSION_MARK


def _template_revision() -> str:
    """A digest of the section's template, so a deploy that changes it never reuses old HTML."""
    global _revision
    if _revision is None:
        digest = hashlib.blake2b(digest_size=8)
        for name in (TEMPLATE, *INCLUDED):
            digest.update(Path(get_template(name).origin.name).read_bytes())
        _revision = digest.hexdigest()
    return _revision


def _content(obj: Any) -> list[Any]:
    """A block (or one of its facts or items) as plain values: lists of dataclasses are taken
    apart, rows (evidence, comments) stand as all their fields, the rest is kept for `repr`."""
    out = []
    for name, value in vars(obj).items():
        if name == "html":
            continue
        if value and isinstance(value, list):
            if hasattr(value[0], "__dataclass_fields__"):
                value = [_content(v) for v in value]
            elif isinstance(value[0], models.Model):
                value = [_row(v) for v in value]
        out.append(value)
    return out


def _row(row: models.Model) -> tuple[Any, ...]:
    return tuple(getattr(row, f.attname) for f in row._meta.concrete_fields)


def section_key(assessment: Assessment, block: CriterionBlock, can_edit: bool) -> str:
    content = repr((_template_revision(), get_language(), assessment.pk, can_edit, _content(block)))
    return "criterion:" + hashlib.blake2b(content.encode(), digest_size=20).hexdigest()


def _render(assessment: Any, block: CriterionBlock, can_edit: bool, error: str = "") -> str:
    context = {
        "assessment": assessment,
        "block": block,
        "can_edit": can_edit,
        "error": error,
        "csrf_token": CSRF_MARK,
    }
    return render_to_string(TEMPLATE, context)


def render_sections(
    request: HttpRequest,
    assessment: Assessment,
    blocks: list[CriterionBlock],
    *,
    can_edit: bool,
    error: str = "",
    new: bool = False,
) -> None:
    """Set each block's `html` to its section; `error` (a refused save) is shown at the top of
    each, and such sections are neither looked up nor kept. `new`: what the sections show has
    just changed (a save), so they are rendered and kept without looking them up."""
    keys = {} if error else {b.id: section_key(assessment, b, can_edit) for b in blocks}
    found = cache.get_many(list(keys.values())) if keys and not new else {}
    rendered = {}
    token = get_token(request) if can_edit else ""
    for block in blocks:
        html = found.get(keys.get(block.id, ""))
        if html is None:
            html = _render(_Marked(assessment), block, can_edit, error)
            if keys:
                rendered[keys[block.id]] = html
        html = html.replace(CSRF_MARK, token).replace(VERSION_MARK, str(assessment.version))
        block.html = mark_safe(html)  # noqa: S308 (rendered by the template, escaped there)
    if rendered:
        cache.set_many(rendered, TIMEOUT)
