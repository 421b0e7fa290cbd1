"""URL reversal remembered per process: the same name and arguments give the same URL.

A page or a criterion's section reverses dozens of URLs (two per evidence row), each a walk
through the URL patterns: a third of a section's rendering. The result depends only on the URL
configuration, the script prefix and the arguments, so it is kept (bounded) and forgotten when
the URL configuration changes (tests override it).
"""

from __future__ import annotations

import functools
from collections.abc import Hashable, Mapping, Sequence
from typing import Any

from django.core.signals import setting_changed
from django.urls import get_script_prefix, get_urlconf
from django.urls import reverse as django_reverse


@functools.lru_cache(maxsize=50_000)
def _reverse(
    urlconf: Any,
    prefix: str,
    viewname: str,
    args: tuple[Hashable, ...],
    kwargs: tuple[tuple[str, Hashable], ...],
    current_app: str | None,
) -> str:
    return django_reverse(viewname, urlconf, list(args), dict(kwargs), current_app)


def reverse(
    viewname: Any,
    args: Sequence[Any] = (),
    kwargs: Mapping[str, Any] | None = None,
    current_app: str | None = None,
) -> str:
    """`django.urls.reverse`, remembered (NoReverseMatch is raised each time, never kept)."""
    try:
        items = tuple(sorted((kwargs or {}).items()))
        return _reverse(
            get_urlconf(), get_script_prefix(), viewname, tuple(args), items, current_app
        )
    except TypeError:  # an argument that cannot be a key: reverse it plainly
        return django_reverse(viewname, args=args, kwargs=kwargs, current_app=current_app)


def _forget(setting: str, **_: Any) -> None:
    if setting in ("ROOT_URLCONF", "FORCE_SCRIPT_NAME"):
        _reverse.cache_clear()


setting_changed.connect(_forget, dispatch_uid="chiso-links-forget")
