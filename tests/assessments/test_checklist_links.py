"""Each line of the checklist before submission links to the field or criterion it is about."""

import re

from tests.conftest import PASSWORD


def test_every_checklist_line_links_to_a_place_that_exists_on_the_form(client, world):
    a = world.assessments["school"]  # a blank draft: facts missing, no evidence
    assert client.login(username="head", password=PASSWORD)
    checklist = client.get(f"/danh-gia/{a.pk}/nop/").content.decode()
    links = re.findall(rf'<li[^>]*><a href="/danh-gia/{a.pk}/#([^"]+)">([^<]+)</a></li>', checklist)
    missing = [(anchor, text) for anchor, text in links if text.startswith("Chưa nhập: ")]
    evidence = [(anchor, text) for anchor, text in links if text.endswith("chưa có minh chứng")]
    assert missing and evidence
    assert ("tc-1.1", "Tiêu chí 1.1 chưa có minh chứng") in evidence
    form = client.get(f"/danh-gia/{a.pk}/").content.decode()
    for anchor, _text in links:
        assert f'id="{anchor}"' in form, anchor
