"""Small pieces of English that several messages share."""

from __future__ import annotations


def plural(count: int, one: str, many: str | None = None) -> str:
    """``1 contact``, ``2 contacts``, ``3 people`` (with ``many``)."""
    return f"{count} {one if count == 1 else many or one + 's'}"
