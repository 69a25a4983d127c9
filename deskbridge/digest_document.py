"""The weekly digest's wording, laid out once as a small document (sections of headed
groups of lines) that the Markdown and the HTML writers turn into their own format.

Runs of text say whether they hold user text (escaped by each writer) or DeskBridge's own
wording, so escaping is decided in one place per format.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from deskbridge.digest_records import Digest, GoalProgress, ProjectMove
from deskbridge.iso_weeks import MONTHS, IsoWeek
from deskbridge.store.vocabulary import ProjectStatus
from deskbridge.wording import plural as plural  # digest modules import it from here

WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
PROJECT_STATUS = {"on_hold": "on hold"}
QUIET = "A quiet week: no meetings, answers, thanks or finished tasks were logged."
CALM = "Nothing to report this week, and nothing due soon. Enjoy the calm."
NO_DEPARTMENT = "No department"


@dataclass(frozen=True)
class Text:
    """A run of text: ``user`` text is escaped by the writer, DeskBridge's wording is not."""

    value: str
    user: bool = True
    strong: bool = False
    quiet: bool = False


Line = tuple[Text, ...]


@dataclass(frozen=True)
class Group:
    """Bullet lines under an optional label; ``progress`` puts a bar under line i."""

    label: str
    lines: tuple[Line, ...]
    progress: tuple[int, ...] = ()


@dataclass(frozen=True)
class TableRow:
    colour: str | None
    cells: tuple[str, ...]


@dataclass(frozen=True)
class Table:
    header: tuple[str, ...]
    rows: tuple[TableRow, ...]


@dataclass(frozen=True)
class Section:
    heading: str
    intro: Line = ()
    table: Table | None = None
    groups: tuple[Group, ...] = ()
    after: Line = ()


def short_day(day: date) -> str:
    """``Fri 4 Dec``."""
    return f"{WEEKDAYS[day.weekday()]} {day.day} {MONTHS[day.month - 1]}"


def title(week: IsoWeek) -> str:
    return f"Weekly digest · {week.label}"


def headline(digest: Digest) -> str:
    """One sentence with the week's figures; the figures that are zero are left out."""
    if digest.is_quiet:
        return QUIET
    parts = []
    if digest.meetings:
        meetings = plural(digest.meetings, "meeting")
        if digest.departments_met:
            meetings += f" with {plural(digest.departments_met, 'department')}"
        parts.append(meetings)
    if digest.answers_received:
        parts.append(plural(digest.answers_received, "answer") + " received")
    if digest.thanks_given:
        parts.append(f"{digest.thanks_given} thanks given")
    if digest.tasks_done:
        parts.append(plural(digest.tasks_done, "joint task") + " done")
    return "This week: " + ", ".join(parts)


def number(value: float) -> str:
    """A metric value without a useless ``.0``: ``1,250``, ``72.5``."""
    if value == int(value):
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def amount(value: float, unit: str) -> str:
    if not unit:
        return number(value)
    return f"{number(value)}{unit}" if unit == "%" else f"{number(value)} {unit}"


def project_activity(move: ProjectMove) -> str:
    """``3 tasks done, 2 meetings, started this week``."""
    parts = []
    if move.tasks_done:
        parts.append(plural(move.tasks_done, "task") + " done")
    if move.meetings:
        parts.append(plural(move.meetings, "meeting"))
    if move.created:
        parts.append("added this week")
    if move.started:
        parts.append("started this week")
    if move.finished:
        # The end date is a plan until the project is marked done.
        finished = move.status == ProjectStatus.DONE
        parts.append("finished this week" if finished else "planned to end this week")
    return ", ".join(parts)


def goal_standing(goal: GoalProgress) -> str:
    """``cost per lead 72.5 EUR, target 60 EUR (38%)``."""
    return (
        f"{goal.metric_name} {amount(goal.value, goal.metric_unit)}, "
        f"target {amount(goal.target, goal.metric_unit)} ({goal.percent}%)"
    )


def goal_week(goal: GoalProgress, week: IsoWeek) -> str:
    """``2 check-ins this week, +4.5 EUR · due Tue 2 Mar 2027``."""
    if goal.checkins_this_week:
        text = plural(goal.checkins_this_week, "check-in") + " this week"
        change = goal.change_this_week
        if change:
            sign = "+" if change > 0 else "−"
            text += f", {sign}{amount(abs(change), goal.metric_unit)}"
    else:
        text = "no check-in this week"
    if goal.due_on:
        when = "was due" if goal.due_on < week.starts_on else "due"
        text += f" · {when} {short_day(goal.due_on)} {goal.due_on.year}"
    return text


def _more(shown: int, total: int, what: str) -> tuple[Line, ...]:
    extra = total - shown
    return ((quiet(f"…and {plural(extra, what)} more"),),) if extra > 0 else ()


def words(value: str) -> Text:
    return Text(value, user=False)


def quiet(value: str, *, user: bool = False) -> Text:
    return Text(value, user=user, quiet=True)


def _who(person: str, department: str | None) -> tuple[Text, ...]:
    if department:
        return Text(person), words(" ("), Text(department), words(")")
    return (Text(person),)


def _projects(digest: Digest) -> Section | None:
    if not digest.projects and not digest.tasks_done_outside_projects:
        return None
    lines = []
    for move in digest.projects:
        status = PROJECT_STATUS.get(move.status, move.status)
        line = [Text(move.name, strong=True), quiet(f" ({status})")]
        activity = project_activity(move)
        if activity:
            line.append(words(f": {activity}"))
        for index, done in enumerate(move.done_titles):
            line.extend([words(". Done: " if index == 0 else "; "), Text(done)])
        if move.departments:
            line.extend([quiet(" · "), quiet(", ".join(move.departments), user=True)])
        lines.append(tuple(line))
    outside = digest.tasks_done_outside_projects
    after: Line = ()
    if outside:
        prefix = "Plus " if digest.projects else ""
        after = (words(f"{prefix}{plural(outside, 'joint task')} done outside projects."),)
    return Section("Projects that moved", groups=(Group("", tuple(lines)),), after=after)


def _goals(digest: Digest) -> Section | None:
    if not digest.goals:
        return None
    lines = tuple(
        (Text(goal.title, strong=True), words(": "), Text(goal_standing(goal)),
         quiet(f" · {goal_week(goal, digest.week)}"))
        for goal in digest.goals
    )  # fmt: skip
    group = Group(
        "",
        lines + _more(len(digest.goals), digest.goals_total, "active goal"),
        progress=tuple(goal.percent for goal in digest.goals),
    )
    return Section("Shared goals", groups=(group,))


def _input(digest: Digest) -> Section | None:
    if not digest.answers and not digest.thanks:
        return None
    answers = []
    for answer in digest.answers:
        line = [*_who(answer.person, answer.department), words(" on ")]
        line.append(Text(answer.topic, strong=True))
        summary = answer.answer_summary.strip()
        if summary:
            line.extend([words(": "), Text(summary)])
        answers.append(tuple(line))
    thanks = [
        (*_who(thanks.person, thanks.department), words(" for "), Text(thanks.topic, strong=True))
        for thanks in digest.thanks
    ]
    groups = []
    if answers:
        more = _more(len(answers), digest.answers_received, "answer")
        groups.append(Group("Answers received", tuple(answers) + more))
    if thanks:
        more = _more(len(thanks), digest.thanks_given, "thank-you")
        groups.append(Group("Thanks given", tuple(thanks) + more))
    return Section("Input received and thanks given", groups=tuple(groups))


def _meetings(digest: Digest) -> Section | None:
    if not digest.meetings:
        return None
    rows = tuple(
        TableRow(d.colour, (d.department or NO_DEPARTMENT, str(d.meetings), str(d.people)))
        for d in digest.by_department
    )
    highlights = []
    for highlight in digest.highlights:
        line = [Text(highlight.summary, strong=True), words(": "), Text(highlight.outcome)]
        if highlight.people:
            line.extend([quiet(" · with "), quiet(", ".join(highlight.people), user=True)])
        highlights.append(tuple(line))
    return Section(
        "Meetings by department",
        intro=(words(f"{plural(digest.meetings, 'meeting')} logged this week."),),
        table=Table(("Department", "Meetings", "People met"), rows) if rows else None,
        groups=(Group("What came of them", tuple(highlights)),) if highlights else (),
    )


def _upcoming(digest: Digest) -> Section | None:
    if not digest.has_upcoming:
        return None
    tasks = []
    for task in digest.upcoming_tasks:
        line = [words(f"{short_day(task.due_on)}: "), Text(task.title, strong=True)]
        if task.project:
            line.extend([words(" ("), Text(task.project), words(")")])
        if task.assignees:
            line.extend([quiet(" · "), quiet(", ".join(task.assignees), user=True)])
        tasks.append(tuple(line))
    asks = [
        (words(f"{short_day(ask.needed_by)}: "), Text(ask.topic, strong=True), words(" from "),
         *_who(ask.person, ask.department))
        for ask in digest.upcoming_asks
    ]  # fmt: skip
    goals = [
        (words(f"{short_day(goal.due_on)}: "), Text(goal.title, strong=True),
         words(f", at {goal.percent}%"))
        for goal in digest.goals_due
    ]  # fmt: skip
    groups = []
    if tasks:
        more = _more(len(tasks), digest.upcoming_tasks_total, "task")
        groups.append(Group("Joint tasks due", tuple(tasks) + more))
    if asks:
        more = _more(len(asks), digest.upcoming_asks_total, "ask")
        groups.append(Group("Input needed", tuple(asks) + more))
    if goals:
        groups.append(Group("Goals due within a month", tuple(goals)))
    return Section(
        "Coming up",
        intro=(quiet(f"Next week: {digest.week.next().label}"),),
        groups=tuple(groups),
    )


def sections(digest: Digest) -> list[Section]:
    """The digest's sections in reading order; empty ones are left out."""
    built = [_projects(digest), _goals(digest), _input(digest), _meetings(digest)]
    built.append(_upcoming(digest))
    return [section for section in built if section is not None]
