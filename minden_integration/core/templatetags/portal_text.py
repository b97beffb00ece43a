from django import template

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
