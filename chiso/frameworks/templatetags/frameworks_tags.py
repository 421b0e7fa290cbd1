"""The local mark wherever a framework appears: "Bộ chỉ số điều chỉnh tại địa phương"."""

from __future__ import annotations

from typing import Any

from django import template

from chiso import rubric
from chiso.frameworks import registry

register = template.Library()


@register.inclusion_tag("frameworks/_local_mark.html")
def framework_mark(subject: Any) -> dict[str, Any]:
    """The mark of a campaign's (or an assessment's) pinned version; nothing when national."""
    campaign = getattr(subject, "campaign", subject)
    if campaign is None or not hasattr(campaign, "framework_id"):
        return {"info": None}
    try:
        info = registry.describe(campaign.framework_id, campaign.framework_version)
    except rubric.RubricError:
        return {"info": None}
    return {"info": info if info.is_local else None}


@register.inclusion_tag("frameworks/_name.html")
def framework_name(subject: Any) -> dict[str, Any]:
    """ "QĐ 4725/QĐ-BGDĐT" (or the id) of a campaign's version, with the local mark."""
    campaign = getattr(subject, "campaign", subject)
    try:
        info = registry.describe(campaign.framework_id, campaign.framework_version)
    except rubric.RubricError:
        return {"info": None, "label": f"{campaign.framework_id}@{campaign.framework_version}"}
    return {"info": info if info.is_local else None, "label": info.decision_number or info.label}
