"""Where DeskBridge keeps its data. Every path the app uses is decided here."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from platformdirs import user_data_path

from deskbridge import APP_NAME

DB_ENV_VAR = "DESKBRIDGE_DB"
DEFAULT_DB_NAME = "deskbridge.sqlite3"


def data_dir() -> Path:
    return user_data_path(APP_NAME, appauthor=False)


def default_database_path() -> Path:
    return data_dir() / DEFAULT_DB_NAME


def demo_database_path() -> Path:
    return data_dir() / "demo.sqlite3"


def backup_folder_for(db_path: Path) -> Path:
    """Where the backups of the database file ``db_path`` go: one folder per database
    (named after the file, plus a short hash of its full path), so two databases that
    share a name never mix their backups."""
    resolved = db_path.expanduser().resolve()
    digest = hashlib.sha256(os.fsencode(resolved)).hexdigest()[:10]
    return data_dir() / "backups" / f"{resolved.stem}-{digest}"


def database_url(location: str | os.PathLike[str] | None = None) -> str:
    """A SQLAlchemy URL for ``location``: a file path or a URL; else ``$DESKBRIDGE_DB``;
    else the default file in the user data directory."""
    chosen = os.fspath(location) if location is not None else os.environ.get(DB_ENV_VAR)
    if not chosen:
        return f"sqlite:///{default_database_path()}"
    if "://" in chosen:
        return chosen
    return f"sqlite:///{Path(chosen).expanduser().resolve()}"
