"""Search across every kind of thing: prefixes, AND, odd input, freshness, ranking, upkeep."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Connection, text

from deskbridge.integrity import run_checks
from deskbridge.records import ContactRecord
from deskbridge.store import search_queries
from deskbridge.store.bulk_load import bulk_loading
from deskbridge.store.search_index import rebuild_search_index
from deskbridge.store.search_queries import search_like
from deskbridge.workspace import Workspace

LONG_AGO = date(2026, 1, 5)
WHEN = date(2026, 11, 20)


def hits(workspace: Workspace, query: str) -> list[tuple[str, int, str]]:
    return [(h.kind, h.id, h.title) for h in workspace.search(query)]


def kinds_and_titles(workspace: Workspace, query: str) -> set[tuple[str, str]]:
    return {(h.kind, h.title) for h in workspace.search(query)}


@pytest.fixture
def priya(workspace: Workspace) -> ContactRecord:
    workspace.departments.add("Purchasing", notes="Owns the warehouse budget")
    workspace.contacts.add("Ben Okafor", added_on=LONG_AGO)  # matches none of the queries
    return workspace.contacts.add(
        "Priya Natarajan",
        department="Purchasing",
        emails=["pnat@orbitmail.example"],
        role="Procurement Analyst",
        strengths="supplier negotiation",
        notes="Loves sourdough baking",
        location="Rotterdam",
        tags=["mentor"],
        added_on=LONG_AGO,
    )


@pytest.fixture
def everything(workspace: Workspace, priya: ContactRecord) -> Workspace:
    workspace.interactions.log(
        [priya.id], "Quarterly margin review", occurred_on=WHEN,
        notes="Discussed freight surcharges", outcome="Agreed rebate",
    )  # fmt: skip
    workspace.requests.ask(priya.id, "Pricing sheet for tenders", question="Need the tariffs")
    workspace.goals.create(
        "Cut onboarding time", metric_name="days to productive", target=10, baseline=30,
        description="Joint effort with payroll",
    )  # fmt: skip
    workspace.projects.create("Atlas CRM migration", purpose="Retire the legacy spreadsheet")
    workspace.tasks.create("Draft supplier scorecard", notes="Include carbon metrics")
    return workspace


# --- what is found ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "query",
    ["Nata", "priya", "orbitm", "pnat", "procur", "negoti", "sourdo", "rotter", "ment"],
    ids=["surname", "first name", "email domain", "email local part", "role", "strengths",
         "notes", "location", "tag"],
)  # fmt: skip
def test_contact_is_found_by_prefix_of_each_field(
    workspace: Workspace, priya: ContactRecord, query: str
) -> None:
    assert hits(workspace, query) == [("contact", priya.id, "Priya Natarajan")]


@pytest.mark.parametrize(
    ("query", "kind", "title"),
    [
        ("margin", "interaction", "Quarterly margin review"),
        ("freight", "interaction", "Quarterly margin review"),
        ("rebate", "interaction", "Quarterly margin review"),
        ("tender", "request", "Pricing sheet for tenders"),
        ("tariff", "request", "Pricing sheet for tenders"),
        ("onboard", "goal", "Cut onboarding time"),
        ("payroll", "goal", "Cut onboarding time"),
        ("atlas", "project", "Atlas CRM migration"),
        ("spreadsh", "project", "Atlas CRM migration"),
        ("scorec", "task", "Draft supplier scorecard"),
        ("carbon", "task", "Draft supplier scorecard"),
        ("purch", "department", "Purchasing"),
        ("wareh", "department", "Purchasing"),
    ],
)
def test_every_kind_is_found_by_title_or_body(
    everything: Workspace, query: str, kind: str, title: str
) -> None:
    assert kinds_and_titles(everything, query) == {(kind, title)}


def test_words_are_anded_across_title_and_body(everything: Workspace) -> None:
    assert kinds_and_titles(everything, "margin freight") == {
        ("interaction", "Quarterly margin review")
    }
    assert kinds_and_titles(everything, "priya rotter") == {("contact", "Priya Natarajan")}
    assert everything.search("margin carbon") == []
    assert everything.search("priya margin") == []


def test_search_can_be_limited_to_some_kinds(everything: Workspace) -> None:
    assert {h.kind for h in everything.search("supplier")} == {"contact", "task"}
    assert {h.kind for h in everything.search("supplier", kinds=["task"])} == {"task"}
    with pytest.raises(ValueError, match="meetings"):
        everything.search("supplier", kinds=["meetings"])


@pytest.mark.parametrize(
    "query",
    ['"', '"margin', 'margin"', "*", "margin*", "-margin", "NOT margin", "margin OR freight",
     "margin AND", "AND", "(margin", "margin)", "title:margin", "body:", "^margin",
     "NEAR(margin freight)", "O'Brien", "{title}: x", "margin + freight", "100%", "a_b",
     "\\", "'; DROP TABLE contacts; --", "margin\x00", "🙂 margin"],
)  # fmt: skip
def test_punctuation_and_fts_syntax_never_raise(everything: Workspace, query: str) -> None:
    assert isinstance(everything.search(query), list)
    assert everything.contacts.count() == 2


@pytest.mark.parametrize("query", ['"margin"', "-margin", "margin*", "(margin)", "margin!"])
def test_syntax_characters_are_ignored_around_words(everything: Workspace, query: str) -> None:
    assert kinds_and_titles(everything, query) == {("interaction", "Quarterly margin review")}


@pytest.mark.parametrize("query", ["", "   ", "!!!", "*", '""', "-"])
def test_query_without_words_returns_nothing(everything: Workspace, query: str) -> None:
    assert everything.search(query) == []


def test_diacritics_fold_both_ways(workspace: Workspace) -> None:
    chloe = workspace.contacts.add("Chloé Dubois", added_on=LONG_AGO)
    jose = workspace.contacts.add("Jose Ramirez", added_on=LONG_AGO)
    for query in ("Chloe", "chloé", "CHLOÉ", "chlo"):
        assert hits(workspace, query) == [("contact", chloe.id, "Chloé Dubois")], query
    assert hits(workspace, "José") == [("contact", jose.id, "Jose Ramirez")]


# --- freshness ----------------------------------------------------------------------------


def test_rename_is_reflected_immediately(workspace: Workspace, priya: ContactRecord) -> None:
    workspace.contacts.update(priya.id, full_name="Priya Raman")
    assert workspace.search("natarajan") == []
    assert hits(workspace, "raman") == [("contact", priya.id, "Priya Raman")]


def test_changed_emails_and_tags_are_reflected(workspace: Workspace, priya: ContactRecord) -> None:
    workspace.contacts.update(priya.id, emails=["priya@newco.example"])
    assert workspace.search("orbitmail") == []
    assert [h.id for h in workspace.search("newco")] == [priya.id]
    workspace.contacts.add_tag([priya.id], "logistics")
    assert [h.id for h in workspace.search("logist")] == [priya.id]
    workspace.contacts.update(priya.id, tags=[])
    assert workspace.search("logist") == []
    assert workspace.search("mentor") == []


def test_edited_interaction_and_department_are_reflected(everything: Workspace) -> None:
    (meeting,) = everything.search("margin")
    everything.interactions.update(meeting.id, summary="Freight contract renewal")
    assert everything.search("margin") == []
    assert hits(everything, "renewal") == [("interaction", meeting.id, "Freight contract renewal")]
    department = everything.departments.named("Purchasing")
    everything.departments.update(department.id, name="Procurement Office")
    assert [h.kind for h in everything.search("procurement office")] == ["department"]


def test_deleted_contact_is_gone(workspace: Workspace, priya: ContactRecord) -> None:
    workspace.contacts.delete(priya.id)
    for query in ("priya", "orbitmail", "mentor", "sourdough"):
        assert workspace.search(query) == [], query


def test_deleted_interaction_is_gone(everything: Workspace) -> None:
    (meeting,) = everything.search("margin")
    everything.interactions.delete(meeting.id)
    assert everything.search("margin") == []
    assert everything.search("freight") == []
    assert [h.kind for h in everything.search("priya")] == ["contact"]


# --- limit and ranking --------------------------------------------------------------------


def test_limit_is_honoured_across_kinds(workspace: Workspace) -> None:
    people = [workspace.contacts.add(f"Sam Person{n}", added_on=LONG_AGO) for n in range(25)]
    for person in people[:10]:
        workspace.interactions.log([person.id], "Sampling session", occurred_on=WHEN)
    assert len(workspace.search("sam")) == 20  # the default
    assert len(workspace.search("sam", limit=5)) == 5
    assert len(workspace.search("sam", limit=30)) == 30
    assert len(workspace.search("sam", limit=100)) == 35


def test_better_match_comes_first_within_a_kind(workspace: Workspace) -> None:
    in_notes = workspace.contacts.add("Ada Byron", notes="knows the kestrel account")
    in_name = workspace.contacts.add("Kestrel Young")
    workspace.contacts.add("Someone Else")
    assert [h.id for h in workspace.search("kestrel")] == [in_name.id, in_notes.id]


def add_same_titled_contact_and_meeting(workspace: Workspace, meetings: int) -> None:
    people = [
        workspace.contacts.add(name, added_on=LONG_AGO)
        for name in ("Zephyr Quill", "Other One", "Another Two")
    ]
    workspace.interactions.log([people[1].id], "Zephyr Quill", occurred_on=WHEN)
    for number in range(meetings - 1):
        workspace.interactions.log([people[2].id], f"Weekly sync {number}", occurred_on=WHEN)


def test_contact_outranks_an_equally_good_interaction(workspace: Workspace) -> None:
    add_same_titled_contact_and_meeting(workspace, meetings=3)
    assert [h.kind for h in workspace.search("zephyr quill")] == ["contact", "interaction"]
    assert [h.kind for h in workspace.search("zeph")] == ["contact", "interaction"]


def test_contact_outranks_a_same_titled_meeting_when_meetings_outnumber_contacts(
    workspace: Workspace,
) -> None:
    # Regression: bm25 scores of different FTS tables are not comparable (IDF depends on
    # each table's size); with 12 meetings and 3 contacts the meeting once ranked first.
    add_same_titled_contact_and_meeting(workspace, meetings=12)
    assert [h.kind for h in workspace.search("zephyr quill")] == ["contact", "interaction"]


# --- index upkeep -------------------------------------------------------------------------


def search_triggers(connection: Connection) -> list[tuple[str, str]]:
    rows = connection.execute(
        text("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'search%'")
    )
    return sorted((name, sql) for name, sql in rows)


def indexed(connection: Connection, kind: str, row_id: int) -> bool:
    query = text(f"SELECT count(*) FROM search_{kind} WHERE rowid = :id")
    return connection.execute(query, {"id": row_id}).scalar() == 1


def test_bulk_loading_suspends_then_restores_triggers(workspace: Workspace) -> None:
    insert = text(
        "INSERT INTO departments (id, name, colour, notes) VALUES (:id, :name, '#123456', :notes)"
    )
    with workspace.db.engine.begin() as connection:
        before = search_triggers(connection)
        assert len(before) >= 7 * 3
        with bulk_loading(connection):
            assert search_triggers(connection) == []
            connection.execute(insert, {"id": 41, "name": "Logistics", "notes": "pallets"})
            assert not indexed(connection, "departments", 41)
        assert search_triggers(connection) == before
        assert indexed(connection, "departments", 41)
    assert hits(workspace, "pallet") == [("department", 41, "Logistics")]
    # The restored trigger indexes an ordinary write made afterwards.
    later = workspace.departments.add("Warehouse", notes="forklifts")
    assert hits(workspace, "forklift") == [("department", later.id, "Warehouse")]
    assert all(result.ok for result in run_checks(workspace.db))


def test_bulk_loading_rolled_back_keeps_triggers_and_index(
    workspace: Workspace, priya: ContactRecord
) -> None:
    # The DROP TRIGGERs must be part of the transaction: were they committed at once (the
    # driver's own transaction handling does that with DDL), the rollback would bring back
    # the index rows but not the triggers, and no later write would reach the index.
    with workspace.db.engine.connect() as connection:
        before = search_triggers(connection)
    with (
        pytest.raises(RuntimeError),
        workspace.db.engine.begin() as connection,
        bulk_loading(connection),
    ):
        connection.execute(text("DELETE FROM search_contacts"))
        raise RuntimeError("cancelled")
    with workspace.db.engine.connect() as connection:
        assert search_triggers(connection) == before
    assert [h.id for h in workspace.search("priya")] == [priya.id]
    renamed = workspace.contacts.update(priya.id, full_name="Priya Iyer")
    assert hits(workspace, "iyer") == [("contact", renamed.id, "Priya Iyer")]


def test_rebuild_search_index_restores_lost_and_stale_rows(
    everything: Workspace, priya: ContactRecord
) -> None:
    with everything.db.engine.begin() as connection:
        connection.execute(text("DELETE FROM search_contacts WHERE rowid = :id"), {"id": priya.id})
        connection.execute(text("DELETE FROM search_tasks"))
        connection.execute(
            text("INSERT INTO search_goals(rowid, title, body) VALUES (99, 'ghost', '')")
        )
    assert everything.search("priya") == []
    assert not all(result.ok for result in run_checks(everything.db))
    with everything.db.engine.begin() as connection:
        rebuild_search_index(connection)
    assert [h.id for h in everything.search("priya")] == [priya.id]
    assert [h.kind for h in everything.search("scorecard")] == ["task"]
    assert everything.search("ghost") == []
    assert all(result.ok for result in run_checks(everything.db))


# --- the LIKE fallback for other engines --------------------------------------------------


def test_search_like_matches_every_word_in_the_title_case_insensitively(
    everything: Workspace, priya: ContactRecord
) -> None:
    with everything.db.reading() as session:
        found = search_like(session, "contact", "NATARAJAN priya", 10)
        assert [(h.kind, h.id, h.title, h.score) for h in found] == [
            ("contact", priya.id, "Priya Natarajan", 0.0)
        ]
        assert search_like(session, "contact", "priya okafor", 10) == []
        assert search_like(session, "contact", "procurement", 10) == []  # title only
        assert [h.title for h in search_like(session, "interaction", "arg", 10)] == [
            "Quarterly margin review"  # a substring, not only a prefix
        ]


def test_search_like_ignores_punctuation_and_honours_limit(workspace: Workspace) -> None:
    people = [workspace.contacts.add(f"Sam Person{n}", added_on=LONG_AGO) for n in range(6)]
    with workspace.db.reading() as session:
        assert search_like(session, "contact", "", 10) == []
        assert search_like(session, "contact", '"*()', 10) == []
        newest_first = [h.id for h in search_like(session, "contact", "(sam)", 3)]
    assert newest_first == [p.id for p in reversed(people)][:3]


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(typed=st.text(max_size=30))
def test_any_typed_text_searches_without_error(workspace: Workspace, typed: str) -> None:
    # Search-as-you-type sends whatever is in the box, half-typed words and symbols included.
    if not workspace.contacts.count():
        ana = workspace.contacts.add("Ana Lopez", strengths="margin_analysis ROI")
        workspace.interactions.log([ana.id], 'a_b review: (margin) "draft"')
    hits = workspace.search(typed)
    assert all(hit.kind and hit.title for hit in hits)


# --- bounded candidates (search-as-you-type stays fast at 100,000 contacts) ----------------


def test_one_letter_finds_words_starting_with_it_and_one_letter_words(
    workspace: Workspace,
) -> None:
    natarajan = workspace.contacts.add("Priya Natarajan", added_on=LONG_AGO)
    malcolm = workspace.contacts.add("Malcolm X", added_on=LONG_AGO)
    okafor = workspace.contacts.add("Ben Okafor", added_on=LONG_AGO, strengths="9-box grids")
    assert [h.id for h in workspace.search("n")] == [natarajan.id]
    assert [h.id for h in workspace.search("X")] == [malcolm.id]
    assert [h.id for h in workspace.search("p n")] == [natarajan.id]
    assert [h.id for h in workspace.search("Ö")] == [okafor.id]  # diacritics folded first
    assert [h.id for h in workspace.search("9")] == [okafor.id]
    assert workspace.search("a") == []  # no word starts with "a"


def test_an_older_title_match_is_not_crowded_out_by_newer_body_matches(
    workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(search_queries, "CANDIDATES", 5)
    named = workspace.contacts.add("Kestrel Young", added_on=LONG_AGO)
    for number in range(8):
        workspace.contacts.add(f"Person {number}", notes="ask about the kestrel account")
    found = workspace.search("kestrel", limit=3)
    assert [h.id for h in found][:1] == [named.id]
    assert len(found) == 3


def test_a_whole_word_comes_before_a_longer_word_it_starts(workspace: Workspace) -> None:
    sam = workspace.contacts.add("Sam Lee", added_on=LONG_AGO)
    samantha = workspace.contacts.add("Samantha Lee", added_on=LONG_AGO)
    lee_sam = workspace.contacts.add("Lee Samson", added_on=LONG_AGO)
    assert [h.id for h in workspace.search("sam")] == [sam.id, samantha.id, lee_sam.id]
    assert [h.score for h in workspace.search("sam")] == [0.0, 1.0, 2.0]


def test_results_say_which_one_each_hit_is(everything: Workspace, priya: ContactRecord) -> None:
    found = {(r.kind, r.title): r.detail for r in everything.search.results("s", limit=50)}
    assert found[("contact", "Priya Natarajan")] == "Purchasing · supplier negotiation"
    assert found[("interaction", "Quarterly margin review")] == (
        "2026-11-20 · Meeting · with Priya Natarajan"
    )
    assert found[("request", "Pricing sheet for tenders")] == (
        "Asked of Priya Natarajan · Open · on 2026-11-23"
    )
    assert found[("task", "Draft supplier scorecard")] == "To do"
    assert found[("project", "Atlas CRM migration")] == ("Proposed · Retire the legacy spreadsheet")
    details = {r.kind: r.detail for r in everything.search.results("purch")}
    assert details == {"department": "1 contact · Owns the warehouse budget"}
    assert {r.kind: r.detail for r in everything.search.results("onboard")} == {"goal": "Active"}
    assert everything.search.results("zzqx") == []
