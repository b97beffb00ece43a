from django import template
from django.utils.html import format_html

from minden_integration.core.text import highlight as highlight_text
from minden_integration.core.text import markdown_to_text, render_markdown

register = template.Library()


@register.filter
def markdown(text):
    return render_markdown(text)


@register.filter
def plain_text(text):
    """A Markdown text as a plain snippet, e.g. in a list beside others."""
    return markdown_to_text(text)


@register.filter
def highlight(text, terms):
    return highlight_text(text, terms or [])


@register.filter
def isolated(value):
    """`value` in <bdi>: a number, date or German term inside a translated sentence keeps its
    own direction on a right-to-left page and does not reorder the words around it."""
    return format_html("<bdi>{}</bdi>", value)
