"""What several of concept's admin modules share: the notice on text that can no longer
change, and the page of the workflow steps."""

from __future__ import annotations

from django.utils.translation import gettext

from concept.models import ConceptVersion

# The page of every workflow step beside a change form (a move, a decision, working in).
WORKFLOW_TEMPLATE = "admin/concept/workflow_form.html"


def locked_message(version: ConceptVersion) -> str:
    """Why the version's text and sections can no longer be changed here."""
    if version.is_frozen:
        return gettext(
            "Version %(number)s ist eingefroren; ihr Text und ihre Abschnitte können nicht "
            "mehr geändert werden."
        ) % {"number": version.number}
    return gettext(
        "Version %(number)s ist kein Entwurf mehr; ihr Text und ihre Abschnitte können nicht "
        "mehr geändert werden."
    ) % {"number": version.number}


# A change form of text that can no longer change: shown, not saved.
LOCKED_CONTEXT = {
    "show_save": False,
    "show_save_and_continue": False,
    "show_save_and_add_another": False,
}
