"""Work that crosses departments: shared goals, projects, joint tasks, weekly reviews."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    CheckConstraint,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    String,
    Text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from deskbridge.store.models.base import LINK_TABLE_OPTIONS, Base
from deskbridge.store.vocabulary import (
    GoalHealth,
    GoalStatus,
    ProjectStatus,
    TaskPriority,
    TaskStatus,
    check_in,
)


class SharedGoal(Base):
    __tablename__ = "shared_goals"
    __table_args__ = (
        CheckConstraint(check_in("status", GoalStatus), name="status_known"),
        CheckConstraint(f"health IS NULL OR {check_in('health', GoalHealth)}", name="health_known"),
        CheckConstraint("length(trim(title)) > 0", name="title_not_blank"),
        CheckConstraint("length(trim(metric_name)) > 0", name="metric_not_blank"),
        Index("ix_shared_goals_status", "status", "due_on"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(300))
    description: Mapped[str] = mapped_column(Text, default="")
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("contacts.id", ondelete="SET NULL"))
    metric_name: Mapped[str] = mapped_column(String(200))
    metric_unit: Mapped[str] = mapped_column(String(40), default="")
    baseline: Mapped[float] = mapped_column(Float, default=0.0)
    target: Mapped[float] = mapped_column(Float)
    due_on: Mapped[date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(16), default=GoalStatus.ACTIVE.value)
    health: Mapped[str | None] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(DateTime)

    checkins: Mapped[list[GoalCheckin]] = relationship(
        back_populates="goal",
        cascade="all, delete-orphan",
        order_by="(GoalCheckin.checked_on, GoalCheckin.id)",
    )


class GoalDepartment(Base):
    __tablename__ = "goal_departments"
    __table_args__ = (
        Index("ix_goal_departments_department_id", "department_id"),
        LINK_TABLE_OPTIONS,
    )

    goal_id: Mapped[int] = mapped_column(
        ForeignKey("shared_goals.id", ondelete="CASCADE"), primary_key=True
    )
    department_id: Mapped[int] = mapped_column(
        ForeignKey("departments.id", ondelete="CASCADE"), primary_key=True
    )


class GoalCheckin(Base):
    __tablename__ = "goal_checkins"
    __table_args__ = (Index("ix_goal_checkins_goal_id", "goal_id", "checked_on"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    goal_id: Mapped[int] = mapped_column(ForeignKey("shared_goals.id", ondelete="CASCADE"))
    checked_on: Mapped[date] = mapped_column(Date)
    value: Mapped[float] = mapped_column(Float)
    note: Mapped[str] = mapped_column(Text, default="")

    goal: Mapped[SharedGoal] = relationship(back_populates="checkins")


class Project(Base):
    """A silo-breaking project that brings departments together."""

    __tablename__ = "projects"
    __table_args__ = (
        CheckConstraint(check_in("status", ProjectStatus), name="status_known"),
        CheckConstraint("length(trim(name)) > 0", name="name_not_blank"),
        CheckConstraint(
            "ends_on IS NULL OR starts_on IS NULL OR ends_on >= starts_on", name="dates_ordered"
        ),
        Index("ix_projects_status", "status", "name"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    purpose: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(16), default=ProjectStatus.PROPOSED.value)
    starts_on: Mapped[date | None] = mapped_column(Date)
    ends_on: Mapped[date | None] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(DateTime)


class ProjectDepartment(Base):
    __tablename__ = "project_departments"
    __table_args__ = (
        Index("ix_project_departments_department_id", "department_id"),
        LINK_TABLE_OPTIONS,
    )

    project_id: Mapped[int] = mapped_column(
        ForeignKey("projects.id", ondelete="CASCADE"), primary_key=True
    )
    department_id: Mapped[int] = mapped_column(
        ForeignKey("departments.id", ondelete="CASCADE"), primary_key=True
    )


class ProjectMember(Base):
    __tablename__ = "project_members"
    __table_args__ = (
        Index("ix_project_members_contact_id", "contact_id"),
        LINK_TABLE_OPTIONS,
    )

    project_id: Mapped[int] = mapped_column(
        ForeignKey("projects.id", ondelete="CASCADE"), primary_key=True
    )
    contact_id: Mapped[int] = mapped_column(
        ForeignKey("contacts.id", ondelete="CASCADE"), primary_key=True
    )
    role: Mapped[str] = mapped_column(String(120), default="")


class ProjectGoal(Base):
    __tablename__ = "project_goals"
    __table_args__ = (
        Index("ix_project_goals_goal_id", "goal_id"),
        LINK_TABLE_OPTIONS,
    )

    project_id: Mapped[int] = mapped_column(
        ForeignKey("projects.id", ondelete="CASCADE"), primary_key=True
    )
    goal_id: Mapped[int] = mapped_column(
        ForeignKey("shared_goals.id", ondelete="CASCADE"), primary_key=True
    )


class Task(Base):
    """A joint task, possibly inside a project, assigned to people in several departments."""

    __tablename__ = "tasks"
    __table_args__ = (
        CheckConstraint(check_in("status", TaskStatus), name="status_known"),
        CheckConstraint(check_in("priority", TaskPriority), name="priority_known"),
        CheckConstraint("length(trim(title)) > 0", name="title_not_blank"),
        CheckConstraint(
            "(status = 'done') = (completed_at IS NOT NULL)", name="done_has_completion"
        ),
        Index("ix_tasks_status", "status", "due_on"),
        Index("ix_tasks_project_id", "project_id", "status"),
        # A project's latest task created and completed (quiet projects in the review).
        Index("ix_tasks_project_created", "project_id", "created_at"),
        Index("ix_tasks_project_completed", "project_id", "completed_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(300))
    notes: Mapped[str] = mapped_column(Text, default="")
    project_id: Mapped[int | None] = mapped_column(ForeignKey("projects.id", ondelete="SET NULL"))
    due_on: Mapped[date | None] = mapped_column(Date)
    priority: Mapped[str] = mapped_column(String(16), default=TaskPriority.NORMAL.value)
    status: Mapped[str] = mapped_column(String(16), default=TaskStatus.TODO.value)
    completed_at: Mapped[datetime | None] = mapped_column(DateTime)
    created_at: Mapped[datetime] = mapped_column(DateTime)


class TaskAssignee(Base):
    __tablename__ = "task_assignees"
    __table_args__ = (
        Index("ix_task_assignees_contact_id", "contact_id", "task_id"),
        LINK_TABLE_OPTIONS,
    )

    task_id: Mapped[int] = mapped_column(
        ForeignKey("tasks.id", ondelete="CASCADE"), primary_key=True
    )
    contact_id: Mapped[int] = mapped_column(
        ForeignKey("contacts.id", ondelete="CASCADE"), primary_key=True
    )


class WeeklyReview(Base):
    """A finished weekly review: the ISO week (``2026-W48``) and what was acted on (JSON)."""

    __tablename__ = "weekly_reviews"
    __table_args__ = (CheckConstraint("length(iso_week) = 8", name="iso_week_shape"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    iso_week: Mapped[str] = mapped_column(String(8), unique=True)
    completed_at: Mapped[datetime] = mapped_column(DateTime)
    acted_on: Mapped[str] = mapped_column(Text, default="[]")
