"""The diacritic-free search's index on the embedded database (issue 17): an FTS5 table with the trigram
tokenizer beside each folded column a model lists in its `FULLTEXT`, kept by triggers, so that
`search_text LIKE '%word%'` becomes an index look-up on SQLite as the pg_trgm index makes it on PostgreSQL.

Made after every `migrate` rather than in a migration: Django rebuilds an SQLite table to alter it (a new
table copied, the old one dropped), which drops its triggers, so the index is checked and mended each time.
Trigrams need three characters: shorter words stay a LIKE filter on the rows the index found."""

from django.apps import apps
from django.db import connections
from django.db.models import Value
from django.db.models.expressions import RawSQL
from django.db.models.functions import StrIndex

from .text import fold

MIN_CHARS = 3


def _words(text: str | None) -> list[str]:
    """The words a search looks for: at most 8, of the first 200 characters, folded."""
    return fold(text)[:200].split()[:8]


def index_name(table: str, column: str) -> str:
    return f"{table}_{column}_fts"


def _statements(table: str, column: str) -> dict[str, str]:
    fts = index_name(table, column)
    remove = f"INSERT INTO {fts}({fts}, rowid, {column}) VALUES ('delete', old.id, old.{column});"
    add = f"INSERT INTO {fts}(rowid, {column}) VALUES (new.id, new.{column});"
    return {
        fts: f"CREATE VIRTUAL TABLE {fts} USING fts5({column}, content='{table}', content_rowid='id', "
             "tokenize='trigram')",
        f"{fts}_ai": f"CREATE TRIGGER {fts}_ai AFTER INSERT ON {table} BEGIN {add} END",
        f"{fts}_ad": f"CREATE TRIGGER {fts}_ad AFTER DELETE ON {table} BEGIN {remove} END",
        f"{fts}_au": f"CREATE TRIGGER {fts}_au AFTER UPDATE OF {column} ON {table} BEGIN {remove} {add} END",
    }


def indexed_columns():
    """(table, column) of every installed model's FULLTEXT columns."""
    for model in apps.get_models():
        for column in getattr(model, "FULLTEXT", ()):
            yield model._meta.db_table, column


def ensure(using: str = "default", **_signal) -> list[str]:
    """Create what is missing of each index on an SQLite database and rebuild an index whose triggers were
    missing (its rows may be stale); the names made. Nothing to do on PostgreSQL (pg_trgm, a migration)."""
    connection = connections[using]
    if connection.vendor != "sqlite":
        return []
    made = []
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'trigger')")
        present = {name for (name,) in cursor.fetchall()}
        for table, column in indexed_columns():
            if table not in present:
                continue
            missing = {name: sql for name, sql in _statements(table, column).items() if name not in present}
            for name, sql in missing.items():
                cursor.execute(sql)
                made.append(name)
            if missing:
                fts = index_name(table, column)
                cursor.execute(f"INSERT INTO {fts}({fts}) VALUES ('rebuild')")
    return made


def matching_words(queryset, text: str | None, field: str = "search_text"):
    """Rows whose folded `field` holds every word typed, diacritics ignored ("ban to chuc" finds "Ban Tổ
    chức"); at most 8 words of the first 200 characters. Through the trigram index on SQLite for the words it
    can look up, a LIKE filter for the rest (and everywhere on PostgreSQL, where pg_trgm serves it)."""
    words = _words(text)
    model = queryset.model
    if connections[queryset.db].vendor == "sqlite" and field in getattr(model, "FULLTEXT", ()):
        looked_up = [w for w in words if len(w) >= MIN_CHARS]
        if looked_up:
            fts = index_name(model._meta.db_table, field)
            # Each word a quoted phrase: a substring of the column, whatever punctuation it holds ("45-tb/tu").
            match = " ".join('"' + w.replace('"', '""') + '"' for w in looked_up)
            queryset = queryset.filter(pk__in=RawSQL(f"SELECT rowid FROM {fts} WHERE {fts} MATCH %s", [match]))
            words = [w for w in words if len(w) < MIN_CHARS]
    for word in words:
        queryset = queryset.filter(**{f"{field}__contains": word})
    return queryset


WINDOW = 2000  # the newest rows of a table a search box reads first


def newest_matching(queryset, text: str | None, order: tuple[str, str], limit: int,
                    field: str = "search_text", window: int = WINDOW) -> list:
    """The `limit` newest rows of `queryset` holding every word (order: ("-<date>", "-id")), at a cost that does
    not grow with the table when the words are common.

    The index of words finds every match and the database then sorts them all: for a common phrase ("ngân
    sách", one task in eighteen) that is 55,000 rows at 10⁶ tasks. So the newest `window` rows of the whole
    table (from the ordered date index: all rows on or after the window's oldest day) are searched first with
    a plain substring test that the index cannot serve; if they hold `limit` matches those are the newest
    ones, since every other row is older. Otherwise — a rare phrase, or a user who sees little of the table —
    the index search runs, and then it has few rows to sort."""
    words = _words(text)
    date = order[0].lstrip("-")
    oldest = list(queryset.model._default_manager.order_by(order[0]).values_list(date, flat=True)[window:window + 1])
    if oldest:
        recent = queryset.filter(**{f"{date}__gte": oldest[0]})
        for i, word in enumerate(words):
            recent = recent.alias(**{f"_at{i}": StrIndex(field, Value(word))}).filter(**{f"_at{i}__gt": 0})
        rows = list(recent.order_by(*order)[:limit])
        if len(rows) == limit:
            return rows
    return list(matching_words(queryset, text, field).order_by(*order)[:limit])
