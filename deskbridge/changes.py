"""The kinds of things an operation can change, so each view refreshes only when it must."""

from enum import StrEnum


class ChangeKind(StrEnum):
    DEPARTMENTS = "departments"
    CONTACTS = "contacts"
    INTERACTIONS = "interactions"
    REQUESTS = "requests"
    GOALS = "goals"
    PROJECTS = "projects"
    TASKS = "tasks"
    SETTINGS = "settings"
