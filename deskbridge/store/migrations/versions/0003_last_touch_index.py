"""indexes for listing contacts by last and next touch, ties broken by name

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Name and id at the end: a page of the contacts table ordered by either date is read
    # straight off the index, ties included, with no sort.
    op.drop_index("ix_contacts_next_touch_on", table_name="contacts")
    op.create_index(
        "ix_contacts_next_touch_on",
        "contacts",
        ["archived", "next_touch_on", "full_name", "id"],
        unique=False,
    )
    op.create_index(
        "ix_contacts_last_touch_on",
        "contacts",
        ["archived", "last_touch_on", "full_name", "id"],
        unique=False,
    )


def downgrade() -> None:
    op.drop_index("ix_contacts_last_touch_on", table_name="contacts")
    op.drop_index("ix_contacts_next_touch_on", table_name="contacts")
    op.create_index(
        "ix_contacts_next_touch_on", "contacts", ["archived", "next_touch_on"], unique=False
    )
