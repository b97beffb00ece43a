"""The PDF exports, rendered by WeasyPrint from templates/exports/ as tagged PDF/UA-1.

The fonts come from static/fonts/ (referenced by static/exports/print-document.css), so every
machine renders the same pages; the CSS is read from the source tree, no collectstatic needed.
"""

from __future__ import annotations

import functools
import re
import ssl
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from urllib.request import url2pathname

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils.html import linebreaks
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import override

from concept.exports.content import version_content
from concept.exports.html_blocks import blocks_html
from concept.exports.synopsis_table import TEXT_FIELDS, is_markdown, synopsis_content
from concept.models import ConceptVersion
from minden_integration.core.text import render_markdown

STYLESHEET = "exports/print-document.css"
PDF_VARIANT = "pdf/ua-1"
_CSS_UNSAFE = re.compile(r'["\\<>\n\r\f]')


def css_string(text: str) -> SafeString:
    """`text` as a quoted CSS string that can neither end the string nor the <style> element."""
    escaped = _CSS_UNSAFE.sub(lambda m: f"\\{ord(m.group(0)):x} ", text)
    return mark_safe(f'"{escaped}"')  # noqa: S308 - every special character is escaped


def _stylesheet_path() -> Path:
    found = finders.find(STYLESHEET)
    if not found:
        raise FileNotFoundError(f"{STYLESHEET} is missing from the static files")
    return Path(found)


@functools.cache
def _asset(path: Path) -> bytes:
    return path.read_bytes()


def asset_fetcher():
    """WeasyPrint may read the stylesheet and the fonts beside it, nothing else: rendering a
    text never reaches the network or another file."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class StaticAssets(URLFetcher):
        def fetch(self, url, headers=None):
            parts = urlsplit(url)
            path = Path(url2pathname(parts.path)).resolve()
            assets = _stylesheet_path().parent.parent.resolve()
            if parts.scheme != "file" or path.parent not in {
                assets / "exports",
                assets / "fonts",
            }:
                raise ValueError(f"Not an export asset: {url}")
            content_type = "text/css; charset=utf-8" if path.suffix == ".css" else "font/ttf"
            return URLFetcherResponse(url, _asset(path), {"Content-Type": content_type})

    # No request leaves the machine, so the default TLS context (slow to build) is not needed.
    return StaticAssets(ssl_context=ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT))


def _render(template: str, context: dict[str, Any]) -> str:
    return render_to_string(template, {**context, "stylesheet_url": _stylesheet_path().as_uri()})


def write_pdf(html: str) -> bytes:
    """Tagged PDF/UA-1 with bookmarks from the headings and the shipped fonts embedded."""
    from weasyprint import HTML
    from weasyprint.text.fonts import FontConfiguration

    document = HTML(
        string=html,
        base_url=_stylesheet_path().parent.as_uri() + "/",
        url_fetcher=asset_fetcher(),
    )
    return document.write_pdf(font_config=FontConfiguration(), pdf_variant=PDF_VARIANT)


def version_pdf(version: ConceptVersion, *, resolution: dict[str, Any] | None = None) -> bytes:
    """The concept; with `resolution` (`exports.resolution`) the beschlossene Fassung."""
    content = version_content(version)
    with override("de"):
        for section in content["sections"]:
            section["body_html"] = render_markdown(section["body"])
            section["easy_html"] = render_markdown(section["easy_language_summary"])
            section["heading_level"] = min(section["level"] + 1, 4)
            section["notes_html"] = blocks_html(
                section["notes"], heading_base=section["heading_level"]
            )
        annexes = [
            {
                "anchor": annex.anchor,
                "title": annex.title,
                # Under the annex's h2: its own headings start at h3.
                "html": blocks_html(annex.blocks, heading_base=2),
            }
            for annex in content["annexes"]
        ]
        html = _render(
            "exports/version.html",
            {
                **content,
                "annexes": annexes,
                "resolution": resolution,
                "header": css_string(content["concept"]["title"]),
                "footer": css_string(content["meta"]["footer"]),
            },
        )
    return write_pdf(html)


def synopsis_pdf(synopsis: dict[str, Any], section_bodies: dict[str, str] | None = None) -> bytes:
    content = synopsis_content(synopsis, section_bodies)
    with override("de"):
        for section in content["sections"]:
            for row in section["rows"]:
                for name in TEXT_FIELDS:
                    text = row[name]
                    row[f"{name}_html"] = (
                        render_markdown(text)
                        if is_markdown(row, name)
                        else mark_safe(linebreaks(text, autoescape=True))  # noqa: S308 - escaped
                    )
        html = _render(
            "exports/synopsis.html",
            {
                **content,
                "header": css_string(content["concept"]["title"]),
                "footer": css_string(content["footer"]),
            },
        )
    return write_pdf(html)


def warm_up() -> None:
    """Pay WeasyPrint's one-time costs (its import, the German hyphenation dictionary, the
    fonts) when a worker starts, not in the first clerk's download."""
    write_pdf(
        '<html lang="de"><head><link rel="stylesheet" href="print-document.css"></head>'
        '<body><p style="hyphens: auto">Integrationskonzeptfortschreibung</p></body></html>'
    )
