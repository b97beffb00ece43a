import datetime as dt
import re
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.db import connection
from django.test.utils import CaptureQueriesContext

from concept.models import (
    AmendmentKind,
    AmendmentStatus,
    ConsultationResult,
    Section,
    StoredDiff,
    VersionStatus,
)
from concept.services import (
    amendment_create,
    amendment_decide,
    amendment_incorporate,
    amendment_review_start,
    amendment_submit,
    consultation_record,
    version_create,
    version_create_next,
    version_present,
)
from measures.services import measure_cite
from tests.concept.conftest import bring_to, move, version_with_sections
from tests.factories import (
    ConceptFactory,
    MeasureFactory,
    RecommendationFactory,
    SectionFactory,
    UserFactory,
    VersionFactory,
    WorkingGroupFactory,
)

# --- helpers ----------------------------------------------------------------------------------


def html(response) -> str:
    return response.content.decode()


def main(response) -> str:
    """The page's own content, without the frame (whose language links repeat the query)."""
    content = html(response)
    return content[content.index("<main") : content.index("</main>")]


def section_html(content: str, key: str) -> str:
    """The markup of one section of the reading view."""
    start = content.index(f'<section id="abschnitt-{key}"')
    return content[start : content.index("</section>", start)]


def get_count(client, url) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries), html(response)


def add_sections(version, count, *, start=1):
    for position in range(start, start + count):
        SectionFactory(
            version=version,
            position=position,
            number=str(position),
            key=f"kapitel-{position}",
            title=f"Kapitel {position}",
            easy_language_summary="Das ist wichtig." if position % 2 else "",
        )


def add_cited_measures(concept, version, count, *, start=1):
    group = WorkingGroupFactory(concept=concept)
    sections = list(version.sections.in_order())
    for offset in range(count):
        number = start + offset
        measure = MeasureFactory(concept=concept, working_group=group, number=number)
        measure_cite(measure=measure, sections=[sections[offset % len(sections)]])
        recommendation = RecommendationFactory(concept=concept, code=f"E{number}")
        recommendation.measures.add(measure)


@pytest.fixture
def public(concept):
    """Version 1 in consultation, two sections."""
    return bring_to(version_with_sections(concept), VersionStatus.CONSULTATION)


@pytest.fixture
def member_client(client, member):
    client.force_login(member)
    return client


CLIENTS = ["client", "member_client", "officer_client", "clerk_client"]


# --- access -----------------------------------------------------------------------------------


@pytest.mark.parametrize("client_name", CLIENTS)
@pytest.mark.parametrize(
    "path", ["/konzept/", "/konzept/v1/", "/konzept/versionen/", "/konzept/vergleich/"]
)
def test_public_pages_are_open_to_every_role(request, public, client_name, path):
    assert request.getfixturevalue(client_name).get(path).status_code == 200


@pytest.mark.parametrize("client_name", ["client", "member_client"])
def test_a_draft_is_not_found_for_visitors_and_members(request, draft, client_name):
    response = request.getfixturevalue(client_name).get("/konzept/v1/")
    assert response.status_code == 404
    assert "Entwurf" not in html(response)


@pytest.mark.parametrize("client_name", ["officer_client", "clerk_client"])
def test_staff_see_a_draft_marked_as_not_public(request, draft, client_name):
    response = request.getfixturevalue(client_name).get("/konzept/v1/")
    assert response.status_code == 200
    assert "Entwurf – nicht öffentlich" in html(response)
    assert '<meta name="robots" content="noindex">' in html(response)


def test_a_public_version_carries_no_draft_notice(client, public):
    assert "nicht öffentlich" not in html(client.get("/konzept/v1/"))


@pytest.mark.parametrize("path", ["/konzept/v7/", "/konzept/v0/", "/konzept/v99999999999999/"])
def test_unknown_versions_are_not_found(client, public, path):
    assert client.get(path).status_code == 404


def test_a_version_of_another_concept_is_not_found(client, public):
    other = ConceptFactory(slug="anderswo")
    bring_to(version_with_sections(other), VersionStatus.CONSULTATION)  # its number is 2
    assert client.get("/konzept/v2/").status_code == 404


# --- the reading view -------------------------------------------------------------------------


def test_reading_view_has_a_table_of_contents_with_permanent_anchors(client, concept):
    version = version_with_sections(concept, 3)
    Section.objects.filter(version=version, key="kapitel-2").update(level=2, number="1.1")
    bring_to(version, VersionStatus.CONSULTATION)
    content = html(client.get("/konzept/v1/"))
    start = content.index('<nav class="concept-toc')
    toc = content[start : content.index("</nav>", start)]
    assert 'aria-label="Inhaltsverzeichnis"' in toc
    for key in ("kapitel-1", "kapitel-2", "kapitel-3"):
        assert f'href="#abschnitt-{key}"' in toc
        assert f'<section id="abschnitt-{key}"' in content
    # Nested: the sub-chapter is a list inside its chapter's item.
    assert toc.count("<ol") == 2
    assert (
        '<h2 class="section-title"><span class="section-number">1</span> Kapitel 1</h2>' in content
    )
    assert '<h3 class="section-title"><span class="section-number">1.1</span> Kapitel 2</h3>' in (
        content
    )
    assert content.count("<h1") == 1


def test_the_table_of_contents_shows_each_section_number_once(client, concept):
    version = version_with_sections(concept, 3)
    Section.objects.filter(version=version, key="kapitel-2").update(level=2, number="1.1")
    bring_to(version, VersionStatus.CONSULTATION)
    content = html(client.get("/konzept/v1/"))
    start = content.index('<nav class="concept-toc')
    toc = content[start : content.index("</nav>", start)]
    # The stored number is written once; the lists are not numbered by the browser as well.
    lists = re.findall(r"<ol[^>]*>", toc)
    assert lists and all('class="toc-list"' in tag for tag in lists)
    stylesheet = Path(finders.find("css/concept.css")).read_text()
    rule = re.search(r"(?:^|\n)\.toc-list \{([^}]*)\}", stylesheet)
    assert rule and "list-style: none" in rule.group(1)
    assert "css/concept.css" in content[: content.index("</head>")]
    entries = " ".join(re.sub(r"<[^>]+>", " ", toc[toc.index("<ol") :]).split())
    assert entries == "1 Kapitel 1 1.1 Kapitel 2 3 Kapitel 3"


def test_headings_never_skip_a_level(client, concept):
    version = version_create(concept=concept)
    SectionFactory(
        version=version, position=1, key="a", number="1.1", level=2, title="Ohne Kapitel"
    )
    SectionFactory(version=version, position=2, key="b", number="1.1.1", level=3, title="Tief")
    bring_to(version, VersionStatus.CONSULTATION)
    content = html(client.get("/konzept/v1/"))
    assert (
        '<h2 class="section-title"><span class="section-number">1.1</span> Ohne Kapitel' in content
    )
    assert '<h3 class="section-title"><span class="section-number">1.1.1</span> Tief' in content


def test_reading_view_lists_the_measures_each_section_cites(client, concept):
    version = version_with_sections(concept, 2)
    first, second = version.sections.in_order()
    group = WorkingGroupFactory(concept=concept)
    cited = MeasureFactory(concept=concept, working_group=group, number=7, title="Elterncafés")
    elsewhere = MeasureFactory(concept=concept, working_group=group, number=8, title="Lotsen")
    MeasureFactory(concept=concept, working_group=group, number=9, title="Nirgends zitiert")
    measure_cite(measure=cited, sections=[first])
    measure_cite(measure=elsewhere, sections=[second])
    recommendation = RecommendationFactory(
        concept=concept, code="E3", title="Elternarbeit stärken", text="imap rät."
    )
    recommendation.measures.add(cited)
    bring_to(version, VersionStatus.CONSULTATION)

    content = html(client.get("/konzept/v1/"))
    one, two = section_html(content, "kapitel-1"), section_html(content, "kapitel-2")
    assert 'href="/massnahmen/7/"' in one and "Elterncafés" in one
    assert "Lotsen" not in one
    assert 'href="/massnahmen/8/"' in two and "Lotsen" in two
    assert "E3" in one and "Elternarbeit stärken" in one and "imap rät." in one
    assert "Elternarbeit stärken" not in two
    assert "Nirgends zitiert" not in content


def test_reading_view_shows_the_easy_language_summary_in_a_labelled_box(client, concept):
    version = version_with_sections(concept, 2)
    Section.objects.filter(version=version, key="kapitel-1").update(
        easy_language_summary="Die Stadt hilft Familien."
    )
    bring_to(version, VersionStatus.CONSULTATION)
    content = html(client.get("/konzept/v1/"))
    box = section_html(content, "kapitel-1")
    assert re.search(r'<div class="easy-language">\s*<h3[^>]*>In Leichter Sprache</h3>', box)
    assert "Die Stadt hilft Familien." in box
    assert "In Leichter Sprache" not in section_html(content, "kapitel-2")


def test_section_text_is_markdown_without_raw_html(client, concept):
    version = version_with_sections(concept, 1)
    Section.objects.filter(version=version).update(
        body="## Ziel\n\n**Wichtig** <script>alert(1)</script>"
    )
    bring_to(version, VersionStatus.CONSULTATION)
    content = html(client.get("/konzept/v1/"))
    assert "<strong>Wichtig</strong>" in content
    assert "<h4>Ziel</h4>" in content
    assert "<script>alert(1)" not in content


def test_a_frozen_version_shows_its_full_checksum_and_what_it_means(client, frozen):
    content = html(client.get("/konzept/v1/"))
    assert frozen.checksum in content
    assert "Prüfsumme (SHA-256)" in content
    assert "Fingerabdruck" in content
    assert "Text eingefroren am" in content
    assert "(technischer Zeitstempel)" in content


def test_an_unfrozen_version_shows_no_checksum(client, public):
    content = html(client.get("/konzept/v1/"))
    assert "Prüfsumme" not in content
    assert "Beteiligung bis" in content
    assert "In Beteiligung" in content


def present_and_advise(version, reference, *, presented_on, advised_on):
    """Presented to the bodies; the Integrationsrat's Vorberatung held and recorded."""
    version_present(version=version, council_paper_reference=reference, presented_on=presented_on)
    consultation = version.consultations.get(body__name="Integrationsrat")
    consultation_record(
        consultation=consultation, result=ConsultationResult.RECOMMENDED, held_on=advised_on
    )


def test_reading_view_shows_status_dates_and_council_paper(client, concept):
    version = version_with_sections(concept)
    present_and_advise(
        version, "DS 123/2011", presented_on=dt.date(2011, 5, 2), advised_on=dt.date(2011, 5, 12)
    )
    content = html(client.get("/konzept/v1/"))
    assert "In Beratung der Gremien" in content
    assert "DS 123/2011" in content
    assert "Status seit" in content
    assert '<time datetime="2011-05-02">2. Mai 2011</time>' in content


def test_reading_view_shows_the_beratungsfolge_of_this_version(client, concept):
    version = version_with_sections(concept)
    present_and_advise(
        version, "DS 123/2011", presented_on=dt.date(2011, 5, 2), advised_on=dt.date(2011, 5, 12)
    )
    other = version_with_sections(concept)
    version_present(
        version=other, council_paper_reference="DS 999/2012", presented_on=dt.date(2012, 1, 9)
    )
    content = html(client.get("/konzept/v1/"))
    table = content[content.index('id="beratungsfolge"') :]
    assert "<table" in table
    assert "12.05.2011" in table
    assert "Integrationsrat" in table
    assert "empfohlen" in table
    assert "DS 123/2011" in table
    assert "DS 999/2012" not in table
    assert "09.01.2012" not in table


def test_reading_view_without_milestones_says_so(client, public):
    assert "noch keine Beratungsschritte" in html(client.get("/konzept/v1/"))


def test_example_content_is_marked_as_such(client, concept):
    version = version_create(concept=concept, is_example=True)
    SectionFactory(version=version, position=1, key="a")
    bring_to(version, VersionStatus.CONSULTATION)
    content = html(client.get("/konzept/v1/"))
    assert 'class="example-note"' in content
    assert "Beispielinhalt" in content


def test_real_content_carries_no_example_note(client, public):
    assert "example-note" not in html(client.get("/konzept/v1/"))


def test_english_pages_mark_the_german_concept_text(client, public):
    response = client.get("/en/konzept/v1/")
    assert response.status_code == 200
    content = html(response)
    assert '<html lang="en" dir="ltr">' in content
    assert '<div class="concept-text" lang="de">' in content
    assert '<bdi lang="de">Integrationskonzept der Stadt Minden</bdi>' in content
    # Links stay in the English half of the site.
    assert 'href="/en/konzept/versionen/"' in content


# --- the current version ----------------------------------------------------------------------


def test_current_page_shows_the_approved_version_with_a_canonical_link(client, concept):
    approved = bring_to(version_with_sections(concept), VersionStatus.APPROVED)
    bring_to(version_with_sections(concept), VersionStatus.CONSULTATION)
    response = client.get("/konzept/")
    assert response.status_code == 200
    content = html(response)
    assert f'<link rel="canonical" href="http://testserver/konzept/v{approved.number}/">' in content
    assert "Vom Rat beschlossen" in content


def test_current_page_shows_the_newest_public_version_when_none_is_approved(client, concept):
    bring_to(version_with_sections(concept), VersionStatus.CONSULTATION)
    bring_to(version_with_sections(concept), VersionStatus.CONSULTATION)
    version_with_sections(concept)  # a draft: never current
    content = html(client.get("/konzept/"))
    assert '<link rel="canonical" href="http://testserver/konzept/v2/">' in content


def test_current_page_on_the_english_site_points_to_the_english_version(client, public):
    content = html(client.get("/en/konzept/"))
    assert '<link rel="canonical" href="http://testserver/en/konzept/v1/">' in content


def test_the_version_page_itself_has_no_canonical_link(client, public):
    assert 'rel="canonical"' not in html(client.get("/konzept/v1/"))


def test_current_page_without_a_public_version_says_so(client, draft):
    response = client.get("/konzept/")
    assert response.status_code == 200
    assert "noch keine Version" in html(response)


def test_current_page_without_a_concept_says_so(client, db):
    response = client.get("/konzept/")
    assert response.status_code == 200
    assert "noch keine Version" in html(response)


# --- the version list -------------------------------------------------------------------------


def test_version_list_shows_public_versions_with_status_and_checksum_prefix(client, concept):
    first = bring_to(version_with_sections(concept), VersionStatus.COUNCIL_REVIEW)
    bring_to(version_with_sections(concept), VersionStatus.CONSULTATION)
    version_with_sections(concept)  # draft
    content = html(client.get("/konzept/versionen/"))
    assert 'href="/konzept/v1/"' in content
    assert 'href="/konzept/v2/"' in content
    assert 'href="/konzept/v3/"' not in content
    assert "In Beratung der Gremien" in content
    assert "In Beteiligung" in content
    assert f'<code title="{first.checksum}">{first.checksum[:12]}</code>' in content
    assert 'href="/konzept/vergleich/?von=1&amp;zu=2"' in content


def test_version_list_shows_drafts_to_staff_only(client, officer, concept):
    bring_to(version_with_sections(concept), VersionStatus.CONSULTATION)
    version_with_sections(concept)
    assert 'href="/konzept/v2/"' not in html(client.get("/konzept/versionen/"))
    client.force_login(officer)
    content = html(client.get("/konzept/versionen/"))
    assert 'href="/konzept/v2/"' in content
    assert "nicht öffentlich" in content


def test_version_list_has_a_labelled_compare_form(client, concept):
    bring_to(version_with_sections(concept), VersionStatus.CONSULTATION)
    bring_to(version_with_sections(concept), VersionStatus.CONSULTATION)
    content = html(client.get("/konzept/versionen/"))
    assert 'action="/konzept/vergleich/"' in content
    assert 'method="get"' in content
    assert re.search(r'<label\s+for="id_von"', content)
    assert re.search(r'<label\s+for="id_zu"', content)
    assert '<select name="von"' in content and '<select name="zu"' in content
    assert '<option value="1" selected>' in content  # von: the older
    assert '<option value="2" selected>' in content  # zu: the newer


def test_version_list_marks_example_versions(client, concept):
    version = version_create(concept=concept, is_example=True)
    SectionFactory(version=version, position=1)
    bring_to(version, VersionStatus.CONSULTATION)
    assert "Beispielinhalt" in html(client.get("/konzept/versionen/"))


def test_version_list_without_versions_says_so(client, db):
    response = client.get("/konzept/versionen/")
    assert response.status_code == 200
    assert "noch keine Version" in html(response)


# --- the comparison ---------------------------------------------------------------------------


@pytest.fixture
def two_versions(concept):
    """Version 1 (consultation, five sections) and version 2 derived from it, then edited:
    kapitel-2 reworded, kapitel-3 removed, kapitel-4 and -5 swapped, kapitel-6 added."""
    old = bring_to(version_with_sections(concept, 5), VersionStatus.CONSULTATION_CLOSED)
    Section.objects.filter(version=old, key="kapitel-2").update(
        body="Die Stadt fördert drei Kitas im Jahr."
    )
    new = version_create_next(version=old)
    sections = Section.objects.filter(version=new)
    sections.filter(key="kapitel-2").update(body="Die Stadt fördert alle Kitas im Jahr.")
    sections.filter(key="kapitel-3").delete()
    sections.filter(key="kapitel-4").update(position=40)
    sections.filter(key="kapitel-5").update(position=4, number="3")
    sections.filter(key="kapitel-4").update(position=5, number="4")
    SectionFactory(version=new, position=6, number="5", key="kapitel-6", title="Ganz neu")
    bring_to(new, VersionStatus.CONSULTATION)
    return old, new


def entry_html(content: str, key: str) -> str:
    start = content.index(f'id="vergleich-{key}"')
    end = content.find('<div class="diff-entry', start)
    return content[start : end if end != -1 else len(content)]


def test_compare_without_parameters_shows_the_selection_form(client, two_versions):
    response = client.get("/konzept/vergleich/")
    assert response.status_code == 200
    content = html(response)
    assert '<select name="von"' in content
    assert "Änderungen im Einzelnen" not in content


def test_compare_shows_added_removed_changed_and_moved_sections(client, two_versions):
    response = client.get("/konzept/vergleich/?von=1&zu=2")
    assert response.status_code == 200
    content = html(response)

    changed = entry_html(content, "kapitel-2")
    assert "Geändert" in changed
    assert "fördert <del>" in changed
    assert "drei</del>" in changed
    assert "alle</ins>" in changed
    assert "Kitas im Jahr." in changed

    removed = entry_html(content, "kapitel-3")
    assert "In Version 2 gestrichen" in removed
    assert 'href="/konzept/v1/#abschnitt-kapitel-3"' in removed
    assert "<del>" in removed and "<ins>" not in removed

    added = entry_html(content, "kapitel-6")
    assert "Neu in Version 2" in added
    assert 'href="/konzept/v2/#abschnitt-kapitel-6"' in added
    assert "<ins>" in added and "<del>" not in added

    moved = entry_html(content, "kapitel-5")
    assert "Verschoben" in moved
    assert "Nummer 5 → 3" in moved
    assert "<ins>" not in moved and "<del>" not in moved

    # Swapping two neighbours moves one of them; the other keeps its number and order.
    assert "2 Abschnitte unverändert" in content
    assert 'href="/konzept/v2/#abschnitt-kapitel-1"' in content


def test_compare_explains_ins_and_del_without_colour(client, two_versions):
    content = html(client.get("/konzept/vergleich/?von=1&zu=2"))
    assert "unterstrichen" in content and "durchgestrichen" in content
    assert '<span class="visually-hidden">Eingefügt: </span>' in content
    assert '<span class="visually-hidden">Gestrichen: </span>' in content


def test_compare_escapes_markup_in_section_texts(client, concept):
    old = bring_to(version_with_sections(concept, 1), VersionStatus.CONSULTATION_CLOSED)
    new = version_create_next(version=old)
    Section.objects.filter(version=new).update(
        title="<b>Titel</b>", body="<script>alert('x')</script> Neu <b>fett</b>"
    )
    bring_to(new, VersionStatus.CONSULTATION)
    content = html(client.get("/konzept/vergleich/?von=1&zu=2"))
    # The title is plain text, shown escaped; the body is Markdown, sanitised as the reading
    # view sanitises it (raw HTML removed, script with its content).
    assert "<b>Titel" not in content
    assert "&lt;b&gt;" in content
    changed = entry_html(content, "kapitel-1")
    assert "<script" not in changed and "alert(" not in changed
    assert "<b>" not in changed
    assert "fett</ins>" in changed


def test_compare_lists_amendments_incorporated_in_the_newer_version(client, concept, officer):
    old = bring_to(version_with_sections(concept, 2), VersionStatus.CONSULTATION)
    author = UserFactory()
    target = old.sections.get(key="kapitel-2")

    def accepted(kind, text, name=""):
        amendment = amendment_create(section=target, author=author, kind=kind, proposed_text=text)
        amendment_submit(
            amendment=amendment,
            by=author,
            organisation_name="Elternverein",
            working_group_name="Bildung und Erziehung",
            author_name=name,
        )
        amendment_review_start(amendment=amendment, by=officer)
        return amendment_decide(
            amendment=amendment, by=officer, status=AmendmentStatus.ACCEPTED, reasoning="Passt."
        )

    worked_in = accepted(AmendmentKind.ADDITION, "Mehr Elterncafés.")
    not_worked_in = accepted(AmendmentKind.CORRECTION, "Tippfehler.", name="Erika Muster")
    move(old, VersionStatus.CONSULTATION_CLOSED)
    new = version_create_next(version=old)
    amendment_incorporate(amendment=worked_in, into=new)
    Section.objects.filter(version=new, key="kapitel-2").update(body="Mehr Elterncafés.")
    bring_to(new, VersionStatus.CONSULTATION)

    content = html(client.get("/konzept/vergleich/?von=1&zu=2"))
    entry = entry_html(content, "kapitel-2")
    assert "Eingearbeitete Änderungsvorschläge" in entry
    assert "Ergänzung" in entry
    assert "Mitglied der AG Bildung und Erziehung" in entry
    record = f"/konzept/v1/vorschlaege/#vorschlag-{worked_in.pk}"
    # The number the public record gives it, not the database id.
    assert (worked_in.number, not_worked_in.number) == (1, 2)
    assert f'href="{record}">Vorschlag 1 zu Version 1' in entry
    assert "Passt." in entry
    assert "Vorschlag 2 " not in content
    assert "Elternverein" not in content  # submitted as persons
    assert "Erika Muster" not in content
    assert content.count("Eingearbeitete Änderungsvorschläge") == 1


def test_compare_of_a_frozen_and_a_live_version(client, concept):
    old = bring_to(version_with_sections(concept, 2), VersionStatus.COUNCIL_REVIEW)
    new = version_create_next(version=old)
    Section.objects.filter(version=new, key="kapitel-1").update(title="Kapitel eins")
    bring_to(new, VersionStatus.CONSULTATION)
    content = html(client.get("/konzept/vergleich/?von=1&zu=2"))
    assert "Kapitel <del>" in content
    assert "eins</ins>" in content


def test_compare_marks_example_content(client, concept):
    old = version_create(concept=concept, is_example=True)
    SectionFactory(version=old, position=1, key="a")
    bring_to(old, VersionStatus.CONSULTATION_CLOSED)
    new = version_create_next(version=old)
    bring_to(new, VersionStatus.CONSULTATION)
    assert 'class="example-note"' in html(client.get("/konzept/vergleich/?von=1&zu=2"))


NUL = "%00"
BAD_QUERIES = [
    # (query string, expected status)
    ("von=&zu=", 400),
    ("von=1", 400),
    ("zu=2", 400),
    ("von=abc&zu=2", 400),
    ("von=1&zu=zwei", 400),
    ("von=-1&zu=2", 400),
    ("von=0&zu=2", 400),
    ("von=1.5&zu=2", 400),
    ("von=1&zu=99999999999999999999999", 400),
    ("von=1&zu=" + "9" * 10_000, 400),
    ("von=1&zu=" + "x" * 10_000, 400),
    (f"von=1{NUL}&zu=2", 400),
    (f"von={NUL}&zu={NUL}", 400),
    ("von=%3Cscript%3Ealert(1)%3C%2Fscript%3E&zu=2", 400),
    ("von=1&zu=1", 400),
    ("von=1&zu=1&von=2", 200),  # the last value counts
    ("von=1&zu=7", 404),
    ("von=999999999&zu=1", 404),
    ("von=3&zu=1", 404),  # a draft
    ("von=2&zu=1", 200),
    ("foo=bar", 200),
]


@pytest.mark.parametrize(("query", "status"), BAD_QUERIES)
def test_bad_compare_input_gives_a_german_message_never_a_500(client, concept, query, status):
    bring_to(version_with_sections(concept), VersionStatus.CONSULTATION)
    bring_to(version_with_sections(concept), VersionStatus.CONSULTATION)
    version_with_sections(concept)  # version 3: a draft
    response = client.get(f"/konzept/vergleich/?{query}")
    assert response.status_code == status
    content = main(response)
    assert '<select name="von"' in content
    if status != 200:
        assert "Der Vergleich konnte nicht angezeigt werden." in content
        assert "Bitte wählen Sie" in content or "gibt es nicht" in content
    assert "<script>alert" not in content
    assert "9" * 30 not in content
    assert "x" * 30 not in content


def test_unknown_version_message_names_the_number(client, public):
    bring_to(version_with_sections(public.concept), VersionStatus.CONSULTATION)
    response = client.get("/konzept/vergleich/?von=1&zu=7")
    assert response.status_code == 404
    assert "Version 7 gibt es nicht oder sie ist nicht öffentlich." in html(response)


def test_the_same_version_twice_is_refused(client, public):
    bring_to(version_with_sections(public.concept), VersionStatus.CONSULTATION)
    response = client.get("/konzept/vergleich/?von=2&zu=2")
    assert response.status_code == 400
    assert "zwei verschiedene Versionen" in html(response)


def test_staff_may_compare_with_a_draft(officer_client, concept):
    old = bring_to(version_with_sections(concept), VersionStatus.CONSULTATION_CLOSED)
    version_create_next(version=old)
    response = officer_client.get("/konzept/vergleich/?von=1&zu=2")
    assert response.status_code == 200
    assert "Entwurf – nicht öffentlich" in html(response)


def test_compare_with_a_single_version_explains_why_not(client, public):
    response = client.get("/konzept/vergleich/")
    assert response.status_code == 200
    assert "mindestens zwei Versionen" in html(response)


# --- query counts -----------------------------------------------------------------------------


def test_reading_view_queries_do_not_grow_with_sections_and_measures(client, concept):
    version = VersionFactory(concept=concept, number=1)
    add_sections(version, 5)
    add_cited_measures(concept, version, 10)
    move(version, VersionStatus.CONSULTATION)
    small, content = get_count(client, "/konzept/v1/")
    assert content.count('class="concept-section ') == 5

    add_sections(version, 45, start=6)
    add_cited_measures(concept, version, 90, start=11)
    large, content = get_count(client, "/konzept/v1/")
    assert content.count('class="concept-section ') == 50
    assert len(re.findall(r'href="/massnahmen/\d+/"', content)) == 100
    assert small == large


def test_reading_view_of_a_frozen_version_costs_the_same_at_any_size(client, concept):
    small_version = VersionFactory(concept=concept, number=1)
    add_sections(small_version, 5)
    add_cited_measures(concept, small_version, 10)
    move(small_version, VersionStatus.COUNCIL_REVIEW)
    large_version = VersionFactory(concept=concept, number=2)
    add_sections(large_version, 50)
    add_cited_measures(concept, large_version, 100, start=11)
    move(large_version, VersionStatus.COUNCIL_REVIEW)

    small, _ = get_count(client, "/konzept/v1/")
    large, content = get_count(client, "/konzept/v2/")
    assert content.count('class="concept-section ') == 50
    assert small == large


def test_version_list_queries_do_not_grow_with_versions(client, concept):
    def add_versions(count):
        for _ in range(count):
            version = version_create(concept=concept)
            SectionFactory(version=version, position=1)
            move(version, VersionStatus.COUNCIL_REVIEW)

    add_versions(2)
    small, _ = get_count(client, "/konzept/versionen/")
    add_versions(18)
    large, content = get_count(client, "/konzept/versionen/")
    assert content.count('<th scope="row"') == 20
    assert small == large


@pytest.mark.parametrize("frozen_old", [False, True])
def test_compare_queries_do_not_grow_with_sections_and_measures(client, concept, frozen_old):
    def build(sections, measures, start):
        version = VersionFactory(concept=concept, number=start)
        add_sections(version, sections)
        add_cited_measures(concept, version, measures, start=start * 1000)
        if frozen_old:
            move(version, VersionStatus.COUNCIL_REVIEW)
        else:
            move(version, VersionStatus.CONSULTATION)
            move(version, VersionStatus.CONSULTATION_CLOSED)
        successor = version_create_next(version=version)
        Section.objects.filter(version=successor).update(body="Geänderter Text für alle.")
        move(successor, VersionStatus.CONSULTATION)
        return version, successor

    old, new = build(5, 10, 1)
    # Both requests diff their texts afresh and store the diffs (one insert each).
    StoredDiff.objects.all().delete()
    small, _ = get_count(client, f"/konzept/vergleich/?von={old.number}&zu={new.number}")
    old, new = build(50, 100, 3)
    StoredDiff.objects.all().delete()
    large, content = get_count(client, f"/konzept/vergleich/?von={old.number}&zu={new.number}")
    assert content.count('<div class="diff-entry') == 50
    assert small == large


@pytest.mark.parametrize(
    "path", ["/konzept/", "/konzept/v1/", "/konzept/versionen/", "/konzept/vergleich/"]
)
def test_the_pages_only_read(officer_client, public, path):
    assert officer_client.post(path).status_code == 405
