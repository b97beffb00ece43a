"""The city's colours: the contrast check (WCAG 2.1, 1.4.3) and the generated style sheet.

Both colours appear as text on the white page (links, navigation, headings, figures) and as the
background of white text (buttons), so each needs 4.5:1 against white; white is also the text
colour on them. (No colour reaches 4.5:1 against both white and the near-black body text, so
the portal never puts body text on them.)
"""

from __future__ import annotations

import hashlib
import re

from django.core.exceptions import ValidationError
from django.utils.formats import number_format
from django.utils.translation import gettext as _

HEX_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
MIN_CONTRAST = 4.5
# What the colours must stand out against: the page background and the text set on them.
PAGE_BACKGROUND = "#ffffff"
TEXT_ON_COLOUR = "#ffffff"
# The hover and pressed shade of a colour: this much darker (keeps its contrast to white).
DARKER = 0.25


def _channels(colour: str) -> tuple[int, int, int]:
    value = colour.lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def relative_luminance(colour: str) -> float:
    """WCAG 2.1's relative luminance of an sRGB colour."""

    def linear(channel: int) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(c) for c in _channels(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(first: str, second: str) -> float:
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def validate_colour(value: str) -> None:
    """A hex colour that reaches 4.5:1 against the page and the text set on it."""
    if not HEX_COLOUR.match(value or ""):
        raise ValidationError(
            _("Bitte geben Sie die Farbe als Hex-Wert mit sechs Stellen an, z. B. #004f8b."),
            code="format",
        )
    weakest = min(contrast_ratio(value, PAGE_BACKGROUND), contrast_ratio(value, TEXT_ON_COLOUR))
    if weakest < MIN_CONTRAST:
        raise ValidationError(
            _(
                "Diese Farbe ist zu hell: Ihr Kontrast zu Weiß beträgt nur %(ratio)s:1. "
                "Barrierefrei lesbar ist Text ab 4,5:1 (WCAG 2.1, BITV NRW); bitte wählen Sie "
                "eine dunklere Farbe."
            )
            % {"ratio": number_format(round(weakest, 2), 2)},
            code="contrast",
        )


def darker(colour: str, amount: float = DARKER) -> str:
    return "#" + "".join(f"{round(c * (1 - amount)):02x}" for c in _channels(colour))


def rgb_list(colour: str) -> str:
    return ", ".join(str(c) for c in _channels(colour))


def city_stylesheet(*, primary: str, accent: str) -> str:
    """The custom properties that `static/css/site.css` reads; nothing else changes."""
    primary, accent = primary.lower(), accent.lower()
    primary_dark = darker(primary)
    return (
        "/* The city's colours (Einstellungen der Kommune); generated, do not edit. */\n"
        ":root {\n"
        f"  --portal-accent: {primary};\n"
        f"  --portal-accent-dark: {primary_dark};\n"
        f"  --portal-highlight: {accent};\n"
        f"  --bs-link-color: {primary};\n"
        f"  --bs-link-color-rgb: {rgb_list(primary)};\n"
        f"  --bs-link-hover-color: {primary_dark};\n"
        f"  --bs-link-hover-color-rgb: {rgb_list(primary_dark)};\n"
        "}\n"
    )


def stylesheet_version(stylesheet: str) -> str:
    """Names the style sheet in its URL and ETag: a new colour, a new name."""
    return hashlib.sha256(stylesheet.encode()).hexdigest()[:16]
