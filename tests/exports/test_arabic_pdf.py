"""A translation into Arabic rendered through the PDF exports' path (write_pdf with
static/exports/print-document.css): right to left, with the vendored Amiri for the Arabic script
only, and its text read back by pdftotext as it was written."""

import os
import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest

from concept.exports.pdf import write_pdf

pytestmark = pytest.mark.skipif(
    not (shutil.which("pdftotext") and shutil.which("pdffonts")), reason="poppler-utils missing"
)

# Bidi embeddings and overrides (U+202A-U+202E) and isolates (U+2066-U+2069), which pdftotext
# puts around right-to-left runs.
BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")

# Letters that share a dotless form (feh, noon, yeh, beh, teh), lam-alef ligatures, a dash.
ARABIC = "مفهوم الاندماج لمدينة ميندن – ترجمة غير رسمية والنص الألماني هو المعتمد"
GERMAN = "Integrationskonzept"


def _pdf(tmp_path: Path) -> Path:
    html = (
        '<html lang="ar" dir="rtl"><head><link rel="stylesheet" href="print-document.css">'
        f'</head><body><p>{ARABIC}</p><p><bdi lang="de">{GERMAN}</bdi></p></body></html>'
    )
    path = tmp_path / "arabic.pdf"
    path.write_bytes(write_pdf(html))
    return path


def _run(*command: str) -> str:
    return subprocess.run(command, capture_output=True, check=True, text=True).stdout


def _artefacts() -> Path:
    path = Path(
        os.environ.get("ARTEFACTS_DIR") or Path(__file__).parent.parent / "browser" / "artefacts"
    )
    path.mkdir(parents=True, exist_ok=True)
    return path


def test_arabic_text_reads_back_as_written(tmp_path):
    text = _run("pdftotext", "-enc", "UTF-8", str(_pdf(tmp_path)), "-")

    # NFKC turns presentation forms (the lam-alef ligatures among them) into letters.
    lines = [
        unicodedata.normalize("NFKC", BIDI_CONTROLS.sub("", line)).strip()
        for line in text.split("\n")
    ]
    assert lines[0] == ARABIC
    assert GERMAN in lines


def test_arabic_has_its_own_font_and_german_keeps_its_font(tmp_path):
    path = _pdf(tmp_path)

    fonts = _run("pdffonts", str(path))

    assert "Export-Arabic" in fonts and "Export-Sans" in fonts
    if shutil.which("pdftoppm"):
        image = _artefacts() / "pdf-arabic"
        _run("pdftoppm", "-png", "-r", "100", "-singlefile", str(path), str(image))
        assert image.with_suffix(".png").stat().st_size > 0
