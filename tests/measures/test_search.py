import pytest

from measures.models import Measure, Recommendation
from measures.search import fold, measure_search, recommendation_search, text_matches
from minden_integration.core.fulltext import (
    Phrase,
    fts5_match_text,
    parse_query,
    tsquery_text,
)
from tests.factories import (
    ConceptFactory,
    GoalFactory,
    MeasureFactory,
    OrganisationFactory,
    RecommendationFactory,
    TargetGroupFactory,
    WorkingGroupFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def concept():
    return ConceptFactory(slug="minden")


@pytest.fixture
def group(concept):
    return WorkingGroupFactory(concept=concept, name="Bildung und Erziehung", slug="bildung")


def measure(concept, group, number, title, description="", **kwargs):
    return MeasureFactory(
        concept=concept,
        working_group=group,
        number=number,
        title=title,
        description=description,
        **kwargs,
    )


def found(query):
    queryset, _terms = measure_search(Measure.objects.all(), query)
    return sorted(queryset.values_list("number", flat=True))


def test_a_word_begun_finds_the_whole_word(concept, group):
    measure(concept, group, 1, "Sprachförderung in Kitas")
    measure(concept, group, 2, "Elterncafés im Stadtteil")

    assert found("sprachförder") == [1]
    assert found("Sprachförd") == [1]
    assert found("SPRACHFÖRDER") == [1]


def test_sprachfoerderung_finds_sprachfoerdermassnahmen(concept, group):
    measure(concept, group, 1, "Sprachfördermaßnahmen für Kinder")
    measure(concept, group, 2, "Elterncafés im Stadtteil")

    assert found("Sprachförderung") == [1]
    assert found("sprachförderung") == [1]
    assert found("SPRACHFÖRDERUNG") == [1]


def test_search_finds_other_forms_of_a_word(concept, group):
    measure(concept, group, 1, "Kurse für Eltern", description="Die Kinder lernen gemeinsam.")

    # "Kindern" is no prefix of "Kinder": German stemming ("kind") makes them meet.
    assert found("Kindern") == [1]
    assert found("Kurs") == [1]


def test_search_matches_prefixes_of_words(concept, group):
    measure(concept, group, 1, "Übersetzungsdienst im Rathaus")

    assert found("Übersetz") == [1]
    assert found("übersetzungsdienst") == [1]
    assert found("rathau") == [1]


def test_search_ignores_case_of_umlauts(concept, group):
    measure(concept, group, 1, "Übersetzung von Elternbriefen")

    assert found("übersetzung") == [1]
    assert found("ÜBERSETZUNG") == [1]


def test_every_word_must_match(concept, group):
    measure(concept, group, 1, "Sprachkurse für Eltern")
    measure(concept, group, 2, "Sprachkurse für Kinder")

    assert found("Sprachkurse") == [1, 2]
    assert found("Sprachkurse Eltern") == [1]
    assert found("Sprachkurse Senioren") == []


def test_search_covers_goal_recommendations_lead_and_target_groups(concept, group):
    goal = GoalFactory(concept=concept, code="B1", title="Bildungschancen verbessern")
    lead = OrganisationFactory(name="Volkshochschule Minden")
    seniors = TargetGroupFactory(name="Seniorinnen und Senioren", slug="senioren")
    with_goal = measure(concept, group, 1, "Eins", goal=goal)
    measure(concept, group, 2, "Zwei", lead_organisation=lead)
    with_group = measure(concept, group, 3, "Drei")
    with_group.target_groups.add(seniors)
    with_recommendation = measure(concept, group, 4, "Vier")
    recommendation = RecommendationFactory(
        concept=concept, title="Lotsen", text="Ehrenamtliche Dolmetscherpools aufbauen."
    )
    recommendation.measures.add(with_recommendation, with_goal)
    measure(concept, group, 5, "Fünf")

    assert found("Bildungschancen") == [1]
    assert found("Volkshochschule") == [2]
    assert found("Senioren") == [3]
    assert found("Dolmetscherpools") == [1, 4]
    assert found("Lotsen") == [1, 4]


def test_a_title_match_ranks_above_a_description_match(concept, group):
    measure(concept, group, 1, "Elterncafés", description="Treffpunkt für Integration im Quartier.")
    measure(concept, group, 2, "Integrationslotsen", description="Begleitung zu Ämtern.")
    measure(concept, group, 3, "Hausaufgabenhilfe", description="Ohne Bezug.")

    queryset, terms = measure_search(Measure.objects.all(), "Integration")
    ranked = list(queryset.order_by("-search_rank", "number").values_list("number", flat=True))

    assert terms == ["integration"]
    assert ranked == [2, 1]


@pytest.mark.parametrize(
    "query",
    ["", "   ", "!!! ??? ...", "&|!:()*", "'; DROP TABLE measures_measure; --", "a:* & !b", "\x00"],
)
def test_queries_without_words_or_with_tsquery_syntax_never_break(concept, group, query):
    measure(concept, group, 1, "Sprachkurse")

    queryset, terms = measure_search(Measure.objects.all(), query)

    assert all(term.isalnum() for term in terms)
    list(queryset)  # runs without a database error


def test_a_query_without_words_returns_the_queryset_unchanged(concept, group):
    measure(concept, group, 1, "Sprachkurse")
    base = Measure.objects.all()

    queryset, terms = measure_search(base, "&|!:()*")

    assert terms == []
    assert queryset is base


def test_sql_like_text_is_only_searched_for(concept, group):
    measure(concept, group, 1, "Sprachkurse")

    assert found("'; DROP TABLE measures_measure; --") == []
    assert Measure.objects.count() == 1


def test_a_very_long_query_is_cut_to_a_few_terms(concept, group):
    measure(concept, group, 1, "Sprachkurse")

    queryset, terms = measure_search(Measure.objects.all(), "sprachkurse " * 2000)

    assert terms[0] == "sprachkurse"
    assert len(terms) <= 8
    assert list(queryset.values_list("number", flat=True)) == [1]


def test_recommendation_search_finds_code_title_and_text(concept):
    RecommendationFactory(concept=concept, code="E7", title="Lotsen", text="Dolmetscher bündeln.")
    RecommendationFactory(concept=concept, code="E8", title="Sport", text="Vereine öffnen.")

    def codes(query):
        queryset, _terms = recommendation_search(Recommendation.objects.all(), query)
        return sorted(queryset.values_list("code", flat=True))

    assert codes("dolmetscher") == ["E7"]
    assert codes("VEREINE") == ["E8"]
    assert codes("e7") == ["E7"]
    assert codes("!!!") == ["E7", "E8"]


def test_recommendation_title_ranks_above_text(concept):
    RecommendationFactory(concept=concept, code="E1", title="Sport", text="Integration im Verein.")
    RecommendationFactory(concept=concept, code="E2", title="Integration", text="Im Stadtteil.")

    queryset, _terms = recommendation_search(Recommendation.objects.all(), "Integration")

    assert list(queryset.order_by("-search_rank").values_list("code", flat=True)) == ["E2", "E1"]


def test_quoted_words_must_stand_together(concept, group):
    measure(concept, group, 1, "Sprachkurse für Eltern")
    measure(concept, group, 2, "Eltern lernen, Kinder lesen: Sprachkurse")

    assert found('"Sprachkurse für Eltern"') == [1]
    assert found("Sprachkurse Eltern") == [1, 2]


def test_a_minus_excludes_and_oder_accepts_either(concept, group):
    measure(concept, group, 1, "Sprachkurse für Eltern")
    measure(concept, group, 2, "Sprachkurse für Kinder")
    measure(concept, group, 3, "Elterncafés")

    assert found("Sprachkurse -Kinder") == [1]
    assert found("Kinder oder Elterncafés") == [2, 3]
    assert found("Kinder OR Elterncafés") == [2, 3]


# --- the query as parsed and as sent ---------------------------------------------------------


def test_parsing_keeps_letters_and_digits_only():
    parsed = parse_query('"Sprach förderung" -Kita oder Hort \'; DROP --')

    assert parsed.groups == (
        (Phrase(("sprach", "förderung")),),
        (Phrase(("kita",), negated=True),),
        (Phrase(("hort",)),),
        (Phrase(("drop",)),),
    )
    assert parsed.terms == ["sprach", "förderung", "hort", "drop"]


def test_parsing_a_query_of_operators_only_finds_no_word():
    for query in ["", "  ", "&|!:()*", '""', "-", "oder", "- - -", "\x00"]:
        assert parse_query(query).terms == []


def test_a_query_of_exclusions_only_searches_nothing():
    assert parse_query("-Kita -Hort").terms == []


def test_parsing_keeps_at_most_eight_words_of_sixty_characters():
    parsed = parse_query("wort " * 50 + "x" * 500)

    assert sum(len(phrase.words) for group in parsed.groups for phrase in group) == 8
    assert all(len(word) <= 60 for word in parse_query("y" * 500).terms)


def test_the_tsquery_quotes_every_word_as_a_prefix():
    text = tsquery_text(parse_query('Sprachförder -Kita "Hilfe für" oder Hort'))

    assert text == ("(('sprachförder':*)) & (!('kita':*)) & (('hilfe':* <-> 'für':*) | ('hort':*))")


def test_the_fts5_query_quotes_every_phrase_and_leaves_out_short_words():
    text = fts5_match_text(parse_query('Sprachförder in -Kita "Hilfe für" oder Hort'))

    assert text == '(("sprachförder") AND ("hilfe für" OR "hort")) NOT "kita"'
    assert fts5_match_text(parse_query("in an")) == ""


# --- for the snippets ---------------------------------------------------------------------------


def test_snippet_matching_ignores_unicode_case():
    assert text_matches("Übersetzung von Elternbriefen", ["übersetzung"])
    assert text_matches("ÜBERSETZUNG", ["übersetzung"])
    assert not text_matches("Sprachkurse für Eltern", ["sprach", "kinder"])
    assert fold("ﬁnanzierung") == "finanzierung"


def test_a_whole_word_ranks_above_a_word_begun(concept, group):
    measure(concept, group, 1, "Elterncafés")
    measure(concept, group, 2, "Sprachkurse für Eltern")

    queryset, _terms = measure_search(Measure.objects.all(), "Eltern")

    assert list(queryset.order_by("-search_rank").values_list("number", flat=True)) == [2, 1]
