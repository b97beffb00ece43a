import io

import pytest
from django.core.management import call_command
from django.db import transaction

from concept.models import ConceptVersion


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The Minden demo, loaded once per test module (loading it and rendering a PDF take
    seconds), inside a transaction rolled back after the module: {number: version}.

    Version 1 is approved and frozen, version 2 is in consultation. Tests that change data
    also request `db`, whose savepoint undoes their changes.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_minden", "--demo", stdout=io.StringIO())
        yield {v.number: v for v in ConceptVersion.objects.select_related("concept")}
        transaction.set_rollback(True)
