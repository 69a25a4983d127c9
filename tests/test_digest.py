"""The weekly digest: what one known week gathers, how Markdown and HTML say it, and that no
private note ever reaches either."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import pytest
from digest_fixtures import EXPECTED_HEADLINE, SCRIPT_TOPIC, SECRETS, WEEK, WeekIds, fill_week
from sqlalchemy import event

from deskbridge.digest import Digest, IsoWeek
from deskbridge.digest_document import CALM, QUIET, headline
from deskbridge.digest_render import markdown_escape, to_html, to_markdown
from deskbridge.errors import ValidationError
from deskbridge.workspace import Workspace


@pytest.fixture
def ids(workspace: Workspace) -> WeekIds:
    return fill_week(workspace)


@pytest.fixture
def week47(workspace: Workspace, ids: WeekIds) -> Digest:
    return workspace.digest.read(WEEK)


# --- ISO weeks ------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["2026-W48", "2026W48", "2026-w48", " 2026-W48 ", "2026-W8"])
def test_a_week_is_read_from_its_iso_spellings(text: str) -> None:
    week = IsoWeek.parse(text)
    assert week.year == 2026 and week.week == (8 if text.endswith("W8") else 48)


@pytest.mark.parametrize("text", ["2026-W54", "2025-W53", "2026-W00", "2026-48", "next", ""])
def test_a_bad_week_is_refused_on_the_week_field(text: str) -> None:
    with pytest.raises(ValidationError) as refused:
        IsoWeek.parse(text)
    assert refused.value.field == "week"


def test_a_week_knows_its_days_its_neighbours_and_its_label() -> None:
    week = IsoWeek.parse("2026-W48")
    assert (week.starts_on, week.ends_on) == (date(2026, 11, 23), date(2026, 11, 29))
    assert str(week) == "2026-W48"
    assert week.label == "Week 48 · 23–29 Nov 2026"
    assert week.next().label == "Week 49 · 30 Nov – 6 Dec 2026"
    assert IsoWeek(2026, 53).label == "Week 53 · 28 Dec 2026 – 3 Jan 2027"
    assert IsoWeek(2027, 1).previous() == IsoWeek(2026, 53)
    assert IsoWeek(2026, 53).next() == IsoWeek(2027, 1)
    assert IsoWeek.containing(date(2027, 1, 3)) == IsoWeek(2026, 53)


def test_the_default_week_is_the_clocks(workspace: Workspace) -> None:
    assert workspace.digest.read().week == IsoWeek(2026, 48)
    assert workspace.digest.read("2026-W47").week == WEEK


# --- what the week gathers ------------------------------------------------------------


def test_the_headline_counts_the_whole_week_and_nothing_outside_it(week47: Digest) -> None:
    assert (week47.meetings, week47.departments_met) == (3, 2)
    assert (week47.answers_received, week47.thanks_given, week47.tasks_done) == (2, 1, 2)
    assert headline(week47) == EXPECTED_HEADLINE


def test_projects_that_moved_say_how(week47: Digest, ids: WeekIds) -> None:
    [fair] = week47.projects
    assert fair.id == ids.project
    assert (fair.tasks_done, fair.meetings, fair.done_titles) == (1, 1, ("Book the venue",))
    assert fair.departments == ("Finance", "IT")
    assert week47.tasks_done_outside_projects == 1


def test_a_project_ending_this_week_is_finished_only_once_it_is_done(
    workspace: Workspace,
) -> None:
    week = IsoWeek.parse("2026-W48")
    planned = workspace.projects.create(
        "Still going", status="active", starts_on=date(2026, 10, 1), ends_on=date(2026, 11, 25)
    )
    workspace.projects.create(
        "Wrapped up", status="done", starts_on=date(2026, 10, 1), ends_on=date(2026, 11, 24)
    )
    text = to_markdown(workspace.digest.read(week))
    assert re.search(r"Still going.*planned to end this week", text)
    assert re.search(r"Wrapped up.*finished this week", text)
    assert planned.id in {move.id for move in workspace.digest.read(week).projects}


def test_goals_stand_where_the_week_left_them(week47: Digest, ids: WeekIds) -> None:
    # The newsletter goal was recorded after the week, with no earlier check-in.
    [goal] = week47.goals
    assert (goal.id, goal.value, goal.percent) == (ids.goal, 70, 50)
    assert (goal.checkins_this_week, goal.change_this_week) == (1, -5)
    [due] = week47.goals_due
    assert (due.title, due.due_on, due.percent) == ("Lower cost per lead", date(2026, 12, 10), 50)


def test_input_received_and_thanks_given_are_the_weeks_newest_first(week47: Digest) -> None:
    assert [(a.person, a.department, a.topic) for a in week47.answers] == [
        ("Ivo Petrov", "IT", SCRIPT_TOPIC),
        ("Ana Lopez", "Finance", "Q3 ROI"),
    ]
    assert [(t.person, t.topic, t.thanked_on) for t in week47.thanks] == [
        ("Ana Lopez", "Q3 ROI", date(2026, 11, 20))
    ]


def test_meetings_count_per_department_without_the_user(week47: Digest) -> None:
    rows = [(d.department, d.meetings, d.people) for d in week47.by_department]
    # "Me" (in Finance) sat in on the budget sync; only Ana counts for Finance.
    assert rows == [("Finance", 2, 1), ("IT", 2, 1)]
    [highlight] = week47.highlights
    assert (highlight.summary, highlight.outcome) == ("Budget sync", "Agreed the fair budget")
    assert highlight.people == ("Ana Lopez", "Ivo Petrov")


def test_coming_up_is_next_weeks_open_work(week47: Digest) -> None:
    [task] = week47.upcoming_tasks
    assert (task.title, task.due_on, task.project) == ("Send invitations", date(2026, 11, 25),
                                                      "Spring fair")  # fmt: skip
    assert task.assignees == ("Ana Lopez", "Ivo Petrov")
    [ask] = week47.upcoming_asks
    assert (ask.topic, ask.person, ask.needed_by) == ("Headcount plan", "Ana Lopez",
                                                     date(2026, 11, 26))  # fmt: skip


def test_lists_are_capped_but_totals_are_not(workspace: Workspace, ids: WeekIds) -> None:
    digest = workspace.digest.read(WEEK, limit=1)
    assert len(digest.answers) == 1 and digest.answers_received == 2
    assert "…and 1 answer more" in to_markdown(digest)
    assert "…and 1 answer more" in to_html(digest)


# --- the two formats ------------------------------------------------------------------


def test_markdown_has_every_section_and_item(week47: Digest) -> None:
    text = to_markdown(week47)
    assert text.startswith("# Weekly digest · Week 47 · 16–22 Nov 2026\n")
    assert f"**{EXPECTED_HEADLINE}**" in text
    for heading in ("Projects that moved", "Shared goals", "Input received and thanks given",
                    "Meetings by department", "Coming up"):  # fmt: skip
        assert f"\n## {heading}\n" in text
    assert "- **Spring fair** _(proposed)_: 1 task done, 1 meeting. Done: Book the venue" in text
    assert "Plus 1 joint task done outside projects." in text
    assert "cost per lead 70 EUR, target 60 EUR (50%)" in text
    assert "1 check-in this week, −5 EUR" in text
    assert "- Ana Lopez (Finance) on **Q3 ROI**: 2.4x return on the fair" in text
    assert "- Ana Lopez (Finance) for **Q3 ROI**" in text
    assert "| Finance | 2 | 1 |" in text
    assert "- **Budget sync**: Agreed the fair budget _· with Ana Lopez, Ivo Petrov_" in text
    assert "- Wed 25 Nov: **Send invitations** (Spring fair)" in text
    assert "- Thu 26 Nov: **Headcount plan** from Ana Lopez (Finance)" in text
    assert "Old chat" not in text and "Old answer" not in text and "Later work" not in text


def test_html_has_every_section_and_item(week47: Digest) -> None:
    page = to_html(week47)
    assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")
    assert "<title>Weekly digest · Week 47 · 16–22 Nov 2026</title>" in page
    assert EXPECTED_HEADLINE in page
    assert "<style" not in page  # mail clients drop style sheets: everything is inline
    for heading in ("Projects that moved", "Shared goals", "Input received and thanks given",
                    "Meetings by department", "Coming up"):  # fmt: skip
        assert re.search(rf"<h2[^>]*>{heading}</h2>", page)
    assert "<b>Spring fair</b>" in page and "1 task done, 1 meeting" in page
    assert "Ana Lopez (Finance) on <b>Q3 ROI</b>: 2.4x return on the fair" in page
    assert "Agreed the fair budget" in page and "<b>Send invitations</b>" in page


def test_no_private_note_reaches_either_format(workspace: Workspace, ids: WeekIds) -> None:
    for week in (WEEK, WEEK.next(), WEEK.previous()):
        digest = workspace.digest.read(week)
        for text in (to_markdown(digest), to_html(digest)):
            assert "SECRET" not in text, week


def test_no_private_column_is_even_read(workspace: Workspace, ids: WeekIds) -> None:
    statements: list[str] = []

    def seen(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        statements.append(statement)

    event.listen(workspace.db.engine, "before_cursor_execute", seen)
    try:
        workspace.digest.read(WEEK)
    finally:
        event.remove(workspace.db.engine, "before_cursor_execute", seen)
    assert statements
    private = re.compile(r"\.(notes|note|thanks_note|question|description|purpose)\b")
    assert [s for s in statements if private.search(s)] == []
    assert all(secret not in " ".join(statements) for secret in SECRETS)


def test_user_text_is_escaped_in_html(week47: Digest) -> None:
    page = to_html(week47)
    assert "<script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; CRM export" in page


def test_user_text_is_escaped_in_markdown(week47: Digest) -> None:
    text = to_markdown(week47)
    assert "**\\<script\\>alert(1)\\</script\\> CRM export**" in text
    assert "CSV \\*attached\\* \\[see link\\]" in text
    assert markdown_escape("R&D | *x* _y_\nnext &amp;") == "R&D \\| \\*x\\* \\_y\\_ next \\&amp;"


def test_an_empty_week_is_a_short_friendly_digest(workspace: Workspace) -> None:
    digest = workspace.digest.read("2026-W40")
    assert digest.is_quiet and not digest.has_upcoming and not digest.goals
    assert headline(digest) == QUIET
    text, page = to_markdown(digest), to_html(digest)
    assert "##" not in text and "<h2" not in page
    assert CALM in text and CALM in page
    assert len(text.splitlines()) < 10
