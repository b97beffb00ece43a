"""Text helpers every app uses: Markdown rendered safely, search terms, highlighting, German
dates, codes in the order people count them."""

from __future__ import annotations

import datetime as dt
import html as html_lib
import re
import threading

import markdown as markdown_lib
import nh3
from django.conf import settings
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

ALLOWED_TAGS = {
    "p", "br", "strong", "em", "ul", "ol", "li", "blockquote", "code", "pre",
    "h3", "h4", "h5", "h6", "a", "table", "thead", "tbody", "tr", "th", "td", "hr",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"scope"}}
MAX_TERMS = 8
MAX_TERM_LENGTH = 60
_WORD = re.compile(r"[^\W_]+", re.UNICODE)


_converters = threading.local()


def _converter() -> markdown_lib.Markdown:
    """One Markdown converter per thread, reset between texts: building one registers every
    processor anew, which cost more than converting a short text (a converter is not
    thread-safe, hence one per thread)."""
    converter = getattr(_converters, "markdown", None)
    if converter is None:
        converter = _converters.markdown = markdown_lib.Markdown(
            extensions=["tables", "sane_lists"]
        )
    return converter


def sanitise_html(
    html: str,
    *,
    extra_tags: frozenset[str] = frozenset(),
    tag_attribute_values: dict[str, dict[str, set[str]]] | None = None,
) -> str:
    """What any text of ours may carry to a page: ALLOWED_TAGS (and `extra_tags`), links only
    to http(s) and mail, never opening the page they leave."""
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS | extra_tags,
        attributes=ALLOWED_ATTRIBUTES,
        tag_attribute_values=tag_attribute_values or {},
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
    )


def _heading(level: int, top: int) -> int:
    # The reading view's rule (h1 and h2 become h3 and h4; deeper levels stay) moved down so
    # that its h3 is `top`.
    return min(6, (level + 2 if level <= 2 else level) + top - 3)


def render_markdown(text: str, *, top_heading: int = 3) -> SafeString:
    """Markdown to HTML, then sanitised: raw HTML or script in a text never reaches a page.

    Headings start at h3 because the page and the section title own h1 and h2; a page that
    nests the text deeper (the comparison) passes its own `top_heading`.
    """
    html = _converter().reset().convert(text or "")
    html = re.sub(
        r"<(/?)h([1-6])>",
        lambda m: f"<{m.group(1)}h{_heading(int(m.group(2)), top_heading)}>",
        html,
    )
    return mark_safe(sanitise_html(html))  # noqa: S308 - nh3 has sanitised it


# Where a block ends (or a cell, or a line break), the words of either side stay apart.
_BLOCK_END = re.compile(r"<br\s*/?>|<hr\s*/?>|</(?:p|li|h[1-6]|blockquote|pre|tr|td|th)>")
_SPACES = re.compile(r"[^\S\n]+")
_LINES = re.compile(r"\s*\n\s*")


# A character or line start that may be Markdown or HTML; a text without any is its own text.
_MAY_BE_MARKUP = re.compile(r"[\\`*_\[\]<>#&|~!:]|^[ \t]*(?:[-+=>]|\d+[.)])|^(?: {4}|\t)", re.M)


def markdown_to_text(text: str) -> str:
    """A Markdown text as the words a reader sees, without its markup: for snippets (search
    results, excerpts, descriptions). Blocks are separated by a line break; `**`, `#`, list
    markers, table pipes and link syntax are gone, a link keeps its text. A text in which
    nothing may be markup skips the converter (the search shows dozens of snippets)."""
    if not _MAY_BE_MARKUP.search(text or ""):
        return _LINES.sub("\n", _SPACES.sub(" ", text or "")).strip()
    html = _BLOCK_END.sub(lambda m: m.group(0) + "\n", str(render_markdown(text)))
    plain = html_lib.unescape(nh3.clean(html, tags=set()))
    return _LINES.sub("\n", _SPACES.sub(" ", plain)).strip()


def search_terms(query: str | None) -> list[str]:
    """The user's words reduced to letters and digits, so no input can break a query."""
    if not query:
        return []
    words = _WORD.findall(query.replace("\x00", " ")[:1000])
    terms: list[str] = []
    for word in words:
        term = word.casefold()[:MAX_TERM_LENGTH]
        if term not in terms:
            terms.append(term)
    return terms[:MAX_TERMS]


def highlight(text: str, terms: list[str]) -> SafeString:
    """Escape first, then wrap the matches in <mark>: nothing from the text is ever markup."""
    escaped = escape(text or "")
    if not terms:
        return mark_safe(escaped)  # noqa: S308 - escaped above
    pattern = re.compile(
        "|".join(re.escape(str(escape(term))) for term in sorted(terms, key=len, reverse=True)),
        re.IGNORECASE,
    )
    return mark_safe(pattern.sub(lambda m: f"<mark>{m.group(0)}</mark>", escaped))  # noqa: S308


def excerpt(text: str, terms: list[str], *, width: int = 240) -> str:
    """A window of `text` around the first match (plain text; highlight it afterwards)."""
    text = text or ""
    if len(text) <= width:
        return text
    folded = text.casefold()
    starts = [folded.find(term) for term in terms if folded.find(term) >= 0]
    start = max(0, min(starts) - width // 3) if starts else 0
    snippet = text[start : start + width]
    return ("…" if start else "") + snippet + ("…" if start + width < len(text) else "")


def natural_key(code: str) -> tuple:
    """Orders codes as people count: E2 before E10."""
    return tuple(int(part) if part.isdigit() else part for part in re.split(r"(\d+)", code))


def german_datetime(value: dt.datetime) -> str:
    """e.g. "7. April 2011, 18:00 Uhr", in German whatever the request's language (emails)."""
    with translation.override(settings.LANGUAGE_CODE):
        local = timezone.localtime(value)
        return _("%(date)s, %(time)s Uhr") % {
            "date": date_format(local, "j. F Y"),
            "time": date_format(local, "H:i"),
        }
