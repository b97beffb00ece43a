"""The reading view's and the comparison's repeated markup for templates
(`concept.reading_html`, `concept.compare_html`)."""

from django import template

from concept import compare_html
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


@register.simple_tag
def compare_entries(entries, old_number, new_number):
    """Every changed section of a comparison with its diffs and amendments."""
    return compare_html.compare_entries(entries, old_number, new_number)


@register.simple_tag
def unchanged_amendments(entry, old_number, new_number):
    """The amendments worked into an unchanged section."""
    return compare_html.unchanged_amendments(entry, old_number, new_number)
