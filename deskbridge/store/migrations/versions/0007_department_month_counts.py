"""interactions per department per month, kept by the domain for the Coverage chart;
an index for the Coverage tiles' requests per department

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-23
"""

from collections import Counter
from collections.abc import Sequence
from datetime import date

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

interactions = sa.table("interactions", sa.column("id"), sa.column("occurred_on", sa.Date()))
participants = sa.table(
    "interaction_participants", sa.column("interaction_id"), sa.column("contact_id")
)
contacts = sa.table(
    "contacts", sa.column("id"), sa.column("department_id"), sa.column("is_me", sa.Boolean())
)
counts = sa.table(
    "department_month_counts",
    sa.column("department_id"),
    sa.column("month", sa.Date()),
    sa.column("interactions"),
)


def upgrade() -> None:
    # The Coverage chart grouped a year of meetings by their participants' departments on
    # every re-read: 1.4-2.0 s at 1,000,000 interactions. Read from this table it is ~1 ms.
    op.create_table(
        "department_month_counts",
        sa.Column("department_id", sa.Integer(), nullable=False),
        sa.Column("month", sa.Date(), nullable=False),
        sa.Column("interactions", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "interactions > 0", name=op.f("ck_department_month_counts_interactions_positive")
        ),
        sa.ForeignKeyConstraint(
            ["department_id"],
            ["departments.id"],
            name=op.f("fk_department_month_counts_department_id_departments"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("department_id", "month", name=op.f("pk_department_month_counts")),
        sqlite_with_rowid=False,
    )
    # Filled from the log: one grouped pass over every participant. The whole upgrade from
    # 0006 (this and the index below) took 2.9-3.5 s on the scale demo's 1,000,000
    # interactions. Grouped by day, not month, so the SQL is the same on both engines; a few
    # thousand rows fold here.
    # The rule is deskbridge.month_counts': "me" and people without a department count for
    # nobody, and a meeting counts once for each department among its people.
    by_day = (
        sa.select(
            contacts.c.department_id,
            interactions.c.occurred_on,
            sa.func.count(sa.distinct(interactions.c.id)),
        )
        .select_from(interactions)
        .join(participants, participants.c.interaction_id == interactions.c.id)
        .join(contacts, contacts.c.id == participants.c.contact_id)
        .where(contacts.c.is_me == sa.false(), contacts.c.department_id.is_not(None))
        .group_by(contacts.c.department_id, interactions.c.occurred_on)
    )
    months: Counter[tuple[int, date]] = Counter()
    for department_id, occurred_on, count in op.get_bind().execute(by_day):
        day = occurred_on if isinstance(occurred_on, date) else date.fromisoformat(occurred_on)
        months[(department_id, day.replace(day=1))] += count
    if months:
        op.bulk_insert(
            counts,
            [
                {"department_id": d, "month": m, "interactions": n}
                for (d, m), n in sorted(months.items())
            ],
        )
    # The Coverage tiles' open asks and answers to thank per department: with the person
    # asked in the index, each count stops looking up thousands of request rows (~13 ms to
    # ~6 ms each at 30,000 requests).
    op.create_index(
        "ix_input_requests_asked_by_status",
        "input_requests",
        ["status", "thanked_on", "asked_of_id"],
    )
    op.execute("ANALYZE input_requests")


def downgrade() -> None:
    op.drop_index("ix_input_requests_asked_by_status", table_name="input_requests")
    op.drop_table("department_month_counts")
