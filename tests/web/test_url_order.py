"""Every app declares its paths in full (chiso/urls.py), so Django tries them one after another:
no path may take another app's URL, and the URLs of the deadline-week mix come first."""

from __future__ import annotations

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.urls.resolvers import RoutePattern

SAMPLES = {"int": "7", "str": "abc", "slug": "abc", "path": "a/b", "uuid": "0" * 32}


def _routes() -> list[tuple[str, URLPattern]]:
    """Each path with the prefixes of the includes above it."""
    out = []

    def walk(patterns: list, prefix: str) -> None:
        for p in patterns:
            if isinstance(p, URLResolver):
                walk(p.url_patterns, prefix + str(p.pattern))
            else:
                out.append((prefix + str(p.pattern), p))

    walk(get_resolver().url_patterns, "")
    return out


def _sample(route: str) -> str:
    return "/" + re.sub(r"<(?:(\w+):)?\w+>", lambda m: SAMPLES[m.group(1) or "str"], route)


ALL = _routes()
ROUTES = [(route, p) for route, p in ALL if isinstance(p.pattern, RoutePattern)]  # samples


@pytest.mark.parametrize("route", [route for route, _ in ROUTES])
def test_each_path_is_reached_by_its_own_urls(route):
    assert resolve(_sample(route)).route == route


def _tried(url: str) -> int:
    """How many paths Django tries to find the one that serves `url` (the first that matches)."""
    return [route for route, _ in ALL].index(resolve(url).route) + 1


@pytest.mark.parametrize(
    "url",
    [
        "/danh-gia/7/",  # the assessment form
        "/danh-gia/7/tieu-chi/1.4/",  # a save
        "/don-vi/7/",  # an office's list
        "/tong-quan/7/",  # a dashboard
        "/van-hanh/trang-goc/",  # the bare page `make load` measures every request against
    ],
)
def test_the_busiest_urls_are_found_among_the_first_paths(url):
    assert _tried(url) <= 40
