"""Cached pages stay right under overlapping transactions and several processes.

The content generation (minden_integration.core.generation) is renewed after every committed
write of ours and read before the data, so no page part is ever kept under a name that a later
commit does not change.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from django.apps import apps
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from concept.models import is_derived
from concept.services import version_create, version_transition
from measures.models import Measure
from measures.services import measure_cite
from minden_integration.core.generation import generation_bump, generation_current
from minden_integration.core.models import ContentModel, ContentQuerySet
from tests.concept.conftest import in_four_weeks
from tests.factories import ConceptFactory, MeasureFactory, SectionFactory, WorkingGroupFactory

TIMEOUT = 15
OUR_APPS = ("concept", "workgroups", "measures", "site", "oparl", "core")


def published_version_with_measures():
    concept = ConceptFactory(slug="minden")
    group = WorkingGroupFactory(concept=concept, slug="bildung")
    version = version_create(concept=concept, title="Entwurf")
    section = SectionFactory(version=version, position=1, number="1", key="kapitel-1")
    measures = {
        number: MeasureFactory(
            concept=concept, working_group=group, number=number, title=f"Alt {number}"
        )
        for number in (2, 3)
    }
    for measure in measures.values():
        measure_cite(measure=measure, sections=[section])
    version_transition(version=version, to="consultation", consultation_ends_at=in_four_weeks())
    pages = [f"/konzept/v{version.number}/", f"/arbeitsgruppen/{group.slug}/"]
    return measures, pages


def rename(pk: int, title: str) -> None:
    measure = Measure.objects.get(pk=pk)
    measure.title = title
    measure.save()


class OpenTransaction(threading.Thread):
    """Saves in its own connection's transaction and commits only when told to."""

    def __init__(self, work):
        super().__init__(daemon=True)
        self.work = work
        self.written = threading.Event()
        self.commit = threading.Event()
        self.error: BaseException | None = None

    def run(self):
        try:
            with transaction.atomic():
                self.work()
                self.written.set()
                assert self.commit.wait(TIMEOUT), "never told to commit"
        except BaseException as exc:
            self.error = exc
            self.written.set()
        finally:
            connection.close()


@pytest.mark.django_db(transaction=True)
def test_a_transaction_that_commits_last_is_not_hidden_by_one_that_committed_first(client):
    """T1 saves measure 2 and stays open; T2 saves measure 3 and commits; the pages are read
    and cached; T1 commits. Every page read afterwards shows both changes."""
    measures, pages = published_version_with_measures()
    for page in pages:
        assert "Alt 2" in client.get(page).content.decode()

    first = OpenTransaction(lambda: rename(measures[2].pk, "Neu 2"))
    first.start()
    assert first.written.wait(TIMEOUT) and first.error is None
    rename(measures[3].pk, "Neu 3")  # T2: this connection, autocommit

    for page in pages:
        content = client.get(page).content.decode()
        assert "Neu 3" in content and "Alt 2" in content and "Neu 2" not in content

    first.commit.set()
    first.join(TIMEOUT)
    assert not first.is_alive() and first.error is None

    for page in pages:
        for _read in range(3):
            content = client.get(page).content.decode()
            assert "Neu 2" in content and "Neu 3" in content, page


@pytest.mark.django_db(transaction=True)
def test_a_write_through_update_is_seen_at_once(client):
    measures, pages = published_version_with_measures()
    for page in pages:
        assert "Alt 2" in client.get(page).content.decode()

    Measure.objects.filter(pk=measures[2].pk).update(title="Über update()")

    for page in pages:
        assert "Über update()" in client.get(page).content.decode(), page


class Reader:
    """A second portal process with its own per-process cache."""

    def __init__(self):
        settings = connection.settings_dict
        url = (
            f"postgres://{settings['USER']}@{settings['HOST'] or '127.0.0.1'}:"
            f"{settings['PORT'] or 5432}/{settings['NAME']}"
        )
        root = Path(__file__).resolve().parents[2]
        self.process = subprocess.Popen(
            [sys.executable, str(Path(__file__).with_name("cache_reader.py"))],
            cwd=root,
            env={**os.environ, "DATABASE_URL": url, "PYTHONPATH": str(root)},
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert json.loads(self.process.stdout.readline()) == {"ready": True}

    def get(self, path: str) -> dict:
        self.process.stdin.write(path + "\n")
        self.process.stdin.flush()
        return json.loads(self.process.stdout.readline())

    def close(self):
        self.process.stdin.close()
        self.process.wait(TIMEOUT)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="two processes on one database")
@pytest.mark.django_db(transaction=True)
def test_two_processes_with_their_own_caches_both_see_a_write_at_once(client):
    measures, pages = published_version_with_measures()
    reader = Reader()
    try:
        for page in pages:
            cold, warm = reader.get(page), reader.get(page)
            assert cold["status"] == warm["status"] == 200
            assert "Alt 2" in warm["body"]
            assert warm["queries"] < cold["queries"], "the second process serves from its cache"
            with CaptureQueriesContext(connection) as cold_here:
                client.get(page)
            with CaptureQueriesContext(connection) as warm_here:
                assert "Alt 2" in client.get(page).content.decode()
            assert len(warm_here) < len(cold_here), "this process serves from its cache"

        rename(measures[2].pk, "Neu aus Prozess 1")
        for page in pages:
            assert "Neu aus Prozess 1" in client.get(page).content.decode(), page
            assert "Neu aus Prozess 1" in reader.get(page)["body"], page

        Measure.objects.filter(pk=measures[3].pk).update(title="Neu über update()")
        for page in pages:
            assert "Neu über update()" in client.get(page).content.decode(), page
            assert "Neu über update()" in reader.get(page)["body"], page
    finally:
        reader.close()


@pytest.mark.django_db(transaction=True)
def test_the_generation_moves_only_when_a_write_commits():
    start = generation_current()
    with transaction.atomic():
        generation_bump()
        inside = generation_current()
        assert inside != start, "the writer reads its own changes under a name of its own"
        assert inside.startswith(start + "~")
    after = generation_current()
    assert after == str(int(start) + 1)

    try:
        with transaction.atomic():
            generation_bump()
            raise RuntimeError
    except RuntimeError:
        pass
    assert generation_current() == after, "a rolled-back write leaves the generation alone"


@pytest.mark.django_db(transaction=True)
def test_a_rolled_back_savepoint_leaves_no_pending_write():
    start = generation_current()
    with transaction.atomic():
        try:
            with transaction.atomic():
                generation_bump()
                raise RuntimeError
        except RuntimeError:
            pass
        assert generation_current() == start
    assert generation_current() == start


def test_every_model_of_ours_renews_the_generation_on_every_write_path():
    """A model outside ContentModel, or a manager whose queryset is not a ContentQuerySet,
    would write without renewing the cached pages."""
    ours = [
        model
        for model in apps.get_models()
        if model._meta.app_label in OUR_APPS and not model.__name__.startswith("Historical")
    ]
    assert len(ours) > 15
    for model in ours:
        # The counter itself, and the rate limits' counts that no page shows (a visitor's
        # request must not renew every cached page), and the live files rendered for a
        # generation (a cache: storing one must not make every page and file stale).
        if model._meta.label in {
            "core.ContentGeneration",
            "core.RateCounter",
            "concept.RenderedFile",
        }:
            continue
        # Rows derived from content (renderings, stored comparisons, live documents, the
        # sections' search data): written from rows whose own writes renew, filled in by
        # readers, who must not renew every cached page by doing so.
        if is_derived(model):
            continue
        assert issubclass(model, ContentModel), model
        for manager in model._meta.managers:
            assert isinstance(manager.get_queryset(), ContentQuerySet), (model, manager.name)


@pytest.mark.django_db(transaction=True)
def test_a_pinned_generation_is_read_once_and_a_write_ends_the_pin():
    from minden_integration.core.generation import generation_pinned

    first = generation_current()
    with generation_pinned(first):
        with CaptureQueriesContext(connection) as ctx:
            assert generation_current() == first
        assert ctx.captured_queries == []
        ConceptFactory()  # commits in autocommit: the counter moves and the pin ends
        assert generation_current() != first
    assert int(generation_current()) > int(first)
