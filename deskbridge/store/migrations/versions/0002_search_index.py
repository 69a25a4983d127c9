"""full-text search index (SQLite FTS5)

One FTS5 table per kind of thing, so a common prefix never ranks a million meeting notes
when the user is looking for a colleague. Each row's rowid is the thing's id. A view per
kind says what is indexed; triggers keep the index current on every write.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# kind -> (base table, SQL for title, SQL for body, columns whose update re-indexes the row);
# ``t`` is the base table's row. Listing the columns keeps maintained fields (a contact's
# next touch date, say) from re-indexing text that did not change.
SIMPLE_SOURCES = {
    "departments": ("departments", "t.name", "t.notes", "name, notes"),
    "interactions": (
        "interactions",
        "t.summary",
        "t.notes || ' ' || t.outcome",
        "summary, notes, outcome",
    ),
    "requests": (
        "input_requests",
        "t.topic",
        "t.question || ' ' || t.answer_summary || ' ' || t.thanks_note",
        "topic, question, answer_summary, thanks_note",
    ),
    "goals": (
        "shared_goals",
        "t.title",
        "t.description || ' ' || t.metric_name || ' ' || t.metric_unit",
        "title, description, metric_name, metric_unit",
    ),
    "projects": ("projects", "t.name", "t.purpose", "name, purpose"),
    "tasks": ("tasks", "t.title", "t.notes", "title, notes"),
}

CONTACT_BODY = (
    "t.role || ' ' || t.strengths || ' ' || t.location || ' ' || t.notes || ' ' || "
    "coalesce((SELECT group_concat(e.address, ' ') FROM contact_emails e "
    "WHERE e.contact_id = t.id), '') || ' ' || "
    "coalesce((SELECT group_concat(g.name, ' ') FROM contact_tags g "
    "WHERE g.contact_id = t.id), '')"
)


# The meeting log is by far the largest index. Searches are AND-ed word prefixes, never
# phrases, so it keeps no word positions: a third less to write, the same answers.
DETAIL = {"interactions": ", detail = column"}


def _create_index(kind: str, table: str, title: str, body: str) -> None:
    op.execute(
        f"CREATE VIRTUAL TABLE search_{kind} USING fts5("
        "title, body, tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3'"
        f"{DETAIL.get(kind, '')})"
    )
    op.execute(
        f"CREATE VIEW search_{kind}_source AS "
        f"SELECT t.id AS id, {title} AS title, {body} AS body FROM {table} t"
    )
    # Rows written before this revision are indexed too.
    op.execute(
        f"INSERT INTO search_{kind}(rowid, title, body) "
        f"SELECT id, title, body FROM search_{kind}_source"
    )


def _refresh_sql(kind: str, id_expr: str) -> str:
    return (
        f"DELETE FROM search_{kind} WHERE rowid = {id_expr}; "
        f"INSERT INTO search_{kind}(rowid, title, body) "
        f"SELECT id, title, body FROM search_{kind}_source WHERE id = {id_expr};"
    )


CONTACT_COLUMNS = "full_name, role, strengths, location, notes"


def _keep_current(kind: str, table: str, columns: str) -> None:
    op.execute(
        f"CREATE TRIGGER search_{kind}_ai AFTER INSERT ON {table} BEGIN "
        f"{_refresh_sql(kind, 'NEW.id')} END"
    )
    op.execute(
        f"CREATE TRIGGER search_{kind}_au AFTER UPDATE OF {columns} ON {table} BEGIN "
        f"{_refresh_sql(kind, 'NEW.id')} END"
    )
    op.execute(
        f"CREATE TRIGGER search_{kind}_ad AFTER DELETE ON {table} BEGIN "
        f"DELETE FROM search_{kind} WHERE rowid = OLD.id; END"
    )


def _keep_contacts_current_for(child: str) -> None:
    for event, row in (("INSERT", "NEW"), ("DELETE", "OLD")):
        op.execute(
            f"CREATE TRIGGER search_contacts_{child}_{event.lower()} AFTER {event} ON {child} "
            f"BEGIN {_refresh_sql('contacts', f'{row}.contact_id')} END"
        )
    op.execute(
        f"CREATE TRIGGER search_contacts_{child}_update AFTER UPDATE ON {child} BEGIN "
        f"{_refresh_sql('contacts', 'OLD.contact_id')} "
        f"{_refresh_sql('contacts', 'NEW.contact_id')} END"
    )


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return  # other engines search their tables directly
    for kind, (table, title, body, columns) in SIMPLE_SOURCES.items():
        _create_index(kind, table, title, body)
        _keep_current(kind, table, columns)
    _create_index("contacts", "contacts", "t.full_name", CONTACT_BODY)
    _keep_current("contacts", "contacts", CONTACT_COLUMNS)
    _keep_contacts_current_for("contact_emails")
    _keep_contacts_current_for("contact_tags")


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for child in ("contact_emails", "contact_tags"):
        for event in ("insert", "update", "delete"):
            op.execute(f"DROP TRIGGER search_contacts_{child}_{event}")
    for kind in (*SIMPLE_SOURCES, "contacts"):
        for suffix in ("ai", "au", "ad"):
            op.execute(f"DROP TRIGGER search_{kind}_{suffix}")
        op.execute(f"DROP VIEW search_{kind}_source")
        op.execute(f"DROP TABLE search_{kind}")
