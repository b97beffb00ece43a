"""The production urlconf with the benchmark's floor in front (bench/settings_load.py)."""

from django.http import HttpResponse
from django.urls import path

from minden_integration import urls as portal

# About 20 KB of HTML, the same bytes every time.
FLOOR_BODY = (
    "<!doctype html><html lang=de><head><meta charset=utf-8><title>Boden</title></head><body>"
    + "<p>Integrationskonzept der Stadt Minden: konstanter Vergleichswert.</p>\n" * 280
    + "</body></html>"
).encode()


def floor(request):
    return HttpResponse(FLOOR_BODY, content_type="text/html; charset=utf-8")


urlpatterns = [path("bench-floor/", floor, name="bench-floor"), *portal.urlpatterns]

handler400 = portal.handler400
handler403 = portal.handler403
handler404 = portal.handler404
handler500 = portal.handler500
