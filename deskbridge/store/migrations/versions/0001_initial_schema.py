"""initial schema

Revision ID: 0001
Revises:
Create Date: 2026-11-23 07:20:01.133270
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "departments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("colour", sa.String(length=7), nullable=False),
        sa.Column("cadence_days", sa.Integer(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.CheckConstraint(
            "cadence_days IS NULL OR cadence_days > 0", name=op.f("ck_departments_cadence_positive")
        ),
        sa.CheckConstraint("length(colour) = 7", name=op.f("ck_departments_colour_hex")),
        sa.CheckConstraint("length(trim(name)) > 0", name=op.f("ck_departments_name_not_blank")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_departments")),
        sa.UniqueConstraint("name", name=op.f("uq_departments_name")),
    )
    op.create_table(
        "projects",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("purpose", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=True),
        sa.Column("ends_on", sa.Date(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "(status = 'proposed' OR status = 'active' OR status = 'on_hold' OR status = 'done' OR status = 'cancelled')",
            name=op.f("ck_projects_status_known"),
        ),
        sa.CheckConstraint(
            "ends_on IS NULL OR starts_on IS NULL OR ends_on >= starts_on",
            name=op.f("ck_projects_dates_ordered"),
        ),
        sa.CheckConstraint("length(trim(name)) > 0", name=op.f("ck_projects_name_not_blank")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_projects")),
        sa.UniqueConstraint("name", name=op.f("uq_projects_name")),
    )
    with op.batch_alter_table("projects", schema=None) as batch_op:
        batch_op.create_index("ix_projects_status", ["status", "name"], unique=False)

    op.create_table(
        "settings",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_settings")),
    )
    op.create_table(
        "weekly_reviews",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("iso_week", sa.String(length=8), nullable=False),
        sa.Column("completed_at", sa.DateTime(), nullable=False),
        sa.Column("acted_on", sa.Text(), nullable=False),
        sa.CheckConstraint("length(iso_week) = 8", name=op.f("ck_weekly_reviews_iso_week_shape")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_weekly_reviews")),
        sa.UniqueConstraint("iso_week", name=op.f("uq_weekly_reviews_iso_week")),
    )
    op.create_table(
        "contacts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("full_name", sa.String(length=200), nullable=False),
        sa.Column("department_id", sa.Integer(), nullable=True),
        sa.Column("role", sa.String(length=200), nullable=False),
        sa.Column("location", sa.String(length=200), nullable=False),
        sa.Column("strengths", sa.Text(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("cadence_days", sa.Integer(), nullable=True),
        sa.Column("snoozed_until", sa.Date(), nullable=True),
        sa.Column("archived", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("is_me", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("added_on", sa.Date(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("last_touch_on", sa.Date(), nullable=True),
        sa.Column("next_touch_on", sa.Date(), nullable=False),
        sa.Column("stale_after_on", sa.Date(), nullable=False),
        sa.CheckConstraint(
            "cadence_days IS NULL OR cadence_days > 0", name=op.f("ck_contacts_cadence_positive")
        ),
        sa.CheckConstraint("length(trim(full_name)) > 0", name=op.f("ck_contacts_name_not_blank")),
        sa.ForeignKeyConstraint(
            ["department_id"],
            ["departments.id"],
            name=op.f("fk_contacts_department_id_departments"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contacts")),
    )
    with op.batch_alter_table("contacts", schema=None) as batch_op:
        batch_op.create_index(
            "ix_contacts_department_id", ["department_id", "full_name"], unique=False
        )
        batch_op.create_index("ix_contacts_full_name", ["full_name", "id"], unique=False)
        batch_op.create_index(
            "ix_contacts_next_touch_on", ["archived", "next_touch_on"], unique=False
        )
        batch_op.create_index(
            "uq_contacts_is_me",
            ["is_me"],
            unique=True,
            sqlite_where=sa.text("is_me = 1"),
            postgresql_where=sa.text("is_me"),
        )

    op.create_table(
        "interactions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("occurred_on", sa.Date(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("summary", sa.String(length=500), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("outcome", sa.Text(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "(kind = 'meeting' OR kind = 'call' OR kind = 'email' OR kind = 'chat' OR kind = 'coffee' OR kind = 'workshop' OR kind = 'other')",
            name=op.f("ck_interactions_kind_known"),
        ),
        sa.CheckConstraint(
            "length(trim(summary)) > 0", name=op.f("ck_interactions_summary_not_blank")
        ),
        sa.ForeignKeyConstraint(
            ["project_id"],
            ["projects.id"],
            name=op.f("fk_interactions_project_id_projects"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_interactions")),
    )
    with op.batch_alter_table("interactions", schema=None) as batch_op:
        batch_op.create_index("ix_interactions_occurred_on", ["occurred_on", "id"], unique=False)
        batch_op.create_index("ix_interactions_project_id", ["project_id"], unique=False)

    op.create_table(
        "project_departments",
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("department_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["department_id"],
            ["departments.id"],
            name=op.f("fk_project_departments_department_id_departments"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["project_id"],
            ["projects.id"],
            name=op.f("fk_project_departments_project_id_projects"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("project_id", "department_id", name=op.f("pk_project_departments")),
        sqlite_with_rowid=False,
    )
    with op.batch_alter_table("project_departments", schema=None) as batch_op:
        batch_op.create_index(
            "ix_project_departments_department_id", ["department_id"], unique=False
        )

    op.create_table(
        "tasks",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=True),
        sa.Column("due_on", sa.Date(), nullable=True),
        sa.Column("priority", sa.String(length=16), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("completed_at", sa.DateTime(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "(priority = 'low' OR priority = 'normal' OR priority = 'high' OR priority = 'urgent')",
            name=op.f("ck_tasks_priority_known"),
        ),
        sa.CheckConstraint(
            "(status = 'done') = (completed_at IS NOT NULL)",
            name=op.f("ck_tasks_done_has_completion"),
        ),
        sa.CheckConstraint(
            "(status = 'todo' OR status = 'in_progress' OR status = 'blocked' OR status = 'done' OR status = 'cancelled')",
            name=op.f("ck_tasks_status_known"),
        ),
        sa.CheckConstraint("length(trim(title)) > 0", name=op.f("ck_tasks_title_not_blank")),
        sa.ForeignKeyConstraint(
            ["project_id"],
            ["projects.id"],
            name=op.f("fk_tasks_project_id_projects"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_tasks")),
    )
    with op.batch_alter_table("tasks", schema=None) as batch_op:
        batch_op.create_index("ix_tasks_project_id", ["project_id", "status"], unique=False)
        batch_op.create_index("ix_tasks_status", ["status", "due_on"], unique=False)

    op.create_table(
        "contact_emails",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("contact_id", sa.Integer(), nullable=False),
        sa.Column("address", sa.String(length=320), nullable=False),
        sa.Column("label", sa.String(length=40), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.CheckConstraint("address LIKE '%_@_%'", name=op.f("ck_contact_emails_address_shape")),
        sa.CheckConstraint("position >= 0", name=op.f("ck_contact_emails_position_not_negative")),
        sa.ForeignKeyConstraint(
            ["contact_id"],
            ["contacts.id"],
            name=op.f("fk_contact_emails_contact_id_contacts"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contact_emails")),
    )
    with op.batch_alter_table("contact_emails", schema=None) as batch_op:
        batch_op.create_index("ix_contact_emails_address", ["address"], unique=False)
        batch_op.create_index(
            "uq_contact_emails_contact_id_position", ["contact_id", "position"], unique=True
        )

    op.create_table(
        "contact_phones",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("contact_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(length=60), nullable=False),
        sa.Column("label", sa.String(length=40), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "length(trim(number)) > 0", name=op.f("ck_contact_phones_number_not_blank")
        ),
        sa.CheckConstraint("position >= 0", name=op.f("ck_contact_phones_position_not_negative")),
        sa.ForeignKeyConstraint(
            ["contact_id"],
            ["contacts.id"],
            name=op.f("fk_contact_phones_contact_id_contacts"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contact_phones")),
    )
    with op.batch_alter_table("contact_phones", schema=None) as batch_op:
        batch_op.create_index(
            "uq_contact_phones_contact_id_position", ["contact_id", "position"], unique=True
        )

    op.create_table(
        "contact_tags",
        sa.Column("contact_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=60), nullable=False),
        sa.CheckConstraint("length(trim(name)) > 0", name=op.f("ck_contact_tags_name_not_blank")),
        sa.ForeignKeyConstraint(
            ["contact_id"],
            ["contacts.id"],
            name=op.f("fk_contact_tags_contact_id_contacts"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("contact_id", "name", name=op.f("pk_contact_tags")),
        sqlite_with_rowid=False,
    )
    with op.batch_alter_table("contact_tags", schema=None) as batch_op:
        batch_op.create_index("ix_contact_tags_name", ["name", "contact_id"], unique=False)

    op.create_table(
        "input_requests",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("asked_of_id", sa.Integer(), nullable=False),
        sa.Column("topic", sa.String(length=300), nullable=False),
        sa.Column("question", sa.Text(), nullable=False),
        sa.Column("asked_on", sa.Date(), nullable=False),
        sa.Column("needed_by", sa.Date(), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("answer_summary", sa.Text(), nullable=False),
        sa.Column("answered_on", sa.Date(), nullable=True),
        sa.Column("thanked_on", sa.Date(), nullable=True),
        sa.Column("thanks_note", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "(status = 'answered') = (answered_on IS NOT NULL)",
            name=op.f("ck_input_requests_answered_has_date"),
        ),
        sa.CheckConstraint(
            "(status = 'open' OR status = 'answered' OR status = 'declined' OR status = 'withdrawn')",
            name=op.f("ck_input_requests_status_known"),
        ),
        sa.CheckConstraint(
            "length(trim(topic)) > 0", name=op.f("ck_input_requests_topic_not_blank")
        ),
        sa.CheckConstraint(
            "thanked_on IS NULL OR answered_on IS NOT NULL",
            name=op.f("ck_input_requests_thanks_after_answer"),
        ),
        sa.ForeignKeyConstraint(
            ["asked_of_id"],
            ["contacts.id"],
            name=op.f("fk_input_requests_asked_of_id_contacts"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_input_requests")),
    )
    with op.batch_alter_table("input_requests", schema=None) as batch_op:
        batch_op.create_index(
            "ix_input_requests_asked_of_id", ["asked_of_id", "answered_on"], unique=False
        )
        batch_op.create_index("ix_input_requests_status", ["status", "needed_by"], unique=False)

    op.create_table(
        "interaction_participants",
        sa.Column("interaction_id", sa.Integer(), nullable=False),
        sa.Column("contact_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["contact_id"],
            ["contacts.id"],
            name=op.f("fk_interaction_participants_contact_id_contacts"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["interaction_id"],
            ["interactions.id"],
            name=op.f("fk_interaction_participants_interaction_id_interactions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "interaction_id", "contact_id", name=op.f("pk_interaction_participants")
        ),
        sqlite_with_rowid=False,
    )
    with op.batch_alter_table("interaction_participants", schema=None) as batch_op:
        batch_op.create_index(
            "ix_interaction_participants_contact_id", ["contact_id", "interaction_id"], unique=False
        )

    op.create_table(
        "project_members",
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("contact_id", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(length=120), nullable=False),
        sa.ForeignKeyConstraint(
            ["contact_id"],
            ["contacts.id"],
            name=op.f("fk_project_members_contact_id_contacts"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["project_id"],
            ["projects.id"],
            name=op.f("fk_project_members_project_id_projects"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("project_id", "contact_id", name=op.f("pk_project_members")),
        sqlite_with_rowid=False,
    )
    with op.batch_alter_table("project_members", schema=None) as batch_op:
        batch_op.create_index("ix_project_members_contact_id", ["contact_id"], unique=False)

    op.create_table(
        "shared_goals",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=True),
        sa.Column("metric_name", sa.String(length=200), nullable=False),
        sa.Column("metric_unit", sa.String(length=40), nullable=False),
        sa.Column("baseline", sa.Float(), nullable=False),
        sa.Column("target", sa.Float(), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("health", sa.String(length=16), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "(status = 'active' OR status = 'achieved' OR status = 'missed' OR status = 'dropped')",
            name=op.f("ck_shared_goals_status_known"),
        ),
        sa.CheckConstraint(
            "health IS NULL OR (health = 'on_track' OR health = 'at_risk' OR health = 'off_track')",
            name=op.f("ck_shared_goals_health_known"),
        ),
        sa.CheckConstraint(
            "length(trim(metric_name)) > 0", name=op.f("ck_shared_goals_metric_not_blank")
        ),
        sa.CheckConstraint("length(trim(title)) > 0", name=op.f("ck_shared_goals_title_not_blank")),
        sa.ForeignKeyConstraint(
            ["owner_id"],
            ["contacts.id"],
            name=op.f("fk_shared_goals_owner_id_contacts"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_shared_goals")),
    )
    with op.batch_alter_table("shared_goals", schema=None) as batch_op:
        batch_op.create_index("ix_shared_goals_status", ["status", "due_on"], unique=False)

    op.create_table(
        "task_assignees",
        sa.Column("task_id", sa.Integer(), nullable=False),
        sa.Column("contact_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["contact_id"],
            ["contacts.id"],
            name=op.f("fk_task_assignees_contact_id_contacts"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["task_id"],
            ["tasks.id"],
            name=op.f("fk_task_assignees_task_id_tasks"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("task_id", "contact_id", name=op.f("pk_task_assignees")),
        sqlite_with_rowid=False,
    )
    with op.batch_alter_table("task_assignees", schema=None) as batch_op:
        batch_op.create_index(
            "ix_task_assignees_contact_id", ["contact_id", "task_id"], unique=False
        )

    op.create_table(
        "goal_checkins",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("goal_id", sa.Integer(), nullable=False),
        sa.Column("checked_on", sa.Date(), nullable=False),
        sa.Column("value", sa.Float(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["goal_id"],
            ["shared_goals.id"],
            name=op.f("fk_goal_checkins_goal_id_shared_goals"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_goal_checkins")),
    )
    with op.batch_alter_table("goal_checkins", schema=None) as batch_op:
        batch_op.create_index("ix_goal_checkins_goal_id", ["goal_id", "checked_on"], unique=False)

    op.create_table(
        "goal_departments",
        sa.Column("goal_id", sa.Integer(), nullable=False),
        sa.Column("department_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["department_id"],
            ["departments.id"],
            name=op.f("fk_goal_departments_department_id_departments"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["goal_id"],
            ["shared_goals.id"],
            name=op.f("fk_goal_departments_goal_id_shared_goals"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("goal_id", "department_id", name=op.f("pk_goal_departments")),
        sqlite_with_rowid=False,
    )
    with op.batch_alter_table("goal_departments", schema=None) as batch_op:
        batch_op.create_index("ix_goal_departments_department_id", ["department_id"], unique=False)

    op.create_table(
        "project_goals",
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("goal_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["goal_id"],
            ["shared_goals.id"],
            name=op.f("fk_project_goals_goal_id_shared_goals"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["project_id"],
            ["projects.id"],
            name=op.f("fk_project_goals_project_id_projects"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("project_id", "goal_id", name=op.f("pk_project_goals")),
        sqlite_with_rowid=False,
    )
    with op.batch_alter_table("project_goals", schema=None) as batch_op:
        batch_op.create_index("ix_project_goals_goal_id", ["goal_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("project_goals", schema=None) as batch_op:
        batch_op.drop_index("ix_project_goals_goal_id")

    op.drop_table("project_goals")
    with op.batch_alter_table("goal_departments", schema=None) as batch_op:
        batch_op.drop_index("ix_goal_departments_department_id")

    op.drop_table("goal_departments")
    with op.batch_alter_table("goal_checkins", schema=None) as batch_op:
        batch_op.drop_index("ix_goal_checkins_goal_id")

    op.drop_table("goal_checkins")
    with op.batch_alter_table("task_assignees", schema=None) as batch_op:
        batch_op.drop_index("ix_task_assignees_contact_id")

    op.drop_table("task_assignees")
    with op.batch_alter_table("shared_goals", schema=None) as batch_op:
        batch_op.drop_index("ix_shared_goals_status")

    op.drop_table("shared_goals")
    with op.batch_alter_table("project_members", schema=None) as batch_op:
        batch_op.drop_index("ix_project_members_contact_id")

    op.drop_table("project_members")
    with op.batch_alter_table("interaction_participants", schema=None) as batch_op:
        batch_op.drop_index("ix_interaction_participants_contact_id")

    op.drop_table("interaction_participants")
    with op.batch_alter_table("input_requests", schema=None) as batch_op:
        batch_op.drop_index("ix_input_requests_status")
        batch_op.drop_index("ix_input_requests_asked_of_id")

    op.drop_table("input_requests")
    with op.batch_alter_table("contact_tags", schema=None) as batch_op:
        batch_op.drop_index("ix_contact_tags_name")

    op.drop_table("contact_tags")
    with op.batch_alter_table("contact_phones", schema=None) as batch_op:
        batch_op.drop_index("uq_contact_phones_contact_id_position")

    op.drop_table("contact_phones")
    with op.batch_alter_table("contact_emails", schema=None) as batch_op:
        batch_op.drop_index("uq_contact_emails_contact_id_position")
        batch_op.drop_index("ix_contact_emails_address")

    op.drop_table("contact_emails")
    with op.batch_alter_table("tasks", schema=None) as batch_op:
        batch_op.drop_index("ix_tasks_status")
        batch_op.drop_index("ix_tasks_project_id")

    op.drop_table("tasks")
    with op.batch_alter_table("project_departments", schema=None) as batch_op:
        batch_op.drop_index("ix_project_departments_department_id")

    op.drop_table("project_departments")
    with op.batch_alter_table("interactions", schema=None) as batch_op:
        batch_op.drop_index("ix_interactions_project_id")
        batch_op.drop_index("ix_interactions_occurred_on")

    op.drop_table("interactions")
    with op.batch_alter_table("contacts", schema=None) as batch_op:
        batch_op.drop_index(
            "uq_contacts_is_me",
            sqlite_where=sa.text("is_me = 1"),
            postgresql_where=sa.text("is_me"),
        )
        batch_op.drop_index("ix_contacts_next_touch_on")
        batch_op.drop_index("ix_contacts_full_name")
        batch_op.drop_index("ix_contacts_department_id")

    op.drop_table("contacts")
    op.drop_table("weekly_reviews")
    op.drop_table("settings")
    with op.batch_alter_table("projects", schema=None) as batch_op:
        batch_op.drop_index("ix_projects_status")

    op.drop_table("projects")
    op.drop_table("departments")
