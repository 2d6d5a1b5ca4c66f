"""Petitions recorded before the workflow get a tracking code and their province; on PostgreSQL the
diacritic-free search of petitions and meetings uses trigram indexes (as tasks do, tasks 0002)."""

import secrets

from django.db import migrations

ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
INDEXES = [("petitions_petition", "petition_search_trgm"), ("meetings_meeting", "meeting_search_trgm")]


def fill(apps, schema_editor):
    Petition = apps.get_model("petitions", "Petition")
    for petition in Petition.objects.filter(code=None).select_related("responsible_unit"):
        petition.code = "KN-" + "".join(secrets.choice(ALPHABET) for _ in range(8))
        if petition.responsible_unit_id:
            petition.tree_id = petition.responsible_unit.root_id
        petition.save(update_fields=["code", "tree"])
    if schema_editor.connection.vendor == "postgresql":
        for table, name in INDEXES:
            schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {table} USING gin (search_text gin_trgm_ops)")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for _table, name in INDEXES:
            schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("petitions", "0002_workflow"), ("meetings", "0001_initial"), ("tasks", "0002_trigram_search")]
    operations = [migrations.RunPython(fill, drop)]
