"""Search across every kind of thing, for the command line and search-as-you-type."""

from __future__ import annotations

from collections.abc import Iterable

from deskbridge.records import SearchHit
from deskbridge.store.database import Database
from deskbridge.store.search_queries import KINDS, search_fts, search_like

# Contacts are what people look for most; a contact hit outranks an equally good meeting.
KIND_WEIGHT = {"contact": 1.5, "department": 1.3, "project": 1.2, "goal": 1.1}


class Search:
    def __init__(self, db: Database) -> None:
        self._db = db

    def __call__(
        self, text: str, *, limit: int = 20, kinds: Iterable[str] | None = None
    ) -> list[SearchHit]:
        """The best ``limit`` hits for ``text``; each word matches as a prefix (``marg`` finds
        "margin"). Better hits come first."""
        wanted = list(kinds) if kinds is not None else list(KINDS)
        unknown = [kind for kind in wanted if kind not in KINDS]
        if unknown:
            raise ValueError(f"unknown kinds: {unknown}")
        find = search_fts if self._db.is_sqlite else search_like
        hits: list[SearchHit] = []
        with self._db.reading() as session:
            for kind in wanted:
                for raw in find(session, kind, text, limit):
                    # bm25 is negative, more negative is better: weighting scales it further down.
                    score = raw.score * KIND_WEIGHT.get(kind, 1.0)
                    hits.append(SearchHit(kind=kind, id=raw.id, title=raw.title, score=score))
        order = {kind: index for index, kind in enumerate(KINDS)}
        hits.sort(key=lambda hit: (hit.score, order[hit.kind], -hit.id))
        return hits[:limit]
