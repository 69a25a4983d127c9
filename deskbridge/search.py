"""Search across every kind of thing, for the command line and search-as-you-type.

Hits are ordered by what a person would expect, not by one index's statistics (bm25 scores
from different indexes are not comparable, and computing them for a common prefix costs far
more than a keystroke may): first those whose title matches every word typed, then by kind
(people before meetings), then by how closely the title matches (a whole word before a
prefix, a title that starts with what was typed, a shorter title), then newest first.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from deskbridge.records import SearchHit
from deskbridge.store.database import Database
from deskbridge.store.search_queries import (
    KINDS,
    PARTICIPANTS_SHOWN,
    RawHit,
    folded_words,
    hit_facts,
    search_fts,
    search_like,
)

KIND_ORDER = ("contact", "department", "project", "goal", "request", "task", "interaction")
SNIPPET = 70  # characters of strengths or notes under a title


def typed_words(text: str) -> list[str]:
    """The words in ``text`` as search matches them: lower case, without diacritics, split
    at anything but letters and digits (so callers can tell "nothing typed yet")."""
    return folded_words(text)


def closeness(title: str, typed: Sequence[str]) -> tuple[int, int, int]:
    """Smaller is closer: more typed words that are whole title words, the title starting
    with the first word typed, fewer words in the title."""
    title_words = folded_words(title)
    whole = sum(1 for word in typed if word in title_words)
    starts = bool(title_words) and title_words[0].startswith(typed[0])
    return (-whole, 0 if starts else 1, len(title_words))


KIND_PLACE = {kind: place for place, kind in enumerate(KIND_ORDER)}


def best_hits(
    found: Mapping[str, Sequence[RawHit]], typed: Sequence[str], limit: int
) -> list[RawHit]:
    """The first ``limit`` of the hits ``found`` (kind -> its hits) in the order the module
    docstring gives."""
    # Title matches before the rest, then kind by kind: only the groups that fill the first
    # ``limit`` places need :func:`closeness`, hundreds of candidates fewer per keystroke.
    kinds = sorted(found, key=KIND_PLACE.__getitem__)
    best: list[RawHit] = []
    for in_title in (True, False):
        for kind in kinds:
            wanted = limit - len(best)
            if wanted <= 0:
                return best
            group = [hit for hit in found[kind] if hit.in_title == in_title]
            if in_title:
                best.extend(
                    heapq.nsmallest(wanted, group, key=lambda h: (closeness(h.title, typed), -h.id))
                )
            else:
                best.extend(heapq.nsmallest(wanted, group, key=lambda h: -h.id))
    return best


@dataclass(frozen=True)
class SearchResult:
    """A hit with the line a result list shows under its title."""

    kind: str
    id: int
    title: str
    detail: str


class Search:
    def __init__(self, db: Database) -> None:
        self._db = db

    def __call__(
        self, text: str, *, limit: int = 20, kinds: Iterable[str] | None = None
    ) -> list[SearchHit]:
        """The best ``limit`` hits for ``text``; each word matches as a prefix (``marg`` finds
        "margin"), diacritics ignored. Better hits come first; ``score`` is the place in
        that order (0.0 first)."""
        wanted = list(kinds) if kinds is not None else list(KINDS)
        unknown = [kind for kind in wanted if kind not in KINDS]
        if unknown:
            raise ValueError(f"unknown kinds: {unknown}")
        typed = folded_words(text)
        if not typed or limit <= 0:
            return []
        find = search_fts if self._db.is_sqlite else search_like
        with self._db.reading() as session:
            # The Core connection: the ORM session's execute adds work to every query.
            connection = session.connection()
            found: dict[str, list[RawHit]] = {}
            for kind in wanted:
                found.setdefault(kind, []).extend(find(connection, kind, text, limit))
        return [
            SearchHit(kind=h.kind, id=h.id, title=h.title, score=float(place))
            for place, h in enumerate(best_hits(found, typed, limit))
        ]

    def results(
        self, text: str, *, limit: int = 20, kinds: Iterable[str] | None = None
    ) -> list[SearchResult]:
        """:meth:`__call__`'s hits, each with a line saying which one it is: a contact's
        department and strengths, a meeting's day and people, a task's status and due day."""
        hits = self(text, limit=limit, kinds=kinds)
        if not hits:
            return []
        with self._db.reading() as session:
            facts = hit_facts(session, [(hit.kind, hit.id) for hit in hits])
        return [
            SearchResult(hit.kind, hit.id, hit.title, describe(hit.kind, facts.get(key)))
            for hit in hits
            for key in [(hit.kind, hit.id)]
        ]


def _snippet(text: str) -> str:
    line = " ".join(text.split())
    return line if len(line) <= SNIPPET else line[: SNIPPET - 1].rstrip() + "…"


def _words(value: str) -> str:
    """A stored status (``on_hold``, ``todo``) as words (``On hold``, ``To do``)."""
    return "To do" if value == "todo" else value.replace("_", " ").capitalize()


def _day(day: date | None, prefix: str) -> str:
    return f"{prefix} {day.isoformat()}" if day is not None else ""


def _joined(*parts: str) -> str:
    return " · ".join(part for part in parts if part)


def describe(kind: str, facts: tuple[Any, ...] | None) -> str:
    """The line under a hit's title, from :func:`hit_facts`' facts for it."""
    if facts is None:
        return ""
    if kind == "contact":
        department, role, strengths = facts
        return _joined(department or "No department", _snippet(strengths or role))
    if kind == "department":
        people, notes = facts
        return _joined(f"{people:,} contact{'' if people == 1 else 's'}", _snippet(notes))
    if kind == "interaction":
        occurred_on, interaction_kind, names = facts
        shown = ", ".join(names[:PARTICIPANTS_SHOWN])
        more = len(names) - PARTICIPANTS_SHOWN
        with_whom = f"with {shown}" + (f" and {more} more" if more > 0 else "") if names else ""
        return _joined(occurred_on.isoformat(), _words(interaction_kind), with_whom)
    if kind == "request":
        asked_of, status, asked_on = facts
        return _joined(f"Asked of {asked_of}", _words(status), _day(asked_on, "on"))
    if kind == "goal":
        status, due_on = facts
        return _joined(_words(status), _day(due_on, "due"))
    if kind == "project":
        status, purpose = facts
        return _joined(_words(status), _snippet(purpose))
    if kind == "task":
        status, due_on, project = facts
        return _joined(_words(status), _day(due_on, "due"), project or "")
    return ""
