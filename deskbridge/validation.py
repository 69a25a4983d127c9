"""Checks shared by every operation; each failure names the field it is about."""

from __future__ import annotations

import re
from datetime import date
from enum import StrEnum

from deskbridge.errors import ValidationError

EMAIL_SHAPE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
COLOUR_SHAPE = re.compile(r"^#[0-9a-fA-F]{6}$")
MAX_CADENCE_DAYS = 3650


def required_text(field: str, value: str | None, max_length: int) -> str:
    cleaned = (value or "").strip()
    if not cleaned:
        raise ValidationError(field, "must not be empty")
    return bounded_text(field, cleaned, max_length)


def bounded_text(field: str, value: str | None, max_length: int) -> str:
    cleaned = (value or "").strip()
    if len(cleaned) > max_length:
        raise ValidationError(field, f"is longer than {max_length} characters")
    return cleaned


def email_address(field: str, value: str) -> str:
    cleaned = value.strip().lower()
    if not EMAIL_SHAPE.match(cleaned):
        raise ValidationError(field, f"{value.strip()!r} is not an e-mail address")
    return bounded_text(field, cleaned, 320)


def colour(field: str, value: str) -> str:
    cleaned = value.strip()
    if not COLOUR_SHAPE.match(cleaned):
        raise ValidationError(field, f"{cleaned!r} is not a colour like #3366cc")
    return cleaned.lower()


def cadence(field: str, value: int | None) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValidationError(field, "must be a whole number of days")
    if not 1 <= value <= MAX_CADENCE_DAYS:
        raise ValidationError(field, f"must be between 1 and {MAX_CADENCE_DAYS} days")
    return value


def iso_date(field: str, value: str) -> date:
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise ValidationError(field, f"{value!r} is not a date like 2026-11-23") from None


def not_before(field: str, value: date | None, earliest: date | None, what: str) -> None:
    if value is not None and earliest is not None and value < earliest:
        raise ValidationError(field, f"must not be before {what} ({earliest.isoformat()})")


def choice(field: str, value: str, allowed: type[StrEnum]) -> str:
    """``value`` as one of ``allowed`` (any case, spaces for underscores), else a message
    listing what is allowed."""
    try:
        return allowed(value.strip().lower().replace(" ", "_")).value
    except ValueError:
        known = ", ".join(member.value for member in allowed)
        raise ValidationError(field, f"{value!r} is not one of {known}") from None
