"""How interaction kinds read to a user, the same in the log, its filter and every dialog."""

from __future__ import annotations

from deskbridge.interactions import INTERACTION_KINDS

KIND_LABELS = {
    "meeting": "Meeting",
    "call": "Call",
    "email": "E-mail",
    "chat": "Chat",
    "coffee": "Coffee",
    "workshop": "Workshop",
    "other": "Other",
}


def kind_label(kind: str) -> str:
    """How an interaction kind reads to a user ("email" -> "E-mail")."""
    return KIND_LABELS.get(kind, kind.replace("_", " ").capitalize())


def kind_choices() -> list[tuple[str, str]]:
    """(label, stored value) for every kind, in the order a picker offers them."""
    return [(kind_label(kind), kind) for kind in INTERACTION_KINDS]
