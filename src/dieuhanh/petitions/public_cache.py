"""The public page's cache version: bumped whenever a petition or an answer changes, so that a cached
page is never older than the last published answer. The cache is the database's (settings.CACHES), shared
by every web process and machine, so one bump reaches them all."""

import time

from django.core.cache import cache
from django.db import transaction

VERSION_KEY = "public-version"
PAGE_SECONDS = 24 * 3600  # a ceiling only: any change makes a new key at once


def published_changed(**kwargs) -> None:
    transaction.on_commit(lambda: cache.set(VERSION_KEY, time.time_ns(), None))
