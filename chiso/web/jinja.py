"""The Jinja2 environment for the few templates on the hottest path (a criterion's section,
the answer to a save, the score summary), which Jinja2 renders several times faster than
Django's engine. Same messages (Django's gettext and catalogues), same filters, same URLs."""

from __future__ import annotations

from typing import Any

from django.middleware.csrf import get_token
from django.template.defaultfilters import filesizeformat
from django.template.loader import render_to_string
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext, ngettext
from jinja2 import Environment

from chiso.web import links
from chiso.web.templatetags.chiso import level, vn


def url(viewname: str, *args: Any) -> str:
    return links.reverse(viewname, args)


def django_include(name: str, context: dict[str, Any]) -> SafeString:
    """A template of Django's engine, for a part shared with Django's pages."""
    return mark_safe(render_to_string(name, context))  # noqa: S308 (escaped by that template)


def iso_date(value: Any) -> str:
    """A date as an <input type="date"> value; empty when there is none."""
    return value.isoformat() if value else ""


def environment(**options: Any) -> Environment:
    options.pop("autoescape", None)  # always on, whatever the settings say
    options.setdefault("keep_trailing_newline", True)  # as Django's engine
    env = Environment(autoescape=True, extensions=["jinja2.ext.i18n"], **options)
    env.install_gettext_callables(gettext, ngettext, newstyle=True)  # type: ignore[attr-defined]
    from chiso.frameworks.templatetags.frameworks_tags import framework_mark
    from chiso.inventory.templatetags.inventory_tags import inventory_note

    env.globals.update(
        url=url,
        django_include=django_include,
        iso_date=iso_date,
        framework_mark=framework_mark,
        inventory_note=inventory_note,
    )
    env.filters.update(vn=vn, level=level, filesizeformat=filesizeformat)
    return env


def render(name: str, context: dict[str, Any], request: Any = None) -> SafeString:
    """A Jinja2 template of an app's `jinja2/` folder, as safe HTML; with the request, its
    CSRF token as `csrf_token` and `csrf_input` (masked once, not at every form)."""
    if request is not None:
        token = get_token(request)
        field = f'<input type="hidden" name="csrfmiddlewaretoken" value="{escape(token)}">'
        context = {**context, "csrf_token": token, "csrf_input": mark_safe(field)}  # noqa: S308
    return mark_safe(render_to_string(name, context, using="jinja2"))  # noqa: S308
