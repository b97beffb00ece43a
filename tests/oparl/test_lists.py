"""The external lists: filters, pagination, and bad input answered with a German 4xx."""

import datetime as dt
from urllib.parse import parse_qs, urlsplit

import pytest
from django.utils import timezone

from concept.models import ConsultationResult
from concept.services import consultation_record
from tests.factories import SessionFactory
from tests.oparl.crawl import ROOT, get_json
from tests.oparl.schemas import schema_errors

BAD_PARAMS = "Die Anfrage enthält ungültige Parameter."


def lists(world) -> str:
    return f"{ROOT}body/{world['concept'].pk}/"


def ids(answer) -> list[str]:
    return [obj["id"] for obj in answer["data"]]


def stamp(moment: dt.datetime) -> str:
    return timezone.localtime(moment).isoformat()


@pytest.fixture
def later_session(demo):
    """A session created after the demo data, to filter against."""
    cut = timezone.now()
    group = demo["concept"].working_groups.order_by("pk").first()
    return cut, SessionFactory(working_group=group, round=9, place="Rathaus Minden")


def test_created_since_and_until_split_the_list_at_the_given_time(client, demo, later_session):
    cut, session = later_session
    url = f"{lists(demo)}meeting/"
    new = f"{ROOT}meeting/sitzung/{session.pk}/"
    everything = ids(get_json(client, url))
    since = ids(get_json(client, f"{url}?created_since={stamp(cut).replace('+', '%2B')}"))
    until = ids(get_json(client, f"{url}?created_until={stamp(cut).replace('+', '%2B')}"))
    assert since == [new]
    assert new not in until and len(until) == len(everything) - 1
    assert sorted(since + until) == sorted(everything)


def test_modified_since_lists_only_what_changed_after_the_given_time(client, demo):
    cut = timezone.now()
    url = f"{lists(demo)}paper/?modified_since={stamp(cut).replace('+', '%2B')}"
    assert get_json(client, url)["data"] == []
    # A committee's Beratung, once held, changes the paper it is embedded in.
    version = demo["in_review"]
    consultation_record(
        consultation=version.consultations.planned().in_order()[0],
        result=ConsultationResult.RECOMMENDED,
        held_on=timezone.localdate(),
    )
    changed = get_json(client, url)["data"]
    assert ids({"data": changed}) == [f"{ROOT}paper/{version.pk}/"]
    assert dt.datetime.fromisoformat(changed[0]["modified"]) >= cut.replace(microsecond=0)
    assert not schema_errors(changed[0])


def test_an_unencoded_plus_in_the_offset_is_understood(client, demo, later_session):
    cut, session = later_session
    # "+01:00" sent without encoding arrives as " 01:00"; it must still be the offset.
    local = timezone.localtime(cut)
    raw = local.isoformat()
    assert "+" in raw
    answer = get_json(client, f"{lists(demo)}meeting/?created_since={raw}")
    assert ids(answer) == [f"{ROOT}meeting/sitzung/{session.pk}/"]


def test_pages_walk_the_whole_list_once_and_keep_the_filters(client, demo):
    url = f"{lists(demo)}meeting/"
    everything = ids(get_json(client, url))
    assert len(everything) > 6
    until = "2999-01-01T00:00:00+01:00"
    page = get_json(client, f"{url}?elementsPerPage=3&created_until={until.replace('+', '%2B')}")
    seen, numbers = [], []
    while True:
        numbers.append(page["pagination"]["currentPage"])
        assert page["pagination"]["totalElements"] == len(everything)
        assert page["pagination"]["elementsPerPage"] == 3
        assert page["pagination"]["totalPages"] == -(-len(everything) // 3)
        assert len(page["data"]) <= 3
        seen += ids(page)
        links = page["links"]
        assert parse_qs(urlsplit(links["self"]).query)["created_until"] == [until]
        assert parse_qs(urlsplit(links["last"]).query)["elementsPerPage"] == ["3"]
        if "next" not in links:
            break
        assert parse_qs(urlsplit(links["next"]).query)["created_until"] == [until]
        page = get_json(client, links["next"])
        previous = parse_qs(urlsplit(page["links"]["prev"]).query).get("page")
        assert previous == ([str(numbers[-1])] if numbers[-1] > 1 else None)
    assert seen == everything
    assert numbers == list(range(1, len(numbers) + 1))
    assert "prev" not in get_json(client, f"{url}?elementsPerPage=3")["links"]


def test_a_large_page_size_is_capped(client, demo):
    answer = get_json(client, f"{lists(demo)}meeting/?elementsPerPage=100000")
    assert answer["pagination"]["elementsPerPage"] == 500


@pytest.mark.parametrize(
    ("query", "field", "fragment"),
    [
        ("created_since=gestern", "created_since", "ISO 8601"),
        ("modified_since=2011-02-30T00:00:00%2B01:00", "modified_since", "ISO 8601"),
        ("modified_until=0001-01-01T00:00:00%2B01:00", "modified_until", "ISO 8601"),
        ("created_until=2011-04-07T25:00", "created_until", "ISO 8601"),
        (
            "modified_since=2012-01-01T00:00:00%2B01:00&modified_until=2011-01-01T00:00:00%2B01:00",
            "modified_until",
            "liegt vor",
        ),
        ("page=0", "page", "Seitenzahl"),
        ("page=-1", "page", "Seitenzahl"),
        ("page=zwei", "page", "Seitenzahl"),
        ("page=1.5", "page", "Seitenzahl"),
        ("page=" + "9" * 5000, "page", "Seitenzahl"),
        ("elementsPerPage=0", "elementsPerPage", "ganze Zahl"),
        ("elementsPerPage=viele", "elementsPerPage", "ganze Zahl"),
    ],
)
def test_bad_parameters_get_a_400_with_a_german_message(client, demo, query, field, fragment):
    answer = get_json(client, f"{lists(demo)}paper/?{query}", status=400)
    assert answer["message"] == BAD_PARAMS
    assert answer["status"] == 400
    assert list(answer["errors"]) == [field]
    assert fragment in answer["errors"][field][0]


def test_a_page_after_the_last_is_a_404_with_a_german_message(client, demo):
    answer = get_json(client, f"{lists(demo)}paper/?page=99", status=404)
    assert answer["message"] == "Diese Seite der Liste gibt es nicht."
    # An empty list still has its first page.
    cut = stamp(timezone.now()).replace("+", "%2B")
    empty = get_json(client, f"{lists(demo)}paper/?created_since={cut}&page=1")
    assert empty["data"] == [] and empty["pagination"]["totalPages"] == 1


@pytest.mark.parametrize(
    "path",
    [
        "paper/999999/",
        "meeting/sitzung/999999/",
        "organization/gremium/999999/",
        "consultation/beratung/999999/",
        "meeting/beratung/999999/",
        "agendaitem/beratung/999999/",
        "person/999999/",
        "file/999999/",
        "paper/abc/",
        "gibt-es-nicht/",
        "body/1/unbekannt/",
    ],
)
def test_unknown_addresses_get_a_404_with_a_german_message(client, demo, path):
    answer = get_json(client, ROOT + path, status=404)
    assert answer == {"status": 404, "message": "Unter dieser Adresse gibt es kein OParl-Objekt."}


def test_the_lists_of_an_unknown_body_are_a_404(client, demo):
    answer = get_json(client, f"{ROOT}body/999999/meeting/", status=404)
    assert answer["message"] == "Diese Körperschaft gibt es nicht."
    get_json(client, f"{ROOT}body/999999/", status=404)


def test_only_reading_is_allowed(client, demo):
    response = client.post(f"{lists(demo)}paper/", {"name": "x"})
    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD"
    assert "nur gelesen" in response.json()["message"]


def test_messages_stay_german_whatever_the_client_asks_for(client, demo):
    response = client.get(f"{lists(demo)}paper/?page=0", headers={"accept-language": "en"})
    assert response.status_code == 400
    assert response.json()["message"] == BAD_PARAMS


def test_an_address_without_its_slash_is_redirected(client, demo):
    response = client.get(f"/oparl/v1.1/body/{demo['concept'].pk}/paper?page=1")
    assert response.status_code == 301
    assert response["Location"] == f"/oparl/v1.1/body/{demo['concept'].pk}/paper/?page=1"
