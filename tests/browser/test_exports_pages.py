"""The pages the exports issue added, in Chromium: the download links on a frozen version, the
synopsis, and "Echtheit prüfen" answering for an issued file by upload, by its SHA-256 and by
the checksum prefix in a footer, and for a modified copy."""

import io

import pytest
from django.core.management import call_command

from concept.models import ConceptVersion, IssuedDocument, IssuedFile, VersionStatus
from tests.browser.conftest import assert_valid_html


@pytest.fixture
def issued(transactional_db, live_server, settings, tmp_path, tasks_run):
    settings.MEDIA_ROOT = tmp_path / "media"
    # The demo presents and decides version 1: its files are issued as the load commits.
    call_command("load_minden", "--demo", verbosity=0, stdout=io.StringIO())
    version = ConceptVersion.objects.get(status=VersionStatus.APPROVED)
    return IssuedFile.objects.get(version=version, document=IssuedDocument.VERSION, format="json")


def check(visitor, *, file=None, text=None):
    page = visitor.page
    visitor.goto("/echtheit/")
    if file is not None:
        page.locator("#id_datei").set_input_files(file)
    if text is not None:
        page.get_by_role("textbox", name="oder Prüfsumme").fill(text)
    page.get_by_role("button", name="Prüfen").click()
    page.wait_for_load_state("load")
    visitor.checked()
    return page.locator("main").inner_text()


def test_downloads_and_the_authenticity_check(visitor, issued, tmp_path):
    version = issued.version
    page = visitor.page
    visitor.goto(f"/konzept/v{version.number}/")
    downloads = page.locator("section.downloads[aria-labelledby=version-herunterladen]")
    resolution = page.locator(
        "section.downloads[aria-labelledby=beschlossene-fassung-herunterladen]"
    )
    assert resolution.get_by_role("link", name="PDF").get_attribute("href") == (
        f"/konzept/v{version.number}/beschlossene-fassung/download/pdf/"
    )
    assert downloads.get_by_role("link", name="PDF").count() == 1
    assert downloads.get_by_role("link", name="JSON").get_attribute("href") == (
        f"/konzept/v{version.number}/download/json/"
    )
    visitor.goto(f"/konzept/v{version.number + 1}/synopse/")
    assert page.locator("section.downloads").get_by_role("link", name="PDF").count() == 1

    stored = tmp_path / "kopie.json"
    stored.write_bytes(issued.file.read())
    answer = check(visitor, file=stored)
    assert f"Version {version.number}" in answer
    assert "wurde verändert" not in answer

    assert f"Version {version.number}" in check(visitor, text=issued.sha256)
    assert f"Version {version.number}" in check(visitor, text=version.checksum[:12])

    modified = tmp_path / "veraendert.json"
    modified.write_bytes(stored.read_bytes().replace(b"Minden", b"Mindem", 1))
    assert "wurde verändert" in check(visitor, file=modified)

    visitor.assert_fits_320px(["/echtheit/", f"/konzept/v{version.number + 1}/synopse/"])
    assert_valid_html(visitor.html, tmp_path)
