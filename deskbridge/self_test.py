"""``deskbridge --self-test``: prove an install or bundle works, loudly naming what does not.

This module holds the steps below the UI (database, migrations, a contact, the exchange
formats); deskbridge.ui.self_test adds the window, the icon and the charts. Each step
returns a short detail to print; any exception fails the step and the run.
"""

from __future__ import annotations

import io
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TextIO

from deskbridge.clock import SystemClock
from deskbridge.progress import no_progress
from deskbridge.workspace import Workspace

Step = tuple[str, Callable[[], str]]
PASSED = "self-test passed"

SAMPLE_VCARD = """BEGIN:VCARD
VERSION:3.0
FN:Ada Self-Test
N:Self-Test;Ada;;;
EMAIL;TYPE=work:ada@example.org
ORG:Finance
END:VCARD
"""


class DomainChecks:
    """The steps that need no Qt, sharing one temporary database in ``folder``."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.workspace: Workspace | None = None

    def steps(self) -> list[Step]:
        return [
            ("open a temporary database and run the migrations", self.open_database),
            ("create and read a contact", self.contact),
            ("read a vCard", self.vcard),
            ("write an iCalendar file", self.icalendar),
        ]

    def open_database(self) -> str:
        from deskbridge.store.migrate import MIGRATIONS_DIR, head_revision

        self.workspace = Workspace.open(str(self.folder / "self-test.sqlite3"))
        with self.workspace.db.engine.connect() as connection:
            from deskbridge.store.migrate import current_revision

            current = current_revision(connection)
        head = head_revision()  # reads the migration scripts from disk, as an upgrade does
        if current != head:
            raise RuntimeError(f"schema {current}, but the migrations end at {head}")
        return f"schema {current} from {MIGRATIONS_DIR}"

    def contact(self) -> str:
        workspace = self.opened()
        added = workspace.contacts.add("Grace Self-Test", emails=["grace@example.org"])
        read = workspace.contacts.get(added.id)
        if read.full_name != "Grace Self-Test":
            raise RuntimeError(f"read back {read.full_name!r}")
        return f"contact #{read.id} {read.full_name}"

    def vcard(self) -> str:
        from deskbridge.exchange.vcard_contacts import read_vcards

        path = self.folder / "self-test.vcf"
        path.write_text(SAMPLE_VCARD, encoding="utf-8")
        parsed = read_vcards(path)
        if len(parsed.contacts) != 1 or parsed.problems:
            raise RuntimeError(f"{len(parsed.contacts)} contacts, problems: {parsed.problems}")
        return f"1 contact through vobject ({parsed.source})"

    def icalendar(self) -> str:
        from deskbridge.exchange.calendar_export import write_calendar

        workspace = self.opened()
        stream = io.StringIO()
        write_calendar(workspace.db, SystemClock(), stream, no_progress)
        if "BEGIN:VCALENDAR" not in stream.getvalue():
            raise RuntimeError("no VCALENDAR written")
        return f"{len(stream.getvalue())} characters through icalendar"

    def opened(self) -> Workspace:
        if self.workspace is None:
            raise RuntimeError("the database step did not run")
        return self.workspace

    def close(self) -> None:
        if self.workspace is not None:
            self.workspace.close()
            self.workspace = None


def run_steps(steps: Sequence[Step], out: TextIO | None = None) -> int:
    """Run ``steps`` in order, one line each; stop at the first failure. 0 when all pass."""
    out = out or sys.stdout
    for number, (name, step) in enumerate(steps, 1):
        try:
            detail = step()
        except Exception as error:
            print(f"[{number}/{len(steps)}] {name}: FAILED", file=out)
            print(f"self-test failed at step {number} ({name}): "
                  f"{type(error).__name__}: {error}", file=out)  # fmt: skip
            out.flush()
            return 1
        print(f"[{number}/{len(steps)}] {name}: ok ({detail})", file=out)
        out.flush()
    print(PASSED, file=out)
    return 0
