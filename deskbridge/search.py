"""Search across every kind of thing, for the command line and search-as-you-type.

bm25 scores from different indexes are not comparable (they depend on each table's size),
so hits are ordered by what a person would expect: first those whose title matches every
word typed, then by kind (people before meetings), then by bm25 within the kind.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

from deskbridge.records import SearchHit
from deskbridge.store.database import Database
from deskbridge.store.search_queries import KINDS, WORD, RawHit, search_fts, search_like

KIND_ORDER = ("contact", "department", "project", "goal", "request", "task", "interaction")


def _folded_words(text: str) -> list[str]:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return WORD.findall(plain)


def title_matches(title: str, typed: list[str]) -> bool:
    """Every typed word starts some word of the title (as the index matches prefixes)."""
    title_words = _folded_words(title)
    return all(any(word.startswith(t) for word in title_words) for t in typed)


class Search:
    def __init__(self, db: Database) -> None:
        self._db = db

    def __call__(
        self, text: str, *, limit: int = 20, kinds: Iterable[str] | None = None
    ) -> list[SearchHit]:
        """The best ``limit`` hits for ``text``; each word matches as a prefix (``marg`` finds
        "margin"), diacritics ignored. Better hits come first."""
        wanted = list(kinds) if kinds is not None else list(KINDS)
        unknown = [kind for kind in wanted if kind not in KINDS]
        if unknown:
            raise ValueError(f"unknown kinds: {unknown}")
        typed = _folded_words(text)
        if not typed:
            return []
        find = search_fts if self._db.is_sqlite else search_like
        raw: list[RawHit] = []
        with self._db.reading() as session:
            for kind in wanted:
                raw.extend(find(session, kind, text, limit))
        order = {kind: index for index, kind in enumerate(KIND_ORDER)}

        def rank(hit: RawHit) -> tuple[int, int, float, int]:
            return (
                0 if title_matches(hit.title, typed) else 1,
                order[hit.kind],
                hit.score,
                -hit.id,
            )

        raw.sort(key=rank)
        return [SearchHit(kind=h.kind, id=h.id, title=h.title, score=h.score) for h in raw[:limit]]
