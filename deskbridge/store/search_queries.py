"""Full-text queries over the per-kind FTS5 indexes (SQLite) or plain LIKE (other engines).

Search runs on every keystroke, so each query must stay cheap however common the prefix:

- Nothing is ranked by bm25. Its IDF term counts every row matching each prefix, and a
  one- or two-letter prefix matches most of a million meeting notes. Instead each kind hands
  back a bounded set of candidates, newest first (FTS5 walks rowids in order and stops at
  the LIMIT), and the domain orders those few in Python.
- When a kind has more matches than that, its title matches are asked for separately, so an
  old contact whose name matches is not crowded out by hundreds of newer notes that merely
  mention the word (for every kind but meetings: see :data:`NEWEST_ONLY`).
- A one-letter prefix would make FTS5 merge the doclists of every word starting with that
  letter before the first row comes out. The index keeps ready-made doclists for two- and
  three-letter prefixes (``prefix = '2 3'``), so ``t`` is asked as ``t`` OR ``ta*`` OR
  ``tb*`` ... OR ``t9*``, which FTS5 merges lazily, row by row.
"""

from __future__ import annotations

import re
import string
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache
from typing import Any, NamedTuple

from sqlalchemy import Connection, bindparam, func, select
from sqlalchemy.orm import Session

from deskbridge.store.models import (
    Contact,
    Department,
    InputRequest,
    Interaction,
    InteractionParticipant,
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
"""How many of the newest matches of one kind are ordered by the domain."""
NEWEST_ONLY = frozenset({"interaction"})
"""Kinds whose older title matches are not looked for past the newest candidates. Where a
common word fills the notes of a million meetings but no summary, that look walks the whole
index (20-30 ms); and a meeting log is read newest first anyway."""
# Letters and digits, as the FTS5 unicode61 tokenizer splits them (``_`` separates words).
WORD = re.compile(r"[^\W_]+", re.UNICODE)
# The second characters a one-letter prefix is spread over (see the module docstring). A
# word whose second character is outside these (``tß``) is found from the second keystroke.
SECOND_CHARACTERS = string.ascii_lowercase + string.digits


class RawHit(NamedTuple):
    """A candidate before ranking: a named tuple, five times cheaper to make than a frozen
    dataclass, as search makes hundreds per keystroke."""

    kind: str
    id: int
    title: str
    score: float
    # Every typed word starts a word of the title (not only of the body).
    in_title: bool = True


def folded_words(user_text: str) -> list[str]:
    """The words typed, lower case and without diacritics, as the index holds them."""
    if user_text.isascii():  # most titles: nothing to decompose (and ten times faster)
        return WORD.findall(user_text.lower())
    decomposed = unicodedata.normalize("NFKD", user_text.casefold())
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return WORD.findall(plain)


def _prefix(word: str) -> str:
    if len(word) == 1 and word in SECOND_CHARACTERS:
        spread = " OR ".join(f'"{word}{second}"*' for second in SECOND_CHARACTERS)
        return f'("{word}" OR {spread})'
    return f'"{word}"*'


def match_expression(user_text: str) -> str | None:
    """An FTS5 query where every word the user typed must match as a prefix."""
    words = folded_words(user_text)
    if not words:
        return None
    return " AND ".join(_prefix(word) for word in words)


_NEWEST_SQL = {
    kind: f"SELECT rowid, title FROM search_{suffix} WHERE search_{suffix} MATCH ? "
    "ORDER BY rowid DESC LIMIT ?"
    for kind, (suffix, _, _) in KINDS.items()
}


def _newest(session: Session | Connection, kind: str, expression: str, limit: int) -> Sequence[Any]:
    """(rowid, title) rows, newest first."""
    connection = session.connection() if isinstance(session, Session) else session
    # FTS5 is SQLite's alone, so the driver's cursor (in the same transaction) reads the
    # rows: SQLAlchemy's result layer costs ~0.09 ms per 200 rows, ten queries a keystroke.
    cursor = connection.connection.cursor()
    try:
        rows: list[tuple[int, str]] = cursor.execute(
            _NEWEST_SQL[kind], (expression, limit)
        ).fetchall()
        return rows
    finally:
        cursor.close()


def search_fts(
    session: Session | Connection, kind: str, user_text: str, limit: int
) -> list[RawHit]:
    """Candidates of one kind, newest first: up to :data:`CANDIDATES` (at least ``limit``)
    matching anywhere and, when there are more than that, also as many matching in the
    title. Scores are left to the caller (0.0)."""
    expression = match_expression(user_text)
    if expression is None:
        return []
    in_title = _title_test(tuple(folded_words(user_text)))
    wanted = max(CANDIDATES, limit)
    anywhere = _newest(session, kind, expression, wanted)
    hits = [RawHit(kind, i, t, 0.0, in_title(t)) for i, t in anywhere]
    if len(anywhere) < wanted or kind in NEWEST_ONLY:
        return hits  # every match is here, or as many as this kind looks at
    # Asked only now: when nothing (or little) matches, each query walks the index to the
    # end, and one walk is enough. When much matches, both stop early.
    seen = {row_id for row_id, _ in anywhere}
    titled = _newest(session, kind, f"title : ({expression})", wanted)
    return hits + [RawHit(kind, i, t, 0.0) for i, t in titled if i not in seen]


def title_matches(title: str, typed: Sequence[str]) -> bool:
    """Every typed word starts some word of the title (as the index matches prefixes)."""
    return _title_test(tuple(typed))(title)


@lru_cache(maxsize=32)
def _title_test(typed: tuple[str, ...]) -> Callable[[str], bool]:
    """:func:`title_matches` for these typed words, for hundreds of candidate titles per
    keystroke: on an ASCII title one regular expression (each word preceded by the start or
    a separator) instead of splitting the title into words, several times quicker."""
    # On an ASCII title, ASCII classes mean the same and match twice as fast.
    starts = [f"(?<![^\\W_]){re.escape(word)}" for word in typed]
    if len(starts) == 1:
        found = re.compile(starts[0], re.ASCII).search
    else:
        found = re.compile("".join(f"(?=.*?{s})" for s in starts), re.ASCII | re.DOTALL).match

    def test(title: str) -> bool:
        if title.isascii():
            return found(title.lower()) is not None
        words = folded_words(title)
        return all(any(word.startswith(t) for word in words) for t in typed)

    return test


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


# --- what a result list shows under each title --------------------------------------------


def _contact_facts(session: Session, ids: Sequence[int]) -> Iterable[Sequence[Any]]:
    query = (
        select(Contact.id, Department.name, Contact.role, Contact.strengths)
        .outerjoin(Department, Department.id == Contact.department_id)
        .where(Contact.id.in_(ids))
    )
    return session.execute(query).all()


def _department_facts(session: Session, ids: Sequence[int]) -> Iterable[Sequence[Any]]:
    # A correlated count per department uses the (department_id, full_name) index.
    count = (
        select(func.count())
        .where(Contact.department_id == Department.id, Contact.archived.is_(False))
        .correlate(Department)
        .scalar_subquery()
    )
    query = select(Department.id, count, Department.notes).where(Department.id.in_(ids))
    return session.execute(query).all()


PARTICIPANTS_SHOWN = 3


def _interaction_facts(session: Session, ids: Sequence[int]) -> Iterable[Sequence[Any]]:
    names: dict[int, list[str]] = {}
    people = (
        select(InteractionParticipant.interaction_id, Contact.full_name)
        .join(Contact, Contact.id == InteractionParticipant.contact_id)
        .where(InteractionParticipant.interaction_id.in_(ids))
        .order_by(InteractionParticipant.interaction_id, Contact.full_name)
    )
    for interaction_id, name in session.execute(people).all():
        names.setdefault(interaction_id, []).append(name)
    query = select(Interaction.id, Interaction.occurred_on, Interaction.kind).where(
        Interaction.id.in_(ids)
    )
    return [
        (row_id, occurred_on, kind, tuple(names.get(row_id, ())))
        for row_id, occurred_on, kind in session.execute(query).all()
    ]


def _request_facts(session: Session, ids: Sequence[int]) -> Iterable[Sequence[Any]]:
    query = (
        select(InputRequest.id, Contact.full_name, InputRequest.status, InputRequest.asked_on)
        .join(Contact, Contact.id == InputRequest.asked_of_id)
        .where(InputRequest.id.in_(ids))
    )
    return session.execute(query).all()


def _goal_facts(session: Session, ids: Sequence[int]) -> Iterable[Sequence[Any]]:
    query = select(SharedGoal.id, SharedGoal.status, SharedGoal.due_on).where(
        SharedGoal.id.in_(ids)
    )
    return session.execute(query).all()


def _project_facts(session: Session, ids: Sequence[int]) -> Iterable[Sequence[Any]]:
    query = select(Project.id, Project.status, Project.purpose).where(Project.id.in_(ids))
    return session.execute(query).all()


def _task_facts(session: Session, ids: Sequence[int]) -> Iterable[Sequence[Any]]:
    query = (
        select(Task.id, Task.status, Task.due_on, Project.name)
        .outerjoin(Project, Project.id == Task.project_id)
        .where(Task.id.in_(ids))
    )
    return session.execute(query).all()


FACTS = {
    "contact": _contact_facts,
    "department": _department_facts,
    "interaction": _interaction_facts,
    "request": _request_facts,
    "goal": _goal_facts,
    "project": _project_facts,
    "task": _task_facts,
}


def hit_facts(
    session: Session, hits: Iterable[tuple[str, int]]
) -> dict[tuple[str, int], tuple[Any, ...]]:
    """(kind, id) -> that thing's facts (after the id, in the order the queries above select
    them); one query per kind, on the few ids a result list shows."""
    ids: dict[str, list[int]] = {}
    for kind, row_id in hits:
        ids.setdefault(kind, []).append(row_id)
    found: dict[tuple[str, int], tuple[Any, ...]] = {}
    for kind, kind_ids in ids.items():
        for row in FACTS[kind](session, kind_ids):
            found[(kind, row[0])] = tuple(row[1:])
    return found
