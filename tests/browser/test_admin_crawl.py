"""Every admin page the integration officer and the council clerk use, in Chromium, on Minden's
demo data: the start page, each app's page, every change list, add form and history page they may
see, one change form per model and the workflow pages. axe-core (WCAG 2.1 A/AA) runs on each, one
h1 is expected, and the Nu HTML checker reads all of them at the end. Every finding is collected
before the test fails, so one run lists them all. At 1280 px the moderation queue shows its key
columns without horizontal scrolling; screenshots of three pages go to the artefacts folder."""

from __future__ import annotations

import io
import os
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.contrib import admin
from django.contrib.admin.utils import quote
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import RequestFactory
from django.urls import reverse

from concept.models import (
    AMENDMENT_UNDECIDED,
    Amendment,
    AmendmentStatus,
    ConceptVersion,
    VersionStatus,
)
from concept.services import version_transition
from measures.models import ProgressUpdate
from minden_integration.core.roles import MEMBER
from tests.browser.conftest import (
    CLERK_PASSWORD,
    CLERK_USERNAME,
    admin_login,
    axe_violations,
    clerk_create,
    html_errors,
    officer_create,
)
from workgroups.models import Membership

ARTEFACTS = Path(os.environ.get("ARTEFACTS_DIR", Path(__file__).parent / "artefacts"))
QUEUE = "/admin/concept/amendment/"
QUEUE_COLUMNS = ("Status", "Art", "Eingereicht")

H1_COUNT = "() => document.querySelectorAll('h1').length"
# The right edge of each named column header, and how far the table's container and the window
# show without scrolling.
COLUMN_EDGES = """names => {
  const table = document.querySelector('#result_list');
  const container = table.closest('.results') || table.parentElement;
  const visible = Math.min(container.getBoundingClientRect().right, window.innerWidth);
  const headers = [...table.querySelectorAll('thead th')];
  const edges = {};
  for (const name of names) {
    const th = headers.find(h => (h.querySelector('.text') || h).textContent.trim() === name);
    edges[name] = th ? th.getBoundingClientRect().right : null;
  }
  return {visible, edges, scrolls: container.scrollWidth > container.clientWidth};
}"""


@pytest.fixture
def demo(transactional_db, live_server, settings):
    """Minden's demo data; the files the demo issues are queued, not rendered."""
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    settings.PORTAL_BASE_URL = live_server.url
    call_command("load_minden", "--demo", verbosity=0, stdout=io.StringIO())
    return {"officer": officer_create(), "clerk": clerk_create()}


@dataclass
class Crawl:
    """One logged-in tab that checks each page it opens and keeps every finding."""

    page: object
    base_url: str
    role: str
    html: dict[str, str] = field(default_factory=dict)
    findings: list[str] = field(default_factory=list)
    visited: list[str] = field(default_factory=list)

    def visit(self, path: str) -> None:
        response = self.page.goto(self.base_url + path)
        label = f"{self.role} {path}"
        self.visited.append(path)
        if response is None or response.status != 200:
            self.findings.append(f"{label}: status {response and response.status}")
            return
        if self.page.url != self.base_url + path:
            self.findings.append(f"{label}: redirected to {self.page.url}")
        # The markup as the server sent it (the Nu checker reads it, not the scripts' DOM).
        self.html[label] = response.text()
        h1 = self.page.evaluate(H1_COUNT)
        if h1 != 1:
            self.findings.append(f"{label}: {h1} h1 elements")
        for violation in axe_violations(self.page):
            self.findings.append(
                f"{label}: axe {violation['id']} ({violation['help']}): {violation['nodes']}"
            )

    def screenshot(self, name: str) -> None:
        ARTEFACTS.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=str(ARTEFACTS / f"admin-{name}.png"), full_page=True)


def model_pages(user, *, history: bool = True) -> list[str]:
    """Every app page and change list the user may see; per model the first object's change
    form and history, and the add form if the user may add."""
    request = RequestFactory().get("/admin/")
    request.user = user
    apps, changelists, forms = set(), [], []
    for model, model_admin in admin.site._registry.items():
        opts = model._meta
        if not model_admin.has_view_or_change_permission(request):
            continue
        info = f"admin:{opts.app_label}_{opts.model_name}"
        apps.add(reverse("admin:app_list", args=[opts.app_label]))
        changelists.append(reverse(f"{info}_changelist"))
        if model_admin.has_add_permission(request):
            forms.append(reverse(f"{info}_add"))
        first = model_admin.get_queryset(request).order_by("pk").first()
        if first is not None:
            forms.append(reverse(f"{info}_change", args=[quote(first.pk)]))
            if history:
                forms.append(reverse(f"{info}_history", args=[quote(first.pk)]))
    return ["/admin/", *sorted(apps), *sorted(changelists), *sorted(forms)]


def workflow_pages(*, officer: bool) -> list[str]:
    """The custom admin pages (get_urls) that the demo's objects lead to."""
    first, second = ConceptVersion.objects.order_by("number")[:2]
    pages = [f"{QUEUE}?moderation=offen"]
    if not officer:
        return pages
    undecided = Amendment.objects.filter(status__in=AMENDMENT_UNDECIDED).order_by("pk").first()
    accepted = Amendment.objects.filter(status=AmendmentStatus.ACCEPTED).order_by("pk").first()
    member = get_user_model().objects.filter(groups__name=MEMBER).order_by("pk").first()
    participant = Membership.objects.filter(user__isnull=True).order_by("pk").first()
    pages += [
        reverse("admin:concept_conceptversion_move", args=[second.pk, "consultation_closed"]),
        reverse("admin:concept_conceptversion_next", args=[first.pk]),
        reverse("admin:concept_amendment_decide", args=[undecided.pk]),
        reverse("admin:concept_amendment_change", args=[accepted.pk]),
        reverse("admin:workgroups_membership_invite"),
        reverse("admin:measures_measure_import"),
        # Progress: the updates waiting for review, the correction of the demo's waiting one.
        f"{reverse('admin:measures_progressupdate_changelist')}?review__exact=pending",
        reverse(
            "admin:measures_progressupdate_correct",
            args=[ProgressUpdate.objects.filter(review="pending").order_by("pk").first().pk],
        ),
        # Issuing the annual implementation report (a closed year, confirmed).
        reverse("admin:measures_implementationreport_issue"),
        # Data protection: the register (Art. 30) and the reports (Art. 15) on a member's
        # account and on a participant without one.
        reverse("admin:processing-register"),
        reverse("admin:auth_user_personal_data", args=[member.pk]),
        reverse("admin:workgroups_membership_personal_data", args=[participant.pk]),
    ]
    return pages


def test_every_admin_page_is_accessible_and_valid(demo, browser, live_server, tmp_path):
    base = live_server.url
    officer = Crawl(admin_login(browser, base, bypass_csp=True), base, "officer")
    clerk = Crawl(
        admin_login(
            browser, base, username=CLERK_USERNAME, password=CLERK_PASSWORD, bypass_csp=True
        ),
        base,
        "clerk",
    )

    # The history pages are the same read-only page for both roles (the officer's has more
    # links): the officer's are checked.
    for path in model_pages(demo["clerk"], history=False) + workflow_pages(officer=False):
        clerk.visit(path)
    for path in model_pages(demo["officer"]) + workflow_pages(officer=True):
        officer.visit(path)
    # Presenting needs a version whose consultation has ended: the demo's second one ends now.
    second = ConceptVersion.objects.get(status=VersionStatus.CONSULTATION)
    version_transition(version=second, to=VersionStatus.CONSULTATION_CLOSED)
    officer.visit(reverse("admin:concept_conceptversion_move", args=[second.pk, "council_review"]))

    officer.page.goto(base + "/admin/")
    officer.screenshot("start")
    first = ConceptVersion.objects.get(number=1)
    officer.page.goto(base + reverse("admin:concept_conceptversion_history", args=[first.pk]))
    officer.screenshot("history")
    officer.page.goto(base + QUEUE)
    officer.screenshot("queue")
    columns = officer.page.evaluate(COLUMN_EDGES, list(QUEUE_COLUMNS))
    for name, right in columns["edges"].items():
        if right is None or right > columns["visible"]:
            officer.findings.append(f"queue at 1280px: column {name!r} not visible: {columns}")

    findings = officer.findings + clerk.findings
    findings += html_errors({**officer.html, **clerk.html}, tmp_path)
    print(f"crawled: officer {len(officer.visited)} pages, clerk {len(clerk.visited)} pages")
    assert not findings, f"{len(findings)} findings:\n" + "\n".join(findings)
