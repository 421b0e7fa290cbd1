"""Another URL configuration (tests/web/test_links.py)."""

from django.http import HttpResponse
from django.urls import include, path

web = ([path("", lambda request: HttpResponse(), name="home")], "web")
urlpatterns = [path("khac/", include(web))]
