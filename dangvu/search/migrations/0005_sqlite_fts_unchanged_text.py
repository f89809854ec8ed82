"""SQLite: an entry saved with the same folded text leaves the full-text index alone.

Every save of a record rewrites its entry (search.services.entry_update), and the update trigger deleted and
inserted the entry's text in the FTS5 index each time, although most saves (a progress note, a telephone
number) leave the indexed text as it was; each such write adds to the index's segments until FTS5 merges them.
The trigger now runs only when the folded text changed.
"""

from __future__ import annotations

from typing import Any

from django.db import migrations

TRIGGER = (
    "CREATE TRIGGER search_fts_au AFTER UPDATE OF folded ON search_searchentry {when}BEGIN "
    "INSERT INTO search_fts(search_fts, rowid, folded) VALUES ('delete', old.id, old.folded); "
    "INSERT INTO search_fts(rowid, folded) VALUES (new.id, new.folded); END"
)


def _trigger(when: str) -> Any:
    def run(apps: Any, schema_editor: Any) -> None:
        if schema_editor.connection.vendor == "sqlite":
            schema_editor.execute("DROP TRIGGER IF EXISTS search_fts_au")
            schema_editor.execute(TRIGGER.format(when=when))

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0004_sqlite_narrow_reads")]

    operations = [migrations.RunPython(_trigger("WHEN old.folded IS NOT new.folded "), _trigger(""))]
