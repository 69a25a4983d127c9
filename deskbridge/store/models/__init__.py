"""Every table DeskBridge stores, importable from one place."""

from deskbridge.store.models.activity import InputRequest, Interaction, InteractionParticipant
from deskbridge.store.models.base import Base
from deskbridge.store.models.collaboration import (
    GoalCheckin,
    GoalDepartment,
    Project,
    ProjectDepartment,
    ProjectGoal,
    ProjectMember,
    SharedGoal,
    Task,
    TaskAssignee,
    WeeklyReview,
)
from deskbridge.store.models.month_counts import DepartmentMonthCount
from deskbridge.store.models.network import (
    Contact,
    ContactEmail,
    ContactPhone,
    ContactTag,
    Department,
    Setting,
)

__all__ = [
    "Base",
    "Contact",
    "ContactEmail",
    "ContactPhone",
    "ContactTag",
    "Department",
    "DepartmentMonthCount",
    "GoalCheckin",
    "GoalDepartment",
    "InputRequest",
    "Interaction",
    "InteractionParticipant",
    "Project",
    "ProjectDepartment",
    "ProjectGoal",
    "ProjectMember",
    "Setting",
    "SharedGoal",
    "Task",
    "TaskAssignee",
    "WeeklyReview",
]
