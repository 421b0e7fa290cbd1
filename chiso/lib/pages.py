"""Parts of pages kept in the shared cache under a digest of everything they show.

A part is found again only by a request that would render exactly the same HTML: its key is a
digest of the template's source (and of the templates it names), the language and every value
it is given (a row as all its fields), so it can never be stale. The CSRF token, the one value
that differs per request, is rendered as a mark and put in after.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from django.core.cache import cache
from django.db import models
from django.http import HttpRequest
from django.middleware.csrf import get_token
from django.template.loader import get_template, render_to_string
from django.utils.functional import Promise
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

# NUL never comes from stored or typed content (PostgreSQL refuses it, the middleware too).
CSRF_MARK = "\x00csrf\x00"
SECONDS = 300


@functools.cache
def template_revision(*names: str) -> str:
    """A digest of templates' sources, so a deploy that changes one never reuses old HTML."""
    digest = hashlib.blake2b(digest_size=8)
    for name in names:
        digest.update(Path(get_template(name).origin.name).read_bytes())
    return digest.hexdigest()


def csrf_token(request: HttpRequest) -> str:
    """The request's CSRF token, masked once: Django's `get_token` masks the secret anew at
    every call (about 50 µs), and a page puts the same token in many fragments."""
    token = getattr(request, "_chiso_csrf_token", None)
    if token is None:
        token = request._chiso_csrf_token = get_token(request)  # type: ignore[attr-defined]
    return token  # type: ignore[no-any-return]


def content_key(prefix: str, templates: Iterable[str], shown: Any) -> str:
    """A cache key for what `templates` render from `shown` (plain values, as `plain` makes
    them) in the active language."""
    content = (template_revision(*templates), get_language(), shown)
    return f"{prefix}:" + hashlib.blake2b(repr(content).encode(), digest_size=20).hexdigest()


def row(instance: models.Model) -> tuple[Any, ...]:
    """A row as all of its fields' values."""
    return tuple(getattr(instance, f.attname) for f in instance._meta.concrete_fields)


def digest(instance: models.Model) -> str:
    """A short digest of a row's fields, worked out once when the row is read and kept on it
    (`_digest`), so that keys over many rows (an assessment's evidence) stay cheap."""
    found = instance.__dict__.get("_digest")
    if found is None:
        found = hashlib.blake2b(repr(row(instance)).encode(), digest_size=12).hexdigest()
        instance.__dict__["_digest"] = found
    return found


def plain(value: Any) -> Any:
    """A value as what `repr` can tell apart: rows as their fields, lists and tuples inside out."""
    if isinstance(value, models.Model):
        return (type(value).__name__, row(value))
    if isinstance(value, Promise):  # a lazy translation: its text in the active language
        return str(value)
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if isinstance(value, Mapping):
        return sorted((str(k), plain(v)) for k, v in value.items())
    return value


def render_kept(
    request: HttpRequest,
    template: str,
    context: Mapping[str, Any],
    *,
    shown: Any,
    templates: Iterable[str] = (),
) -> SafeString:
    """`template` rendered with `context`, or the same HTML from the cache. `shown`: everything
    that decides what it shows (the context's values, or digests standing for some of them, and
    what its tags read besides); `templates`: the others it includes."""
    key = content_key("page-part", (template, *templates), plain(shown))
    html = cache.get(key)
    if html is None:
        html = render_to_string(template, {**context, "csrf_token": CSRF_MARK}, request=request)
        cache.set(key, html, SECONDS)
    return mark_safe(html.replace(CSRF_MARK, csrf_token(request)))  # noqa: S308 (escaped by the template)
