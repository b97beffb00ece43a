"""The officer configures the content languages in the admin."""

from django.urls import reverse

from concept.models import ContentLanguage
from tests.factories import ConceptFactory


def test_the_officer_adds_a_language_and_an_unknown_code_is_refused_in_german(officer_client):
    concept = ConceptFactory()
    url = reverse("admin:concept_contentlanguage_add")
    refused = officer_client.post(url, {"concept": concept.pk, "code": "xx", "position": 1})
    assert refused.status_code == 200
    assert "kein bekannter Sprachcode" in refused.content.decode()
    assert not ContentLanguage.objects.exists()

    added = officer_client.post(url, {"concept": concept.pk, "code": "fa", "position": 2})
    assert added.status_code == 302
    listing = officer_client.get(reverse("admin:concept_contentlanguage_changelist"))
    content = listing.content.decode()
    assert "فارسی" in content and "von rechts nach links" in content
