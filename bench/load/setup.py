"""`make load`, the database side (run by bench/load/run.py with the load test's settings):

    setup.py prepare FACTOR OUT.json   grow the demo data, give members and an officer passwords
                                       (the officer also an app for the second factor), and
                                       write what the load needs: accounts, addresses, sections
    setup.py verify IN.json            compare what the writers say they stored with the rows

Accounts get fresh random passwords on every run; OUT.json is written for this user only.
"""

from __future__ import annotations

import json
import os
import secrets
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
sys.path.insert(0, str(ROOT))

import django  # noqa: E402

django.setup()

from django.urls import reverse  # noqa: E402
from django_otp.plugins.otp_totp.models import TOTPDevice  # noqa: E402

from bench import scale  # noqa: E402
from concept.models import Amendment, Concept, ConceptVersion, VersionStatus  # noqa: E402
from measures.models import Measure  # noqa: E402
from minden_integration.accounts.services import staff_account_ensure  # noqa: E402
from workgroups.models import Membership, Session  # noqa: E402

OFFICER_EMAIL = "bench.beauftragte@minden.invalid"
MEMBERS = int(os.environ.get("LOAD_MEMBERS", "4"))


def prepare(factor: int, out: Path) -> None:
    counts = scale.scale_demo(factor)
    concept = Concept.objects.current()
    versions = ConceptVersion.objects.filter(concept=concept)
    consulting = versions.get(status=VersionStatus.CONSULTATION)
    frozen = list(versions.frozen().order_by("number").values_list("number", flat=True))
    members = []
    for membership in (
        Membership.objects.filter(working_group__concept=concept, user__isnull=False)
        .select_related("user")
        .order_by("-pk")[:MEMBERS]
    ):
        password = secrets.token_urlsafe(16)
        membership.user.set_password(password)
        membership.user.save(update_fields=["password"])
        members.append({"username": membership.user.username, "password": password})
    officer = staff_account_ensure(email=OFFICER_EMAIL, role="officer").user
    officer_password = secrets.token_urlsafe(16)
    officer.set_password(officer_password)
    officer.save(update_fields=["password"])
    TOTPDevice.objects.filter(user=officer).delete()
    device = TOTPDevice.objects.create(user=officer, name="App", confirmed=True)
    groups = list(concept.working_groups.order_by("position"))
    sessions = Session.objects.filter(working_group__in=groups).order_by("working_group", "round")
    catalogue = reverse("measures:measure-list")
    pages = {
        "home": ["/"],
        "current": [reverse("concept:version-current")],
        "reading": [reverse("concept:version-detail", args=[consulting.number])],
        "frozen": [reverse("concept:version-detail", args=[frozen[-1]])],
        "versions": [reverse("concept:version-list")],
        "proposals": [reverse("concept:amendment-list", args=[consulting.number])],
        "synopsis": [reverse("concept:version-synopsis", args=[consulting.number])],
        "compare": [f"{reverse('concept:version-compare')}?von={frozen[0]}&zu={consulting.number}"],
        "compare-frozen": [f"{reverse('concept:version-compare')}?von={frozen[0]}&zu={frozen[-1]}"],
        "catalogue": [catalogue, f"{catalogue}?seite=2"],
        "catalogue-filtered": [f"{catalogue}?gruppe={g.slug}" for g in groups],
        "catalogue-searched": [
            f"{catalogue}?q={term}"
            for term in ("Sprachf%C3%B6rderung", "Ausbildung", "Eltern", "Schule", "Beratung")
        ],
        "measure": [
            m.get_absolute_url()
            for m in Measure.objects.filter(concept=concept).order_by("number")[::50]
        ],
        "group": [g.get_absolute_url() for g in groups],
        "session": [s.get_absolute_url() for s in sessions[:6]],
        "search": [
            f"{reverse('search')}?q={term}"
            for term in ("Sprache", "Integration", "Kita", "Arbeit", "Dialog")
        ],
        "sitemap": ["/sitemap.xml"],
        "monitoring": [
            reverse("monitoring:overview"),
            *(f"{reverse('monitoring:overview')}?gruppe={g.slug}" for g in groups),
        ],
        "feed": [reverse("following:feed-concept"), reverse("following:feed-progress")],
        "pdf-live": [reverse("exports:version-download", args=[consulting.number, "pdf"])],
        "floor": ["/bench-floor/"],
    }
    data = {
        "counts": counts,
        "members": members,
        "officer": {
            "username": officer.username,
            "password": officer_password,
            "totp_key": device.key,
            "step": device.step,
            "t0": device.t0,
            "digits": device.digits,
        },
        "sections": list(consulting.sections.order_by("position").values_list("pk", flat=True)),
        "pages": pages,
    }
    out.touch(mode=0o600)
    out.write_text(json.dumps(data, indent=1))


def verify(submitted: Path) -> int:
    """Every amendment the writers saw stored is there exactly once, in the state they left it;
    none of theirs is there that they did not see stored. Prints the verdict; 0 when it holds."""
    record = json.loads(submitted.read_text())
    marker = record["marker"]
    rows = {
        a.rationale: a
        for a in Amendment.objects.filter(rationale__startswith=marker).only(
            "pk", "rationale", "status"
        )
    }
    duplicates = Amendment.objects.filter(rationale__startswith=marker).count() - len(rows)
    lost, wrong = [], []
    for item in record["amendments"]:
        row = rows.pop(item["rationale"], None)
        if row is None or row.pk != item["pk"]:
            lost.append(item)
        elif item.get("expect") and row.status != item["expect"]:
            wrong.append((item, row.status))
    uncertain = set(record.get("uncertain_rationales", []))
    unknown = [r for r in rows.values() if r.rationale not in uncertain]
    submitted_count = sum(1 for i in record["amendments"] if i.get("submitted"))
    decided = sum(1 for i in record["amendments"] if i.get("decided"))
    print(
        f"Amendments: {len(record['amendments'])} written by the members ({submitted_count} "
        f"submitted, {decided} decided by the officer through the admin), "
        f"{len(uncertain)} with an unclear outcome; in the database: "
        f"{len(lost)} lost, {duplicates} duplicated, {len(wrong)} in another state than "
        f"expected, {len(unknown)} not reported by the writers."
    )
    for item in lost[:5]:
        print(f"  lost: {item}")
    for item, status in wrong[:5]:
        print(f"  state: {item} is {status}")
    ok = not (lost or duplicates or wrong or unknown)
    print("Every amendment is stored exactly once." if ok else "AMENDMENTS MISSED THE GOAL.")
    return 0 if ok else 1


if __name__ == "__main__":
    command = sys.argv[1]
    if command == "prepare":
        prepare(int(sys.argv[2]), Path(sys.argv[3]))
    elif command == "verify":
        sys.exit(verify(Path(sys.argv[2])))
    else:
        sys.exit(f"unknown command {command}")
