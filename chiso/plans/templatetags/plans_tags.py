"""Links on an office's page: its settings for the subtree (catalogue, effort weights, report
outline) and the subtree's consolidated figures of the campaign's school year."""

from __future__ import annotations

from typing import Any

from django import template

from chiso.units import policy

register = template.Library()


@register.inclusion_tag("plans/_office_links.html", takes_context=True)
def office_settings_links(context: Any, office: Any, campaign: Any = None) -> dict[str, Any]:
    user = context["request"].user
    return {
        "office": office,
        "campaign": campaign,
        "allowed": policy.can_on_unit(user, "catalogue.edit", office),
        "consolidate": campaign is not None
        and policy.can_on_unit(user, "records.consolidate", office),
    }
