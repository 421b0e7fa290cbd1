from typing import Any

from django.http import HttpRequest

from chiso.lib import pages
from chiso.units import policy


def navigation(request: HttpRequest) -> dict[str, Any]:
    """The offices a user can open from the top bar (memberships are cached per request), and
    the key under which base.html keeps the bar: everything it shows, so a renamed unit, a new
    role or another language is a new key (a callable: worked out only by a page that shows it)."""
    user = request.user
    offices = [u for u in policy.office_units(user) if u.is_office]

    def nav_key() -> str:
        shown = (
            user.pk,
            user.get_full_name() if user.is_authenticated else "",
            user.get_username(),
            [(o.pk, o.name, o.short_name) for o in offices],
        )
        return pages.content_key("top-bar", ["base.html"], shown)

    return {"nav_offices": offices, "nav_key": nav_key}
