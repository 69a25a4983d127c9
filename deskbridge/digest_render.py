"""The weekly digest as Markdown (for chat and wikis) and as standalone HTML (for e-mail),
both written from the same document (:mod:`deskbridge.digest_document`).

Every piece of user text is escaped for its format. The HTML carries its styling inline
(mail clients drop style sheets) and its own light "paper" colours, so the newsletter
looks the same in every reader, whatever their theme.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from html import escape
from pathlib import Path

from deskbridge.digest_document import (
    CALM,
    Group,
    Line,
    Section,
    Table,
    Text,
    headline,
    sections,
    title,
)
from deskbridge.digest_records import Digest

# The paper the HTML is printed on; every colour keeps WCAG AA contrast on it.
PAPER = "#ffffff"
INK = "#1f2328"
MUTED = "#57606a"
ACCENT = "#1f5fbf"
RULE = "#d0d7de"
TRACK = "#e3e8ee"
FONT = "-apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif"
FOOTER = "Compiled with DeskBridge."
_HEX_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
_MARKDOWN_SIGNIFICANT = re.compile(r"([\\`*_{}\[\]<>|~#])")
_ENTITY = re.compile(r"&(?=#?\w+;)")


# --- Markdown -------------------------------------------------------------------------


def markdown_escape(text: str) -> str:
    """``text`` as literal Markdown on one line: significant characters get a backslash,
    an ``&`` that would start an entity too, and line breaks become spaces."""
    flat = " ".join(text.split())
    return _ENTITY.sub(r"\\&", _MARKDOWN_SIGNIFICANT.sub(r"\\\1", flat))


def _md_plain(part: Text) -> str:
    return markdown_escape(part.value) if part.user else part.value


def _md_emphasis(value: str) -> str:
    # Emphasis markers must hug the text, so surrounding spaces stay outside them.
    core = value.strip()
    if not core:
        return value
    lead = value[: len(value) - len(value.lstrip())]
    trail = value[len(value.rstrip()) :]
    return f"{lead}_{core}_{trail}"


def _md_line(line: Line) -> str:
    """A line of Markdown; neighbouring quiet runs share one pair of emphasis markers."""
    out: list[str] = []
    quiet: list[str] = []
    for part in line:
        if part.quiet:
            quiet.append(_md_plain(part))
            continue
        if quiet:
            out.append(_md_emphasis("".join(quiet)))
            quiet = []
        value = _md_plain(part)
        out.append(f"**{value}**" if part.strong and value else value)
    if quiet:
        out.append(_md_emphasis("".join(quiet)))
    return "".join(out)


def _md_table(table: Table) -> list[str]:
    out = ["| " + " | ".join(table.header) + " |"]
    out.append("| --- |" + " ---: |" * (len(table.header) - 1))
    out.extend(
        "| " + " | ".join(markdown_escape(c) for c in row.cells) + " |" for row in table.rows
    )
    return [*out, ""]


def _md_group(group: Group) -> list[str]:
    out = [f"**{group.label}**", ""] if group.label else []
    out.extend(f"- {_md_line(line)}" for line in group.lines)
    return [*out, ""]


def to_markdown(digest: Digest) -> str:
    """The digest as a Markdown document."""
    out = [f"# {title(digest.week)}", "", f"**{headline(digest)}**", ""]
    found = sections(digest)
    for section in found:
        out.extend([f"## {section.heading}", ""])
        if section.intro:
            out.extend([_md_line(section.intro), ""])
        if section.table:
            out.extend(_md_table(section.table))
        for group in section.groups:
            out.extend(_md_group(group))
        if section.after:
            out.extend([_md_line(section.after), ""])
    if not found:
        out.extend([CALM, ""])
    out.append(f"_{FOOTER}_")
    return "\n".join(out) + "\n"


# --- HTML -----------------------------------------------------------------------------


def _colour(value: str | None) -> str:
    return value if value and _HEX_COLOUR.match(value) else MUTED


def _html_text(part: Text) -> str:
    value = escape(part.value)
    if part.strong:
        return f"<b>{value}</b>"
    if part.quiet:
        return f'<span style="color:{MUTED};">{value}</span>'
    return value


def _html_line(line: Line) -> str:
    return "".join(_html_text(part) for part in line)


BAR_WIDTH = 220


def _bar_cell(width: int, colour: str) -> str:
    style = f"background-color:{colour};font-size:1px;line-height:6px;"
    return f'<td width="{width}" height="6" bgcolor="{colour}" style="{style}">&nbsp;</td>'


def _bar(percent: int) -> str:
    """A progress bar as a two-cell table of fixed widths, which mail clients and Qt's
    viewer both draw (neither draws a styled div reliably)."""
    filled = round(BAR_WIDTH * max(0, min(100, percent)) / 100)
    cells = [_bar_cell(filled, ACCENT)] if filled else []
    cells += [_bar_cell(BAR_WIDTH - filled, TRACK)] if filled < BAR_WIDTH else []
    return (
        f'<table role="presentation" width="{BAR_WIDTH}" cellspacing="0" cellpadding="0" '
        f'style="margin:3px 0 2px 0;"><tr>{"".join(cells)}</tr></table>'
    )


def _html_table(table: Table) -> Iterator[str]:
    cell = f"padding:3px 14px 3px 0;border-bottom:1px solid {RULE};"
    yield (
        '<table role="presentation" cellspacing="0" cellpadding="3" '
        'style="border-collapse:collapse;margin:6px 0 10px 0;">'
    )
    yield (
        "<tr>"
        + "".join(
            f'<th align="{"left" if i == 0 else "right"}" '
            f'style="{cell}color:{MUTED};font-weight:600;">{escape(h)}</th>'
            for i, h in enumerate(table.header)
        )
        + "</tr>"
    )
    for row in table.rows:
        name, *figures = row.cells
        dot = f'<span style="color:{_colour(row.colour)};">&#9679;</span>&nbsp;'
        yield (
            f'<tr><td style="{cell}">{dot}{escape(name)}</td>'
            + "".join(f'<td align="right" style="{cell}">{escape(f)}</td>' for f in figures)
            + "</tr>"
        )
    yield "</table>"


def _html_group(group: Group) -> Iterator[str]:
    if group.label:
        yield f'<p style="margin:10px 0 2px 0;font-weight:600;">{escape(group.label)}</p>'
    yield '<ul style="margin:4px 0 8px 0;padding-left:20px;">'
    for index, line in enumerate(group.lines):
        bar = _bar(group.progress[index]) if index < len(group.progress) else ""
        yield f'<li style="margin:0 0 6px 0;">{_html_line(line)}{bar}</li>'
    yield "</ul>"


def _html_section(section: Section) -> Iterator[str]:
    style = (
        f"font-size:17px;margin:22px 0 6px 0;color:{INK};"
        f"border-bottom:1px solid {RULE};padding-bottom:4px;"
    )
    yield f'<h2 style="{style}">{escape(section.heading)}</h2>'
    if section.intro:
        yield f'<p style="margin:4px 0 6px 0;">{_html_line(section.intro)}</p>'
    if section.table:
        yield from _html_table(section.table)
    for group in section.groups:
        yield from _html_group(group)
    if section.after:
        yield f'<p style="margin:4px 0 6px 0;">{_html_line(section.after)}</p>'


def to_html(digest: Digest) -> str:
    """The digest as a standalone HTML document for e-mail and the in-app preview."""
    found = sections(digest)
    body: list[str] = []
    for section in found:
        body.extend(_html_section(section))
    if not found:
        body.append(f'<p style="margin:16px 0;">{escape(CALM)}</p>')
    heading = escape(title(digest.week))
    return "\n".join(
        [
            "<!DOCTYPE html>",
            '<html lang="en"><head><meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f"<title>{heading}</title></head>",
            f'<body bgcolor="{PAPER}" style="margin:0;padding:0;background-color:{PAPER};'
            f'color:{INK};font-family:{FONT};font-size:14px;line-height:1.5;">',
            f'<div style="max-width:680px;margin:20px 24px;color:{INK};">',
            f'<h1 style="font-size:22px;margin:0 0 4px 0;color:{INK};">{heading}</h1>',
            f'<p style="font-size:15px;margin:0 0 8px 0;color:{ACCENT};font-weight:600;">'
            f"{escape(headline(digest))}</p>",
            *body,
            f'<p style="margin:24px 0 0 0;font-size:12px;color:{MUTED};">{FOOTER}</p>',
            "</div></body></html>",
        ]
    )


Renderer = Callable[[Digest], str]
FORMATS: dict[str, Renderer] = {"md": to_markdown, "html": to_html}
EXTENSIONS = {".html": "html", ".htm": "html", ".md": "md", ".markdown": "md"}


def format_named_by(path: Path) -> str | None:
    """The format a file name's extension asks for ("html" or "md"), None for another."""
    return EXTENSIONS.get(path.suffix.lower())
