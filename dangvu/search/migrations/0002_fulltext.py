"""The full-text index of SearchEntry.folded, built differently on each database.

SQLite: an FTS5 table with external content (the entry table), kept in step by triggers, so that every
insert, update and delete of an entry (bulk ones included) updates the index in the same transaction.
PostgreSQL: a GIN index on to_tsvector('simple', folded), and pg_trgm with a trigram index on the folded
titles for near-miss spellings. The folding itself is done in Python (lib.vn_text.fold) before the text is
stored, the same for both databases; that is why unaccent is not needed.
"""

from __future__ import annotations

from typing import Any

from django.db import migrations

SQLITE_UP = [
    "CREATE VIRTUAL TABLE search_fts USING fts5("
    "folded, content='search_searchentry', content_rowid='id', tokenize='unicode61 remove_diacritics 0')",
    "CREATE TRIGGER search_fts_ai AFTER INSERT ON search_searchentry BEGIN "
    "INSERT INTO search_fts(rowid, folded) VALUES (new.id, new.folded); END",
    "CREATE TRIGGER search_fts_ad AFTER DELETE ON search_searchentry BEGIN "
    "INSERT INTO search_fts(search_fts, rowid, folded) VALUES ('delete', old.id, old.folded); END",
    "CREATE TRIGGER search_fts_au AFTER UPDATE OF folded ON search_searchentry BEGIN "
    "INSERT INTO search_fts(search_fts, rowid, folded) VALUES ('delete', old.id, old.folded); "
    "INSERT INTO search_fts(rowid, folded) VALUES (new.id, new.folded); END",
]
SQLITE_DOWN = [
    "DROP TRIGGER IF EXISTS search_fts_au",
    "DROP TRIGGER IF EXISTS search_fts_ad",
    "DROP TRIGGER IF EXISTS search_fts_ai",
    "DROP TABLE IF EXISTS search_fts",
]
POSTGRES_UP = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX search_entry_fts ON search_searchentry USING gin (to_tsvector('simple'::regconfig, folded))",
    "CREATE INDEX search_entry_trgm ON search_searchentry USING gin (title_folded gin_trgm_ops)",
]
POSTGRES_DOWN = ["DROP INDEX IF EXISTS search_entry_trgm", "DROP INDEX IF EXISTS search_entry_fts"]


def _run(statements: dict[str, list[str]]) -> Any:
    def run(apps: Any, schema_editor: Any) -> None:
        for sql in statements.get(schema_editor.connection.vendor, []):
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_UP, "postgresql": POSTGRES_UP}),
            _run({"sqlite": SQLITE_DOWN, "postgresql": POSTGRES_DOWN}),
        )
    ]
