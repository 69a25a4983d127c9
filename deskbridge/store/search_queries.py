"""Full-text queries over the per-kind FTS5 indexes (SQLite) or plain LIKE (other engines).

A common prefix can match a large share of a million meeting notes, and ranking all of
them costs far more than a keystroke may. So each kind first takes a bounded set of
candidates (newest first, which FTS5 walks cheaply by rowid), and only those are ranked.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, bindparam, select, text
from sqlalchemy.orm import Session

from deskbridge.store.models import (
    Contact,
    Department,
    InputRequest,
    Interaction,
    Project,
    SharedGoal,
    Task,
)

# kind -> (FTS suffix, model, title column name)
KINDS: dict[str, tuple[str, Any, str]] = {
    "contact": ("contacts", Contact, "full_name"),
    "department": ("departments", Department, "name"),
    "interaction": ("interactions", Interaction, "summary"),
    "request": ("requests", InputRequest, "topic"),
    "goal": ("goals", SharedGoal, "title"),
    "project": ("projects", Project, "name"),
    "task": ("tasks", Task, "title"),
}
CANDIDATES = 200
# Letters and digits, as the FTS5 unicode61 tokenizer splits them (``_`` separates words).
WORD = re.compile(r"[^\W_]+", re.UNICODE)


@dataclass(frozen=True)
class RawHit:
    kind: str
    id: int
    title: str
    score: float


def match_expression(user_text: str) -> str | None:
    """An FTS5 query where every word the user typed must match as a prefix."""
    words = WORD.findall(user_text)
    if not words:
        return None
    return " ".join(f'"{word}"*' for word in words)


def search_fts(
    session: Session | Connection, kind: str, user_text: str, limit: int
) -> list[RawHit]:
    """Ranked hits of one kind; lower score is better (FTS5 bm25, title weighted 4x body)."""
    expression = match_expression(user_text)
    if expression is None:
        return []
    table = f"search_{KINDS[kind][0]}"
    query = text(
        f"WITH candidates AS ("
        f"  SELECT rowid AS id FROM {table} WHERE {table} MATCH :q"
        f"  ORDER BY rowid DESC LIMIT :candidates) "
        f"SELECT {table}.rowid, {table}.title, bm25({table}, 4.0, 1.0) AS score "
        f"FROM {table} JOIN candidates ON candidates.id = {table}.rowid "
        f"WHERE {table} MATCH :q ORDER BY score, {table}.rowid DESC LIMIT :limit"
    )
    rows = session.execute(query, {"q": expression, "candidates": CANDIDATES, "limit": limit})
    return [RawHit(kind, row[0], row[1], float(row[2])) for row in rows]


def search_like(
    session: Session | Connection, kind: str, user_text: str, limit: int
) -> list[RawHit]:
    """For engines without FTS5: every word must occur in the title (case-insensitive)."""
    words = WORD.findall(user_text)
    if not words:
        return []
    _, model, title_name = KINDS[kind]
    title = getattr(model, title_name)
    conditions = [title.ilike(bindparam(f"w{i}", f"%{word}%")) for i, word in enumerate(words)]
    query = select(model.id, title).where(*conditions).order_by(model.id.desc()).limit(limit)
    rows = session.execute(query)
    return [RawHit(kind, row[0], row[1], 0.0) for row in rows]
