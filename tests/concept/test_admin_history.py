"""The admin's "Änderungsverlauf" pages read as German text: local dates, names for related
rows, labels for choices, "—" for nothing, "ja"/"nein", and long texts as an escaped word diff
instead of the library's cut strings ("Hausa[57 chars]t.", "Deleted Version (pk=None)")."""

import datetime as dt
import re
from html.parser import HTMLParser

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from concept.models import ConceptVersion, VersionStatus
from concept.services import amendment_decide, amendment_review_start
from minden_integration.core.admin_history import local_datetime
from tests.concept.conftest import bring_to, version_with_sections
from tests.concept.test_moderation import submitted
from tests.factories import VersionFactory

pytestmark = pytest.mark.django_db

OLD_TEXT = (
    "Hausaufgabenhilfe in allen Grundschulen der Stadt Minden, an jedem Nachmittag der Woche, "
    "mit Ehrenamtlichen aus den Moschee- und Kulturvereinen, den Kirchengemeinden und der "
    "Jugendarbeit, damit Kinder mit und ohne Deutsch als Familiensprache gemeinsam lernen."
)
NEW_TEXT = OLD_TEXT.replace("an jedem Nachmittag", "am Samstagvormittag")
REASONING = 'Abgelehnt, <script>alert("x")</script> bitte im Stadtteil klären.'


def local(value: dt.datetime) -> str:
    """What the page should show for `value`, worked out apart from the code under test."""
    return timezone.localtime(value).strftime("%d.%m.%Y, %H:%M")


def history_table(client, obj) -> str:
    """The history page's table of changes, with its status checked."""
    url = reverse(f"admin:concept_{obj._meta.model_name}_history", args=[obj.pk])
    response = client.get(url)
    assert response.status_code == 200
    page = response.content.decode()
    start = page.index('<table id="change-history"')
    return page[start : page.index("</table>", start)]


def changes(table: str) -> list[str]:
    """Each change of the table as one line of text ("Status: Entwurf → In Beteiligung")."""
    items = re.findall(r"<li>(.*?)</li>", table, re.DOTALL)
    hints = r'<span class="visually-hidden">[^<]*</span>'
    return [" ".join(re.sub(r"<[^>]+>", " ", re.sub(hints, "", item)).split()) for item in items]


@pytest.fixture
def decided(officer, concept):
    """An amendment whose long text was changed after submission, then reviewed and rejected
    with a reasoning holding markup."""
    version = version_with_sections(concept)
    bring_to(version, VersionStatus.CONSULTATION)
    amendment = submitted(version, text=OLD_TEXT)
    amendment.proposed_text = NEW_TEXT
    amendment.save()
    amendment_review_start(amendment=amendment, by=officer)
    amendment.refresh_from_db()
    amendment_decide(amendment=amendment, by=officer, status="rejected", reasoning=REASONING)
    amendment.refresh_from_db()
    return amendment


def test_local_datetime_is_german_local_time_without_seconds():
    utc = dt.datetime(2026, 12, 2, 2, 30, 59, 501923, tzinfo=dt.UTC)
    assert local_datetime(utc) == "02.12.2026, 03:30"
    summer = dt.datetime(2026, 7, 2, 2, 30, tzinfo=dt.UTC)
    assert local_datetime(summer) == "02.07.2026, 04:30"


def test_the_amendment_history_shows_dates_labels_and_names_in_german(
    officer_client, officer, decided
):
    table = history_table(officer_client, decided)
    lines = changes(table)

    # The decision: a local German date, the status's label, the user by name.
    assert f"Entschieden am: — → {local(decided.decided_at)}" in lines
    assert f"Entschieden von: — → {officer}" in lines
    assert "Status: In Prüfung → Abgelehnt" in lines
    assert f"Eingereicht am: — → {local(decided.submitted_at)}" in lines
    # Each row's date column, in the same form.
    newest = decided.history.order_by("-history_date").first()
    assert f">{local(newest.history_date)}</time>" in table

    for raw in ("+00:00", "None", "Deleted", "chars]", "[", "in_review", "rejected"):
        assert raw not in table, raw
    assert not re.search(r"\d\d:\d\d:\d\d", table), "seconds or microseconds shown"


def test_a_long_text_change_is_a_word_diff_not_a_cut_string(officer_client, decided):
    table = history_table(officer_client, decided)
    text_change = next(line for line in changes(table) if line.startswith("Vorgeschlagener Text"))
    # The whole text, not "Hausa[57 chars]…".
    assert "Hausaufgabenhilfe in allen Grundschulen" in text_change
    assert "als Familiensprache gemeinsam lernen." in text_change
    deleted = re.findall(r"<del>(.*?)</del>", table, re.DOTALL)
    inserted = re.findall(r"<ins>(.*?)</ins>", table, re.DOTALL)
    assert any("an jedem Nachmittag" in part for part in deleted), deleted
    assert any("am Samstagvormittag" in part for part in inserted), inserted
    assert not any("Hausaufgabenhilfe" in part for part in deleted + inserted)


def test_markup_in_a_text_is_shown_escaped(officer_client, decided):
    table = history_table(officer_client, decided)
    assert "<script" not in table
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in table


def test_the_version_history_names_related_versions_and_says_when_one_is_gone(
    officer_client, concept
):
    version = version_with_sections(concept)
    earlier = VersionFactory(concept=concept, number=8, title="Vorgänger")
    gone = VersionFactory(concept=concept, number=9, title="Verworfen")
    gone_pk = gone.pk
    version.drafted_from = earlier
    version.title = "<b>Entwurf</b> 2027"
    version.save()
    version.drafted_from = None
    version.is_example = True
    version.save()
    version.drafted_from = gone
    version.save()
    version.drafted_from = None
    version.status_since = dt.date(2026, 12, 2)
    version.title = "Entwurf 2027"
    version.save()
    gone.delete()
    bring_to(version, VersionStatus.CONSULTATION)
    version.refresh_from_db()

    table = history_table(officer_client, version)
    lines = changes(table)
    assert f"Fortgeschrieben aus: — → {earlier}" in lines
    assert f"Fortgeschrieben aus: {earlier} → —" in lines
    assert f"Fortgeschrieben aus: — → gelöscht (Nr. {gone_pk})" in lines
    assert f"Fortgeschrieben aus: gelöscht (Nr. {gone_pk}) → —" in lines
    assert "Beispielinhalt: nein → ja" in lines
    assert "Status seit: — → 02.12.2026" in lines
    assert "Status: Entwurf → In Beteiligung" in lines
    assert f"Beteiligung bis: — → {local(version.consultation_ends_at)}" in lines
    # A short text is shown whole and escaped.
    assert "Bezeichnung: Entwurf → &lt;b&gt;Entwurf&lt;/b&gt; 2027" in lines
    assert "Bezeichnung: &lt;b&gt;Entwurf&lt;/b&gt; 2027 → Entwurf 2027" in lines
    for raw in ("None", "Deleted", "pk=", "<b>", "True", "False"):
        assert raw not in table, raw
    assert not any("2026-12-02" in line for line in lines)
    assert not ConceptVersion.objects.filter(pk=gone_pk).exists()


class _Page(HTMLParser):
    def __init__(self):
        super().__init__()
        self.h1 = 0
        self.captions = 0
        self.styled = 0
        self.empty_options = 0
        self._option = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.h1 += tag == "h1"
        self.captions += tag == "caption"
        self.styled += "style" in attrs
        self._option = tag == "option"

    def handle_data(self, data):
        self._option = self._option and not data.strip()

    def handle_endtag(self, tag):
        self.empty_options += tag == "option" and self._option
        self._option = False


def test_the_history_page_is_one_titled_page_with_a_labelled_table(officer, clerk, decided):
    url = reverse("admin:concept_amendment_history", args=[decided.pk])
    for user in (officer, clerk):
        client = Client()
        client.force_login(user)
        page = client.get(url).content.decode()
        parser = _Page()
        parser.feed(page)
        assert parser.h1 == 1
        assert '<caption class="visually-hidden">Änderungen, die neueste zuerst</caption>' in page
        assert parser.styled == 0, "style attributes break the CSP"
        assert parser.empty_options == 0
        assert "css/admin.css" in page
        # German headings, no column of "None" for change reasons nobody gives.
        for heading in ("Zeitpunkt", "Vorgang", "Geändert von", "Änderungen"):
            assert f'<th scope="col">{heading}</th>' in page
        assert "Änderungsgrund" not in page
        assert f"{decided.history.count()} Einträge" in page


def test_the_history_page_needs_no_query_per_record(officer_client, concept):
    version = version_with_sections(concept)
    earlier = VersionFactory(concept=concept, number=8, title="Vorgänger")
    url = reverse("admin:concept_conceptversion_history", args=[version.pk])

    def queries_after(saves: int) -> int:
        for number in range(saves):
            version.drafted_from = None if version.drafted_from else earlier
            version.title = f"Entwurf {number}"
            version.save()
        with CaptureQueriesContext(connection) as captured:
            assert officer_client.get(url).status_code == 200
        return len(captured)

    queries_after(0)  # the first request also fills the content types' cache
    assert queries_after(2) == queries_after(6)


def test_each_row_links_to_the_state_it_records(officer_client, decided):
    first = decided.history.order_by("history_id").first()
    state = reverse("admin:concept_amendment_simple_history", args=[decided.pk, first.pk])
    assert f'href="{state}"' in history_table(officer_client, decided)
    page = officer_client.get(state)
    assert page.status_code == 200
    assert "Stand von" in page.content.decode()
