"""indexes the weekly review and Today read their lists and counts from

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-23
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Answers not yet thanked for: no index held thanked_on, so Today and the review looked
    # up and sorted every answered request of the scale demo (~20 ms and ~11 ms); from this
    # index the oldest come first and the count is read from it alone.
    op.create_index(
        "ix_input_requests_unthanked",
        "input_requests",
        ["status", "thanked_on", "answered_on", "id"],
    )
    # Contacts going stale before next Sunday, in the order they turn: no index led with
    # the stale day, so the review sorted a skip-scan of the reminders index (~7 ms at
    # 100,000 contacts); here they are counted and listed from one range.
    op.create_index(
        "ix_contacts_stale_after_on",
        "contacts",
        ["archived", "is_me", "stale_after_on", "full_name", "snoozed_until"],
    )
    # A project is quiet when no task of it was created or completed lately: the review
    # read every task of every active project for the latest of those days (~6,000 rows,
    # 5-13 ms at the scale demo); with these each latest day is one index lookup.
    op.create_index("ix_tasks_project_created", "tasks", ["project_id", "created_at"])
    op.create_index("ix_tasks_project_completed", "tasks", ["project_id", "completed_at"])
    # Statistics for the new indexes beside the old ones' (as 0004): with none, SQLite's
    # guess took the thanks index for open requests too and sorted all of them.
    op.execute("ANALYZE input_requests")
    op.execute("ANALYZE contacts")
    op.execute("ANALYZE tasks")


def downgrade() -> None:
    op.drop_index("ix_tasks_project_completed", table_name="tasks")
    op.drop_index("ix_tasks_project_created", table_name="tasks")
    op.drop_index("ix_contacts_stale_after_on", table_name="contacts")
    op.drop_index("ix_input_requests_unthanked", table_name="input_requests")
