from typing import Any

from django.http import HttpRequest

from chiso.units import policy


def navigation(request: HttpRequest) -> dict[str, Any]:
    """The offices a user can open from the top bar (memberships are cached per request)."""
    return {"nav_offices": [u for u in policy.office_units(request.user) if u.is_office]}
