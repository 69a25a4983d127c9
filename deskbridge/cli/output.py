"""Printing results for people (aligned columns) and for scripts (JSON)."""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from dataclasses import asdict, is_dataclass
from datetime import date, datetime
from enum import Enum
from typing import Any


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    return value


def print_json(items: Sequence[Any]) -> None:
    plain = [_plain(asdict(item) if is_dataclass(item) else item) for item in items]  # type: ignore[arg-type]
    json.dump(plain, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def print_table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
    """Aligned columns of text; long listings (tens of thousands of rows) stay quick."""
    columns = zip(*rows, strict=True) if rows else ((),) * len(headers)
    widths = [
        max(len(header), max(map(len, column), default=0))
        for header, column in zip(headers, columns, strict=True)
    ]
    pattern = "  ".join(f"{{:<{w}}}" for w in widths)
    lines = [pattern.format(*headers).rstrip()]
    lines.extend(pattern.format(*row).rstrip() for row in rows)
    sys.stdout.write("\n".join(lines) + "\n")


def cell(value: object) -> str:
    """A cell for print_table: empty for None, ISO for dates, the value of an enum."""
    if value is None:
        return ""
    if isinstance(value, Enum):
        return str(value.value)
    return str(value)
