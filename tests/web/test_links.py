"""Remembered URL reversal gives Django's URLs and forgets them with the URL configuration."""

import pytest
from django.template import Context, Template
from django.urls import NoReverseMatch, reverse

from chiso.web import links


def test_a_remembered_url_is_the_url_django_reverses():
    assert links.reverse("assessments:detail", [7]) == reverse("assessments:detail", args=[7])
    assert links.reverse("assessments:detail", [7]) == "/danh-gia/7/"


def test_an_unknown_name_is_refused_every_time():
    for _ in range(2):
        with pytest.raises(NoReverseMatch):
            links.reverse("assessments:no-such-page", [1])


def test_the_url_tag_of_every_template_uses_it():
    html = Template("{% url 'assessments:detail' 5 %}|{% url 'nope' as x %}[{{ x }}]").render(
        Context()
    )
    assert html == "/danh-gia/5/|[]"


def test_a_new_url_configuration_is_used_at_once(settings):
    assert links.reverse("web:home") == "/"
    settings.ROOT_URLCONF = "tests.web.urls_elsewhere"
    assert links.reverse("web:home") == "/khac/"
