import re
from html.parser import HTMLParser

import pytest
from django.core import mail

from tests.factories import OrganisationFactory, WorkingGroupFactory
from workgroups.services import member_invite

LINK = re.compile(r"http://testserver(/konto/einladung/[^/\s]+/)")


class _Structure(HTMLParser):
    def __init__(self):
        super().__init__()
        self.h1 = 0
        self.labels: set[str] = set()
        self.fields: list[dict] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "h1":
            self.h1 += 1
        elif tag == "label" and attrs.get("for"):
            self.labels.add(attrs["for"])
        elif tag in ("input", "select", "textarea") and attrs.get("type") not in (
            "hidden",
            "submit",
            "button",
        ):
            self.fields.append(attrs)


def assert_sound_page(html: str) -> None:
    """One h1, and every visible field named by a label or an aria-label."""
    parser = _Structure()
    parser.feed(html)
    assert parser.h1 == 1, f"{parser.h1} h1 elements"
    unlabelled = [
        f.get("name") or f.get("id")
        for f in parser.fields
        if f.get("id") not in parser.labels and not f.get("aria-label")
    ]
    assert not unlabelled, f"fields without label: {unlabelled}"
    assert "<script" not in html
    assert " style=" not in html
    assert not re.search(r"\son[a-z]+=", html)


@pytest.fixture(autouse=True)
def _portal_base_url(settings):
    settings.PORTAL_BASE_URL = "http://testserver"


@pytest.fixture
def group(db):
    return WorkingGroupFactory(name="Bildung und Erziehung", slug="bildung")


@pytest.fixture
def organisation(db):
    return OrganisationFactory(name="Grundschule am Weserufer")


@pytest.fixture
def invite(roles, officer, group, organisation, django_capture_on_commit_callbacks):
    """Invite someone and return the link's path from the email."""

    def _invite(email="Ayse.Yilmaz@Example.org", name="Ayşe Yılmaz", **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            invitation = member_invite(
                email=email,
                name=name,
                working_group=kwargs.get("working_group", group),
                organisation=kwargs.get("organisation", organisation),
                invited_by=officer,
            )
        return invitation, LINK.search(mail.outbox[-1].body).group(1)

    return _invite
