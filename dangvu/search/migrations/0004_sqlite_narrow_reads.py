"""SQLite: the search's ranked read and its member visibility check from narrow indexes, not the wide rows.

"nguyen van" matches 16,981 entries on the province demo. Ranking them read every matched entry's row (with
its folded and exact texts) and, to check that a member is visible, every matched member's row (about 55
columns); with a matched member every twelfth, that is most of the pages of both. From an index holding only
what the read needs, the ranked read of the page as the office took 66 → 46 ms on SQLite (docs/performance.md,
twelfth run).

SQLite's planner does not choose an index on (id, …) over a lookup by rowid unless it knows that one id
gives one index entry; without statistics it assumes ten. An application may write sqlite_stat1 itself
(https://sqlite.org/optoverview.html, "Manual Control Of Query Plans Using SQLITE_STAT Tables"): a row for
each of the two indexes says one entry per id. The table size in them, 1,048,576 rows, is what SQLite
assumes for a table without statistics, so no other query's plan changes (the 147 SELECTs of bench/load.py's
pages compared: only the search's did). A later ANALYZE replaces the rows with measured ones, which say the
same of an id. PostgreSQL reads the members' (id, cell) index alone already (an index-only scan), and
matches entries with a GIN index, which a narrow B-tree would not serve.
"""

from __future__ import annotations

from typing import Any

from django.db import migrations

DEFAULT_ROWS = 1_048_576  # SQLite's estimate for a table without statistics
RANK_COLUMNS = ("id", "archived", "kind", "content_type_id", "object_id", "org_id", "date", "title_folded")
NARROW = {  # index: (table, its columns)
    "search_entry_rank_idx": ("search_searchentry", RANK_COLUMNS),
    "member_id_cell_idx": ("organization_member", ("id", "cell_id")),  # organization.0002
}
NAMES = ", ".join(f"'{index}'" for index in NARROW)
SQLITE_UP = [
    f"CREATE INDEX search_entry_rank_idx ON search_searchentry ({', '.join(RANK_COLUMNS)})",
    "ANALYZE sqlite_schema",  # creates sqlite_stat1 if it is missing; no table of ours is analyzed
    f"DELETE FROM sqlite_stat1 WHERE idx IN ({NAMES})",
    *(
        f"INSERT INTO sqlite_stat1 (tbl, idx, stat)"
        f" VALUES ('{table}', '{index}', '{DEFAULT_ROWS}{' 1' * len(columns)}')"
        for index, (table, columns) in NARROW.items()
    ),
    "ANALYZE sqlite_schema",  # the open connection reads the statistics again (new ones read them at start)
]
SQLITE_DOWN = [f"DELETE FROM sqlite_stat1 WHERE idx IN ({NAMES})", "DROP INDEX IF EXISTS search_entry_rank_idx"]


def _run(statements: list[str]) -> Any:
    def run(apps: Any, schema_editor: Any) -> None:
        if schema_editor.connection.vendor == "sqlite":
            for sql in statements:
                schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0003_stored_tsvector"), ("organization", "0002_member_id_cell_index")]

    operations = [migrations.RunPython(_run(SQLITE_UP), _run(SQLITE_DOWN))]
