"""The generation of the business data: a value that changes after every committed change to it. A page
part computed from the data is kept in the shared cache (settings.CACHES, the database's) under the current
generation, so it is never older than the last change: nothing is ever deleted, a change makes new keys and
the old ones age out. Which models count as business data is the caller's choice (`watch`)."""

import secrets
import threading
import time

from django.core.cache import cache
from django.db import DatabaseError, transaction
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save

KEY = "data-generation"
SECONDS = 3600  # a ceiling only: any change makes new keys at once
_local = threading.local()  # changes this thread made that other processes cannot see yet


def current() -> str:
    return f"{cache.get_or_set(KEY, 0, None)}.{getattr(_local, 'pending', 0)}"


def _publish() -> None:
    _local.pending = 0
    # The clock and a random part: two machines publishing in the same nanosecond still differ.
    cache.set(KEY, f"{time.time_ns()}-{secrets.token_hex(4)}", None)


def bump() -> None:
    """A new generation for this thread at once, and for everyone once the transaction commits (once per
    transaction, however many rows it changes). Not before the commit: a page computed meanwhile by another
    process would read the data as it was and keep it under the new generation."""
    _local.pending = getattr(_local, "pending", 0) + 1
    connection = transaction.get_connection()
    if connection.in_atomic_block and any(func is _publish for _, func, _ in connection.run_on_commit):
        return
    transaction.on_commit(_publish)


def watch(app_labels: set[str]) -> None:
    """Every save, delete and many-to-many change of a model of these apps makes a new generation; so does
    the end of `migrate`. The models of a data migration (module "__fake__") are left to that: they may run
    before the cache's own table exists."""
    def changed(sender, **kwargs):
        if sender._meta.app_label in app_labels and sender.__module__ != "__fake__":
            bump()

    def migrated(**kwargs):
        try:
            _publish()
        except DatabaseError:  # migrated to a state before the cache's table: nothing is cached yet
            pass

    for signal in (post_save, post_delete, m2m_changed):
        signal.connect(changed, weak=False, dispatch_uid=f"generation-{signal!r}")
    post_migrate.connect(migrated, weak=False, dispatch_uid="generation-migrated")


def cached(key: str, compute):
    """`compute()` once per generation and key."""
    full = f"gen:{current()}:{key}"
    value = cache.get(full)
    if value is None:
        value = compute()
        cache.set(full, value, SECONDS)
    return value
