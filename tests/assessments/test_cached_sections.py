"""The assessment form's criterion sections are reused from the cache: same HTML, own CSRF token,
never stale, never crossing what a user may see or do."""

import re

import pytest
from django.middleware.csrf import _unmask_cipher_token
from django.template.loader import render_to_string

from chiso.assessments import actions, fragments, presentation, scoring
from chiso.evidence.models import Evidence
from tests.conftest import PASSWORD, fill

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([A-Za-z0-9]+)"')
ANY_TOKEN = re.compile(r"\b[A-Za-z0-9]{64}\b")  # masked CSRF tokens differ at every request


@pytest.fixture(autouse=True)
def no_link_capture(settings):
    settings.EVIDENCE_CAPTURE_ENABLED = False


def page(client, assessment, username):
    assert client.login(username=username, password=PASSWORD)
    response = client.get(f"/danh-gia/{assessment.pk}/")
    assert response.status_code == 200
    return response.content.decode()


def sections(html):
    return re.findall(r'<section class="card criterion".*?</section>', html, re.S)


def test_a_section_from_the_cache_is_the_section_the_template_renders(client, world):
    a = fill(world.assessments["school"], world.users["member"])
    Evidence.objects.create(assessment=a, target_id="1.4.a", kind="link", url="https://x.edu.vn/")
    first = page(client, a, "member")  # renders and keeps every section
    again = page(client, a, "member")  # every section from the cache
    assert sections(first) and ANY_TOKEN.sub("", first) == ANY_TOKEN.sub("", again)
    a.refresh_from_db()
    card = scoring.scorecard(a)
    evidence = list(Evidence.objects.filter(assessment=a))
    blocks = [
        b for _, _, bs in presentation.criterion_blocks(a, card, evidence=evidence) for b in bs
    ]
    direct = [
        render_to_string(
            fragments.TEMPLATE,
            {"assessment": a, "block": b, "can_edit": True, "csrf_token": "T", "error": ""},
        )
        for b in blocks
    ]
    cached = [TOKEN.sub('name="csrfmiddlewaretoken" value="T"', s) for s in sections(again)]
    assert cached == [s.strip() for s in direct]


def test_each_user_gets_their_own_csrf_token_in_cached_sections(client, world, django_user_model):
    from chiso.units.models import Membership

    colleague = django_user_model.objects.create_user("colleague", password=PASSWORD)
    Membership.objects.create(user=colleague, unit=world.units["school"], role="member")
    a = world.assessments["school"]
    mine = page(client, a, "member")
    my_cookie = client.cookies["csrftoken"].value
    client.logout()
    theirs = page(client, a, "colleague")
    their_cookie = client.cookies["csrftoken"].value
    my_tokens, their_tokens = set(TOKEN.findall(mine)), set(TOKEN.findall(theirs))
    assert my_tokens and their_tokens and not my_tokens & their_tokens
    assert {_unmask_cipher_token(t) for t in their_tokens} == {their_cookie}
    assert {_unmask_cipher_token(t) for t in my_tokens} == {my_cookie}


def test_a_saved_fact_shows_on_the_next_page_and_the_version_is_current(client, world):
    a = world.assessments["school"]
    page(client, a, "member")
    response = client.post(
        f"/danh-gia/{a.pk}/tieu-chi/1.4/",
        {"fact_approved_digital_materials": "41", "version": a.version},
        HTTP_HX_REQUEST="true",
    )
    assert 'name="criterion_version" value="1"' in response.content.decode()
    html = client.get(f"/danh-gia/{a.pk}/").content.decode()
    assert 'value="41"' in html and "41 học liệu" in html
    # One form per criterion, each with its own version: only 1.4 moved.
    assert html.count('name="criterion_version" value="1"') == 1
    assert html.count('name="criterion_version" value="0"') == 10


def test_a_refused_save_shows_its_message_only_in_that_answer(client, world):
    a = world.assessments["school"]
    page(client, a, "member")
    stale = client.post(
        f"/danh-gia/{a.pk}/tieu-chi/1.4/",
        {"fact_approved_digital_materials": "41", "version": a.version + 5},
        HTTP_HX_REQUEST="true",
    ).content.decode()
    assert "vừa được người khác lưu" in stale
    assert "vừa được người khác lưu" not in client.get(f"/danh-gia/{a.pk}/").content.decode()


def test_a_submitted_assessment_shows_no_forms_even_after_its_editable_sections_were_kept(
    client, world
):
    a = fill(world.assessments["school"], world.users["head"])
    assert "hx-post" in page(client, a, "head")
    a.refresh_from_db()
    actions.submit(a, by=world.users["head"])
    html = page(client, a, "head")
    assert (
        sections(html)
        and "hx-post" not in html
        and "csrfmiddlewaretoken" not in "".join(sections(html))
    )


def test_an_outsider_gets_404_although_the_sections_are_kept(client, world):
    a = world.assessments["school"]
    page(client, a, "member")
    client.logout()
    assert client.login(username="other_head", password=PASSWORD)
    assert client.get(f"/danh-gia/{a.pk}/").status_code == 404
    assert client.post(f"/danh-gia/{a.pk}/tieu-chi/1.4/", {"version": 1}).status_code == 404


def test_the_section_key_changes_with_what_the_section_shows(world):
    a = world.assessments["school"]
    card = scoring.scorecard(a)
    block = presentation.criterion_blocks(a, card, only="1.4")[0][2][0]
    key = fragments.section_key(a, block, True)
    assert key == fragments.section_key(a, block, True)
    assert key != fragments.section_key(a, block, False)
    block.facts[0].value = "41"
    assert key != fragments.section_key(a, block, True)


def test_the_page_after_a_save_finds_every_section_part_in_the_cache(client, world):
    """A save answers with its criterion's scored part and keeps it; its evidence part did not
    change: the next page view renders no part at all, and shows what the save answered."""
    a = world.assessments["school"]
    Evidence.objects.create(assessment=a, target_id="1.4", kind="link", url="https://x.edu.vn/")
    page(client, a, "member")  # every part kept
    answer = client.post(
        f"/danh-gia/{a.pk}/tieu-chi/1.4/",
        {"fact_approved_digital_materials": "41", "criterion_version": "0"},
        HTTP_HX_REQUEST="true",
    ).content.decode()
    response = client.get(f"/danh-gia/{a.pk}/")
    rendered = {t.name for t in response.templates}
    assert "assessments/_criterion_scored.html" not in rendered
    assert "assessments/_criterion_evidence.html" not in rendered
    scored = answer.split("</div>", 1)[0]  # the answer's scored part, up to its first close
    section = next(s for s in sections(response.content.decode()) if 'id="tc-1.4"' in s)
    assert 'value="41"' in section and ANY_TOKEN.sub("", scored) in ANY_TOKEN.sub("", section)
