"""Databases beside the test database, for tests whose other side is a separate process (a worker, the
restore command): created on the same server (SQLite: a file), reached by URL with a plain driver."""

import os
import sqlite3

from django.db import connection


def server_url() -> str:
    s = connection.settings_dict
    return f"postgres://{s['USER']}@{s['HOST']}:{s['PORT']}"


def test_database_url() -> str:
    if connection.vendor == "sqlite":
        return f"sqlite:///{connection.settings_dict['NAME']}"  # Django's shared in-memory database, as a URI
    return f"{server_url()}/{connection.settings_dict['NAME']}"


def new_database(tmp_path, name: str, copy: bool = False) -> str:
    """An empty database, or (copy=True) one holding what the test committed; returns its URL."""
    if connection.vendor == "sqlite":
        target = tmp_path / f"{name}.sqlite3"
        if copy:
            connection.ensure_connection()
            with sqlite3.connect(target) as other:
                connection.connection.backup(other)
        return f"sqlite:///{target}"
    import psycopg

    name = f"{name}_{os.getpid()}"
    if copy:
        connection.close()  # PostgreSQL copies a template only while nobody is connected to it
    with psycopg.connect(f"{server_url()}/postgres", autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {name}")
        template = f' TEMPLATE "{connection.settings_dict["NAME"]}"' if copy else ""
        admin.execute(f"CREATE DATABASE {name}{template}")
    return f"{server_url()}/{name}"


def connect(url: str):
    """A plain driver connection (no Django converters), autocommit, the same kind on every side."""
    if url.startswith("sqlite:///"):
        return sqlite3.connect(url.removeprefix("sqlite:///"), uri=True, timeout=10, isolation_level=None)
    import psycopg

    return psycopg.connect(url, autocommit=True)
