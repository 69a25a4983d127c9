"""The health check for a team database: can we reach the server, and is the schema ours?"""

from __future__ import annotations

from sqlalchemy import create_engine, inspect
from sqlalchemy.engine import URL
from sqlalchemy.exc import SQLAlchemyError

from deskbridge.database_health import Problem
from deskbridge.sqlite_files import is_known_revision
from deskbridge.store.migrate import current_revision

CONNECT_TIMEOUT_S = 5


def _why_unreachable(error: Exception) -> str:
    text = str(getattr(error, "orig", None) or error).lower()
    if "password" in text or "authentication" in text or "role" in text:
        return "refused the user name or password"
    if "does not exist" in text:
        return "is not there: the server has no such database"
    return "cannot be reached: the server is not running, or the address is wrong"


def diagnose_server(url: URL) -> tuple[Problem | None, str]:
    """Connect to the server (reading only) and say what stands in the way, if anything."""
    connect_args = (
        {"connect_timeout": CONNECT_TIMEOUT_S} if url.drivername.startswith("postgresql") else {}
    )
    try:
        engine = create_engine(url, connect_args=connect_args)
    except (SQLAlchemyError, ImportError) as error:
        return Problem.UNREACHABLE, f"cannot be used: {error}"
    try:
        with engine.connect() as connection:
            revision = current_revision(connection)
            tables = inspect(connection).get_table_names()
    except SQLAlchemyError as error:
        return Problem.UNREACHABLE, _why_unreachable(error)
    finally:
        engine.dispose()
    if revision is not None and not is_known_revision(revision):
        return Problem.NEWER_VERSION, (
            f"was written by a newer DeskBridge (schema {revision}); update DeskBridge to open it"
        )
    if revision is None and tables:
        return Problem.NOT_DESKBRIDGE, "is not a DeskBridge database: it holds other tables"
    return None, "is reachable and its schema is one this DeskBridge knows"
