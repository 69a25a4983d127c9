"""The keyboard shortcuts, as Help › Keyboard shortcuts (F1) lists them."""

from __future__ import annotations

PALETTE_KEYS = "Ctrl+K"
SHORTCUTS = (
    (PALETTE_KEYS, "Command palette: find anyone or anything, run any command"),
    ("/", "Put the cursor in the current view's filter"),
    ("Ctrl+L", "Quick log a meeting, call or coffee (from anywhere)"),
    ("Ctrl+T", "New joint task (from anywhere)"),
    ("Ctrl+Shift+A", "Ask a colleague for input"),
    ("Ctrl+N", "New contact"),
    ("Ctrl+F", "Find a contact"),
    (
        "Ctrl+1 … Ctrl+0",
        "Today, Contacts, Departments, Meetings, Requests, Tasks, Projects, Goals, Review, "
        "Coverage",
    ),
    ("Ctrl+R", "Start the weekly review"),
    ("Ctrl+Shift+D", "The weekly digest: preview, copy or save the team's newsletter"),
    ("L S T N C D K", "In the review: log a touch, snooze, thank, nudge, check in, done, skip"),
    ("Ctrl+Enter", "In the review: finish it"),
    ("Ctrl+Shift+P", "On Contacts and Meetings: prepare a meeting with those people"),
    ("F5", "Re-read the current view"),
    ("L / S / O", "On Today: log a touch, snooze, open the selected contact"),
    ("A / N / T", "On Today's asks: record the answer, nudge, thank"),
    ("D / E", "On Today's tasks: mark done, edit"),
    ("Space", "On Tasks: mark the selected task done"),
    ("Ctrl+Shift+I", "On Goals: add a check-in"),
    ("Ctrl+I / Ctrl+Shift+E", "Import contacts / Export"),
    ("Ctrl+,", "Preferences"),
    ("Ctrl+Q", "Quit"),
)
