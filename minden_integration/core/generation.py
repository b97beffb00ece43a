"""The content generation: one counter that names every cached page, fragment and document.

Why not a fingerprint of `updated_at`: that is Python's clock at save(), not the order in which
transactions commit. A transaction that saved first but commits last would leave a page cached
with the other transaction's change only, under a key that never changes again.

The rule instead:

- every write of ours calls `generation_bump()` (the models' `save()`/`delete()`, the querysets'
  `update()`/`delete()`/`bulk_create()`/`bulk_update()`, relation managers through
  `m2m_changed`); it increments the stored counter *after* the transaction commits
  (`transaction.on_commit`), in its own short autocommit statement;
- every cached read names its entry with `generation_current()`, read *before* the data. A reader
  that saw the old counter may store newer data under the old name, never older data under the
  new one; the bump after commit makes every process read afresh. The counter lives in the
  database, so every process and every cache (per process or shared) agrees;
- inside a transaction that has written and not yet committed, the name also carries the writes
  of that transaction, so the writer reads its own changes and nobody else ever gets them;
- entries live at most `PORTAL_CACHE_SECONDS` (a backstop for writes from outside our code).
"""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import Iterator

from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.models.signals import m2m_changed


def _increment(alias: str) -> None:
    from minden_integration.core.models import ContentGeneration

    ContentGeneration.increment(using=alias)


def _after_commit(alias: str):
    def bump_committed() -> None:
        _increment(alias)

    bump_committed.content_generation = True  # marks the callback for `_has_pending_writes`
    return bump_committed


def _has_pending_writes(connection) -> bool:
    """Whether the open transaction has written through us and not committed yet (Django drops
    the callbacks of rolled-back savepoints from `run_on_commit`)."""
    return connection.in_atomic_block and any(
        getattr(func, "content_generation", False)
        for _sids, func, _robust in connection.run_on_commit
    )


def generation_bump(using: str | None = None) -> None:
    """Call after every write of ours that a page could show."""
    alias = using or DEFAULT_DB_ALIAS
    connection = connections[alias]
    connection.content_writes = getattr(connection, "content_writes", 0) + 1
    connection.content_generation_pinned = None  # a writer reads the counter afresh
    if not connection.in_atomic_block:
        _increment(alias)
        return
    if not _has_pending_writes(connection):
        # Robust: a failed bump is logged, never turned into an error after the commit (the
        # entries' lifetime is the backstop).
        transaction.on_commit(_after_commit(alias), using=alias, robust=True)


def generation_current(using: str | None = None) -> str:
    """The name of the current state of everything we store; one light query."""
    from minden_integration.core.models import ContentGeneration

    alias = using or DEFAULT_DB_ALIAS
    connection = connections[alias]
    value = getattr(connection, "content_generation_pinned", None)
    if value is None:
        value = ContentGeneration.current(using=alias)
    if _has_pending_writes(connection):
        if not hasattr(connection, "content_token"):
            connection.content_token = uuid.uuid4().hex[:12]
        return f"{value}~{connection.content_token}.{connection.content_writes}"
    return str(value)


@contextlib.contextmanager
def generation_pinned(value: str, using: str | None = None) -> Iterator[None]:
    """Within a request that read the counter first (the page cache does), every later read
    gives that value without asking the database again: read before all the request's data, it
    is a name the rule above allows. A write through us ends the pin (`generation_bump`)."""
    connection = connections[using or DEFAULT_DB_ALIAS]
    if "~" in value:  # a transaction's own name is never pinned
        yield
        return
    connection.content_generation_pinned = int(value)
    try:
        yield
    finally:
        connection.content_generation_pinned = None


def _relation_changed(sender, instance, action, using, **kwargs) -> None:
    # Relation managers (add/remove/set/clear, also the admin's many-to-many fields) write the
    # through table without save(): the one write path that needs a signal.
    from minden_integration.core.models import ContentModel

    if action.startswith("post_") and isinstance(instance, ContentModel):
        generation_bump(using)


def relations_connect() -> None:
    m2m_changed.connect(_relation_changed, dispatch_uid="core-generation-relations")
