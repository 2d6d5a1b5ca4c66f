"""On PostgreSQL, a trigram index makes the diacritic-free search (`search_text LIKE '%…%'`)
an index scan. SQLite has no such index; the search stays correct, only slower."""

from django.db import migrations

INDEXES = [
    ("tasks_task", "task_search_trgm"),
    ("documents_document", "document_search_trgm"),
]


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for table, name in INDEXES:
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {table} USING gin (search_text gin_trgm_ops)")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for _table, name in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("tasks", "0001_initial"), ("documents", "0001_initial")]
    operations = [migrations.RunPython(create, drop)]
