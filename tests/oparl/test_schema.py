"""Every OParl object of the demo data validates against the OParl 1.1 schemas, and the
endpoint hangs together: every address it names answers, every object is the same wherever
it appears."""

import json

from concept.models import VersionStatus
from tests.oparl.crawl import ROOT, get_json
from tests.oparl.schemas import schema_errors, type_name

EVERY_TYPE = {
    "System",
    "Body",
    "Organization",
    "Person",
    "Membership",
    "Meeting",
    "AgendaItem",
    "Location",
    "Paper",
    "Consultation",
    "File",
}


def test_every_object_of_the_demo_data_validates_against_its_schema(walked):
    objects = walked.objects
    assert {type_name(obj) for obj in objects} == EVERY_TYPE
    failures = {obj["id"]: errors for obj in objects if (errors := schema_errors(obj))}
    assert not failures, json.dumps(failures, indent=1, ensure_ascii=False)[:4000]


def test_the_validator_is_strict_enough_to_fail(walked, world):
    """The check above could pass vacuously; here it must not."""
    paper = walked.answers[f"{ROOT}paper/{world['approved'].pk}/"]
    assert schema_errors(paper) == []
    file = dict(paper["mainFile"])
    del file["accessUrl"]
    assert any("accessUrl" in error for error in schema_errors(file))
    assert schema_errors({**paper, "titel": "falsch geschrieben"})
    assert schema_errors({**paper, "id": "/oparl/v1.1/paper/1/"})
    assert schema_errors({**paper, "created": "2011-04-07"})
    broken_embedded = {**paper, "mainFile": {**paper["mainFile"], "size": "1 KB"}}
    assert any("mainFile/size" in error for error in schema_errors(broken_embedded))


def test_every_object_is_served_at_its_id_and_the_same_wherever_it_appears(walked):
    for object_id, appearances in walked.appearances.items():
        assert object_id in walked.answers, f"{object_id} was never served at its own address"
        served = walked.answers[object_id]
        assert served["id"] == object_id
        for appearance in appearances:
            assert appearance == served, object_id


def test_the_body_offers_the_lists_the_schema_requires(client, demo):
    body = get_json(client, f"{ROOT}body/{demo['concept'].pk}/")
    for name in ("organization", "person", "meeting", "paper", "agendaItem", "consultation"):
        listing = get_json(client, body[name])
        assert set(listing) == {"data", "pagination", "links"}
        assert listing["data"], f"the demo has {name} objects"
    assert body["legislativeTerm"] == []
    assert get_json(client, ROOT)["body"] == f"{ROOT}body/"


def test_the_demo_data_appears_completely(walked, demo):
    concept = demo["concept"]
    organisations = walked.of_type("Organization")
    assert len(organisations) == concept.bodies.count() + concept.working_groups.count()
    papers = walked.of_type("Paper")
    reports = {url for url, p in papers.items() if p["paperType"] == "Mitteilungsvorlage"}
    assert reports == {f"{ROOT}paper/umsetzungsbericht/{demo['report'].pk}/"}
    papers = {url: p for url, p in papers.items() if url not in reports}
    assert {p["name"].split(" – ")[1].split(":")[0] for p in papers.values()} == {
        f"Version {demo['approved'].number}",
        f"Version {demo['consultation'].number}",
        f"Version {demo['in_review'].number}",
    }
    paper = walked.answers[f"{ROOT}paper/{demo['approved'].pk}/"]
    assert paper["reference"] == demo["approved"].council_paper_reference
    assert paper["mainFile"]["mimeType"] == "application/pdf"
    assert len(paper["auxiliaryFile"]) == 2
    roles = [c["role"] for c in paper["consultation"]]
    assert roles == ["Vorberatung"] * (len(roles) - 1) + ["Entscheidung"]
    decided = [c for c in paper["consultation"] if c["authoritative"]]
    assert len(decided) == 1 and decided[0] == paper["consultation"][-1]
    files = walked.of_type("File")
    issued = {f["sha512Checksum"] for f in files.values() if "sha512Checksum" in f}
    assert issued == {f.sha512 for f in demo["files"]} | {
        f.sha512 for f in demo["report"].files.all()
    }
    assert all(f["size"] > 0 for f in files.values() if "sha512Checksum" in f)
    assert demo["approved"].status == VersionStatus.APPROVED
