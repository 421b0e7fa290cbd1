"""Links to an office's settings for its subtree (catalogue, effort weights, report outline)."""

from __future__ import annotations

from typing import Any

from django import template

from chiso.units import policy

register = template.Library()


@register.inclusion_tag("plans/_office_links.html", takes_context=True)
def office_settings_links(context: Any, office: Any) -> dict[str, Any]:
    user = context["request"].user
    return {"office": office, "allowed": policy.can_on_unit(user, "catalogue.edit", office)}
