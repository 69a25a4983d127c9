"""Database-wide settings that rules depend on."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from deskbridge.store.models import Setting

DEFAULT_CADENCE_KEY = "default_cadence_days"
GLOBAL_DEFAULT_CADENCE = 30


def default_cadence(session: Session) -> int:
    """The cadence for contacts with none of their own and no department cadence."""
    stored = session.scalar(select(Setting.value).where(Setting.key == DEFAULT_CADENCE_KEY))
    return int(stored) if stored is not None else GLOBAL_DEFAULT_CADENCE


def store_setting(session: Session, key: str, value: str) -> None:
    existing = session.get(Setting, key)
    if existing is None:
        session.add(Setting(key=key, value=value))
    else:
        existing.value = value
