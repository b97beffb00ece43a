import pytest
from django.core.exceptions import ValidationError

from concept.services import section_create, section_delete, section_update


def positions(version):
    return list(version.sections.in_order().values_list("key", "position"))


def test_a_section_inserted_after_another_moves_the_rest_down(draft):
    section_create(
        version=draft,
        after=draft.sections.get(key="kapitel-1"),
        key="neu",
        number="1a",
        title="Neu",
    )
    assert positions(draft) == [("kapitel-1", 1), ("neu", 2), ("kapitel-2", 3)]


def test_a_section_without_place_goes_to_the_end(draft):
    section_create(version=draft, key="ende", number="3", title="Ende")
    assert positions(draft)[-1] == ("ende", 3)


def test_deleting_a_section_closes_the_gap(draft):
    section_create(version=draft, key="drei", number="3", title="Drei")
    section_delete(section=draft.sections.get(key="kapitel-1"))
    assert positions(draft) == [("kapitel-2", 1), ("drei", 2)]


def test_updating_changes_only_text_fields(draft):
    section = draft.sections.get(key="kapitel-2")
    section_update(section=section, title="Bildung", body="Neuer Text")
    section.refresh_from_db()
    assert (section.title, section.body, section.key) == ("Bildung", "Neuer Text", "kapitel-2")
    with pytest.raises(ValidationError):
        section_update(section=section, key="anders")


def test_sections_of_a_version_past_draft_are_refused(frozen):
    section = frozen.sections.first()
    for call in (
        lambda: section_update(section=section, title="Anders"),
        lambda: section_delete(section=section),
        lambda: section_create(version=frozen, key="neu", number="9", title="Neu"),
    ):
        with pytest.raises(ValidationError) as error:
            call()
        assert "Nur Entwürfe" in " ".join(error.value.messages)
    assert frozen.sections.count() == 2


def test_inserting_after_a_section_of_another_version_is_refused(concept, draft):
    from tests.factories import SectionFactory, VersionFactory

    other = SectionFactory(version=VersionFactory(concept=concept, number=9))
    with pytest.raises(ValidationError):
        section_create(version=draft, after=other, number="9", title="X")


def test_only_one_draft_per_concept(draft):
    from concept.services import version_create

    with pytest.raises(ValidationError) as error:
        version_create(concept=draft.concept)
    assert "bereits einen Entwurf" in " ".join(error.value.messages)
