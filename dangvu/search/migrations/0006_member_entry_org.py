"""A member's entry holds the member's cell, kept so by the database: the search checks members by it.

Checking that the user may open each matched member read the member's record and then its cell, two index probes
per match: 30 of the 65–72 ms of the ranked read of "nguyen van" (16,437 matched members) as the office on
PostgreSQL. By the entry's own organization, among the visible ones read once, it is 35–43 ms (SQLite 39 → 34;
docs/performance.md, fifteenth run). The search may only rely on that organization if it cannot differ from the
member's cell, whoever writes either table and in whatever order (a queryset update of members, a restore), so
triggers keep them equal:

- a member inserted, or whose cell changes: their entry takes the new cell;
- an entry of a member written (insert, or an update of its record or organization): it takes the member's cell,
  when the member exists (a restore may load entries first; the member's insert then sets it).

The migration also mends the entries of an index written before it.

The content type of members is looked up by name in each trigger: its id differs between databases and does not
exist yet when a new database is migrated.
"""

from __future__ import annotations

from typing import Any

from django.db import migrations

MEMBER_TYPE = "SELECT id FROM django_content_type WHERE app_label = 'organization' AND model = 'member'"
ENTRY_OF_MEMBER = f"content_type_id = ({MEMBER_TYPE}) AND object_id = NEW.id"

POSTGRESQL_UP = [
    f"""CREATE FUNCTION search_member_entry_org() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE search_searchentry SET org_id = NEW.cell_id
     WHERE {ENTRY_OF_MEMBER} AND org_id IS DISTINCT FROM NEW.cell_id;
    RETURN NULL;
END $$""",
    "CREATE TRIGGER search_member_entry_org AFTER INSERT OR UPDATE OF cell_id ON organization_member "
    "FOR EACH ROW EXECUTE FUNCTION search_member_entry_org()",
    """CREATE FUNCTION search_entry_member_org() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    cell organization_member.cell_id%TYPE;
BEGIN
    IF EXISTS (SELECT 1 FROM django_content_type
                WHERE id = NEW.content_type_id AND app_label = 'organization' AND model = 'member') THEN
        SELECT cell_id INTO cell FROM organization_member WHERE id = NEW.object_id;
        IF FOUND THEN
            NEW.org_id := cell;
        END IF;
    END IF;
    RETURN NEW;
END $$""",
    "CREATE TRIGGER search_entry_member_org BEFORE INSERT OR UPDATE OF content_type_id, object_id, org_id "
    "ON search_searchentry FOR EACH ROW EXECUTE FUNCTION search_entry_member_org()",
    # An index written before these triggers: the entries of members that moved without their entry.
    f"UPDATE search_searchentry SET org_id = m.cell_id FROM organization_member m "
    f"WHERE content_type_id = ({MEMBER_TYPE}) AND object_id = m.id AND org_id IS DISTINCT FROM m.cell_id",
]
POSTGRESQL_DOWN = [
    "DROP TRIGGER IF EXISTS search_entry_member_org ON search_searchentry",
    "DROP FUNCTION IF EXISTS search_entry_member_org()",
    "DROP TRIGGER IF EXISTS search_member_entry_org ON organization_member",
    "DROP FUNCTION IF EXISTS search_member_entry_org()",
]

# SQLite: no procedures, and a trigger cannot change NEW; an AFTER trigger updates the row instead. Its own update
# does not fire it again (recursive triggers are off), and the WHEN clause finds nothing to mend the second time.
MEMBER_MOVED = (
    f"UPDATE search_searchentry SET org_id = NEW.cell_id WHERE {ENTRY_OF_MEMBER} AND org_id IS NOT NEW.cell_id"
)
ENTRY_WRONG = (
    f"NEW.content_type_id = ({MEMBER_TYPE}) AND EXISTS "
    "(SELECT 1 FROM organization_member WHERE id = NEW.object_id AND cell_id IS NOT NEW.org_id)"
)
ENTRY_MENDED = (
    "UPDATE search_searchentry SET org_id = (SELECT cell_id FROM organization_member WHERE id = NEW.object_id) "
    "WHERE id = NEW.id"
)
SQLITE_UP = [
    f"CREATE TRIGGER search_member_entry_org_ai AFTER INSERT ON organization_member BEGIN {MEMBER_MOVED}; END",
    f"CREATE TRIGGER search_member_entry_org_au AFTER UPDATE OF cell_id ON organization_member "
    f"BEGIN {MEMBER_MOVED}; END",
    f"CREATE TRIGGER search_entry_member_org_ai AFTER INSERT ON search_searchentry WHEN {ENTRY_WRONG} "
    f"BEGIN {ENTRY_MENDED}; END",
    f"CREATE TRIGGER search_entry_member_org_au AFTER UPDATE OF content_type_id, object_id, org_id "
    f"ON search_searchentry WHEN {ENTRY_WRONG} BEGIN {ENTRY_MENDED}; END",
    f"UPDATE search_searchentry SET org_id = (SELECT cell_id FROM organization_member WHERE id = object_id) "
    f"WHERE {ENTRY_WRONG.replace('NEW.', 'search_searchentry.')}",
]
SQLITE_DOWN = [
    f"DROP TRIGGER IF EXISTS {name}"
    for name in (
        "search_entry_member_org_au",
        "search_entry_member_org_ai",
        "search_member_entry_org_au",
        "search_member_entry_org_ai",
    )
]


def _run(postgresql: list[str], sqlite: list[str]) -> Any:
    def run(apps: Any, schema_editor: Any) -> None:
        for sql in postgresql if schema_editor.connection.vendor == "postgresql" else sqlite:
            schema_editor.execute(sql, None)  # None: no parameters, so "%TYPE" is not read as one

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0005_sqlite_fts_unchanged_text"),
        ("organization", "0003_partyorg_name_folded"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(_run(POSTGRESQL_UP, SQLITE_UP), _run(POSTGRESQL_DOWN, SQLITE_DOWN))]
