"""The admin markup the crawl (tests/browser/test_admin_crawl.py) found failing, pinned without
a browser: no nameless filter link, autocomplete selects with a placeholder option, labelled
table rows."""

import re

import pytest
from django.urls import reverse

from tests.factories import AmendmentFactory, BodyFactory

pytestmark = pytest.mark.django_db


def test_queue_filter_has_no_link_for_an_empty_working_group(officer_client):
    AmendmentFactory(working_group_name="")
    AmendmentFactory(working_group_name="Bildung und Erziehung")
    html = officer_client.get(reverse("admin:concept_amendment_changelist")).content.decode()
    assert 'href="?working_group_name="' not in html
    assert "?working_group_name=Bildung+und+Erziehung" in html


def test_queue_shows_status_kind_and_age_before_the_long_columns(officer_client):
    AmendmentFactory()
    html = officer_client.get(reverse("admin:concept_amendment_changelist")).content.decode()
    columns = re.findall(r'<th scope="col" class="[^"]*column-(\w+)', html)
    assert columns[:4] == ["proposal", "status", "kind", "age"]


def test_autocomplete_select_starts_with_a_named_empty_option(officer_client):
    html = officer_client.get(reverse("admin:concept_amendment_add")).content.decode()
    select = re.search(r'<select name="section".*?</select>', html, re.DOTALL).group(0)
    assert re.search(r'<option value=""[^>]*>– bitte wählen –</option>', select)
    assert 'data-placeholder="– bitte wählen –"' in select
    assert "js/admin-autocomplete-names.js" in html


def test_inline_row_fields_carry_their_column_name(officer_client):
    body = BodyFactory(name="Integrationsrat")
    html = officer_client.get(
        reverse("admin:concept_concept_change", args=[body.concept.pk])
    ).content.decode()
    field = re.search(r'<input[^>]*id="id_bodies-0-name"[^>]*>', html).group(0)
    assert 'aria-label="Name (Zeile 1)"' in field
    kind = re.search(r'<select[^>]*id="id_bodies-0-kind"[^>]*>', html).group(0)
    assert "(Zeile 1)" in kind
