"""A translation into Arabic rendered through the PDF exports' path (write_pdf with
static/exports/print-document.css): right to left, with the vendored Noto Naskh Arabic for the
Arabic script only, and its text read back by pdftotext."""

import os
import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest

from concept.exports.pdf import write_pdf

pytestmark = pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils missing")

# Bidi embeddings and overrides (U+202A-U+202E) and isolates (U+2066-U+2069), which pdftotext
# adds around right-to-left runs.
BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")

ARABIC = "السلام عليكم في مدينة ميندن"
GERMAN = "Integrationskonzept"


def _document(arabic: str) -> str:
    return (
        '<html lang="ar" dir="rtl"><head><link rel="stylesheet" href="print-document.css">'
        f"</head><body><p>{arabic}</p>"
        f'<p><bdi lang="de">{GERMAN}</bdi></p></body></html>'
    )


def _read_back(pdf: bytes, tmp_path: Path) -> list[str]:
    path = tmp_path / "arabic.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True, text=True
    ).stdout
    # NFKC turns the presentation forms (the lam-alef ligatures among them) into letters.
    lines = (
        unicodedata.normalize("NFKC", BIDI_CONTROLS.sub("", line)) for line in text.split("\n")
    )
    return [line.strip() for line in lines if line.strip()]


def _fonts(pdf_path: Path) -> str:
    return subprocess.run(
        ["pdffonts", str(pdf_path)], capture_output=True, check=True, text=True
    ).stdout


def _artefacts() -> Path:
    path = Path(
        os.environ.get("ARTEFACTS_DIR") or Path(__file__).parent.parent / "browser" / "artefacts"
    )
    path.mkdir(parents=True, exist_ok=True)
    return path


def test_arabic_uses_the_vendored_naskh_and_german_keeps_its_font(tmp_path):
    path = tmp_path / "arabic.pdf"
    path.write_bytes(write_pdf(_document(ARABIC)))

    fonts = _fonts(path)

    assert "Export-Arabic" in fonts
    assert "Export-Sans" in fonts
    if shutil.which("pdftoppm"):
        subprocess.run(
            [
                "pdftoppm",
                "-png",
                "-r",
                "100",
                "-f",
                "1",
                "-l",
                "1",
                "-singlefile",
                str(path),
                str(_artefacts() / "pdf-arabic"),
            ],
            check=True,
        )
        assert (_artefacts() / "pdf-arabic.png").stat().st_size > 0


@pytest.mark.xfail(
    strict=True,
    reason="Noto Naskh Arabic 2.x draws dotted letters as a dotless base glyph shared by several "
    "letters plus a dot mark; WeasyPrint maps each glyph to one text (the last seen) and "
    "pdftotext splits words at the marks, so the text does not read back yet",
)
def test_arabic_text_reads_back_as_written(tmp_path):
    lines = _read_back(write_pdf(_document(ARABIC)), tmp_path)

    assert lines[0] == ARABIC
    assert GERMAN in lines
