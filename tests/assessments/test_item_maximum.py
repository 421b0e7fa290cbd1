"""«Tối đa» beside an item is the item's own maximum, not the cap the answers give so far."""

import re

from chiso.frameworks import registry
from chiso.web.templatetags.chiso import vn
from tests.conftest import PASSWORD


def test_an_unanswered_item_shows_its_own_maximum(client, world):
    assessment = world.assessments["school"]
    framework = registry.campaign_framework(assessment.campaign)
    items = (i for g in framework.groups for c in g.criteria for i in c.items)
    item = next(i for i in items if i.rule.maximum > 0)
    assert client.login(username="member", password=PASSWORD)
    html = client.get(f"/danh-gia/{assessment.pk}/").content.decode()
    row = re.search(rf'<tr id="muc-{re.escape(item.id)}">(.*?)</tr>', html, re.S)
    assert row is not None
    cells = re.findall(r"<td[^>]*>(.*?)</td>", row.group(1), re.S)
    assert cells[2] == vn(item.rule.maximum)
    assert cells[3] == "<b>—</b>"  # nothing answered yet: nothing awarded
