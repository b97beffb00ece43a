"""The reading view's repeated markup for templates (`concept.reading_html`)."""

from django import template

from concept.reading_html import amendment_card as _amendment_card
from concept.reading_html import sections_html

register = template.Library()


@register.simple_tag
def amendment_card(amendment, heading_level, version_number=None, show_section=False):
    """`{% amendment_card amendment 3 version.number show_section=True %}`"""
    return _amendment_card(
        amendment,
        heading_level=int(heading_level),
        version_number=version_number,
        show_section=show_section,
    )


@register.simple_tag
def reading_sections(sections):
    """Every section of the reading view with its amendments."""
    return sections_html(sections)
