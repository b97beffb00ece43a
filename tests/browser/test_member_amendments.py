"""A member proposes, submits and withdraws an amendment in real Chromium, with Minden's demo
data; every page passes axe-core and the portal's CSP, reflows at 320 px and is valid HTML."""

import io
import re

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client

from concept.models import Amendment, AmendmentStatus, ConceptVersion, VersionStatus
from tests.browser.conftest import assert_valid_html
from workgroups.models import Membership


@pytest.fixture
def signed_in_member(transactional_db, visitor):
    call_command("load_minden", "--demo", verbosity=0, stdout=io.StringIO())
    user = Membership.objects.filter(user__isnull=False).order_by("pk").first().user
    client = Client()
    client.force_login(user)
    cookie = {
        "name": settings.SESSION_COOKIE_NAME,
        "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
        "url": visitor.base_url,
    }
    visitor.context.add_cookies([cookie])
    visitor.strict.context.add_cookies([cookie])
    return user


def test_a_member_proposes_submits_and_withdraws_an_amendment(visitor, signed_in_member, tmp_path):
    page = visitor.page
    version = ConceptVersion.objects.get(status=VersionStatus.CONSULTATION)
    journey = []

    def arrived(expected_path_part: str):
        page.wait_for_load_state("load")
        assert expected_path_part in page.url, page.url
        visitor.checked()
        journey.append(page.url.removeprefix(visitor.base_url).split("#")[0])

    visitor.goto("/mitmachen/")
    page.get_by_role("link", name=re.compile(f"Version {version.number} lesen")).click()
    arrived(f"/konzept/v{version.number}/")

    page.get_by_role("link", name=re.compile("Änderung vorschlagen")).first.click()
    arrived("/vorschlag/")
    assert page.get_by_label("Betroffene Textstelle").input_value() != ""

    # An addition without its text: the server explains, next to the field.
    page.get_by_label("Ergänzung").check()
    page.get_by_label("Begründung").fill("Mehr Beteiligung der Familien.")
    page.get_by_role("button", name="Als Entwurf speichern").click()
    arrived("/vorschlag/")
    assert "Bitte geben Sie den vorgeschlagenen Text an." in page.content()

    page.get_by_label("Vorgeschlagener Text").fill("<script>alert(1)</script> Elterncafés.")
    page.get_by_role("button", name="Als Entwurf speichern").click()
    arrived("/mitmachen/vorschlaege/")
    amendment = Amendment.objects.filter(author=signed_in_member).latest("pk")
    assert amendment.status == AmendmentStatus.DRAFT

    page.get_by_role("button", name="Vorschlag einreichen").click()
    arrived(f"/mitmachen/vorschlaege/{amendment.pk}/")
    assert "ab jetzt öffentlich" in page.content()

    page.get_by_role("link", name="im öffentlichen Verzeichnis ansehen").click()
    arrived(f"/konzept/v{version.number}/")
    assert page.locator(f"#vorschlag-{amendment.pk}").is_visible()
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Elterncafés." in page.content()

    visitor.goto(f"/konzept/v{version.number}/vorschlaege/")
    journey.append(f"/konzept/v{version.number}/vorschlaege/")
    page.get_by_label("Art").select_option("ergaenzung")
    page.get_by_role("button", name="Anwenden").click()
    arrived("art=ergaenzung")
    assert page.locator(f"#vorschlag-{amendment.pk}").is_visible()

    visitor.goto("/mitmachen/vorschlaege/")
    journey.append("/mitmachen/vorschlaege/")
    amendment.refresh_from_db()
    name = f"Vorschlag {amendment.number} zu Version {version.number}"
    page.get_by_role("link", name=name, exact=True).click()
    arrived(f"/mitmachen/vorschlaege/{amendment.pk}/")
    page.get_by_role("link", name="Vorschlag zurückziehen …").click()
    arrived("/zurueckziehen/")
    page.get_by_role("button", name="Ja, Vorschlag zurückziehen").click()
    arrived("/mitmachen/vorschlaege/")
    amendment.refresh_from_db()
    assert amendment.status == AmendmentStatus.WITHDRAWN

    visitor.goto(f"/en/mitmachen/vorschlaege/{amendment.pk}/")
    visitor.assert_fits_320px(journey)
    assert_valid_html(visitor.html, tmp_path)
