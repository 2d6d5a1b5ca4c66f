"""Tasks searchable by their document's symbol and number: the search text of each task with a document gains
the symbol, as `services._search_text` now writes it."""

from django.db import migrations

from dieuhanh.core.text import fold


def add_symbols(apps, schema_editor):
    Task = apps.get_model("tasks", "Task")
    batch = []
    for task in Task.objects.exclude(document=None).select_related("document").only("search_text",
                                                                                     "document__symbol").iterator(2000):
        symbol = fold(task.document.symbol)
        if symbol and symbol not in task.search_text:
            task.search_text = f"{task.search_text} {symbol}"
            batch.append(task)
        if len(batch) >= 2000:
            Task.objects.bulk_update(batch, ["search_text"])
            batch.clear()
    Task.objects.bulk_update(batch, ["search_text"])


class Migration(migrations.Migration):
    dependencies = [("tasks", "0010_lead_returned")]
    operations = [migrations.RunPython(add_symbols, migrations.RunPython.noop)]
