"""Writing an export so that the target is either the whole new file or untouched."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from deskbridge.errors import ExchangeFileError


@contextmanager
def replacing(
    path: Path, *, encoding: str = "utf-8", newline: str | None = ""
) -> Iterator[IO[str]]:
    """A text file to write ``path`` through: it is a temporary file beside ``path`` that
    replaces it when the block ends normally, and is removed when the block raises (a
    cancel, a failure), so no half-written export is ever left under the target's name.

    The temporary file sits in the target's folder because a rename is only atomic within
    one file system. A folder that cannot be written raises :class:`ExchangeFileError`."""
    folder = path.parent
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=folder)
    except OSError as error:
        raise ExchangeFileError(str(path), f"cannot be written ({_reason(error)})") from error
    temporary_path = Path(temporary)
    try:
        with os.fdopen(handle, "w", encoding=encoding, newline=newline) as stream:
            yield stream
        # Exports are personal data, like the database (created 0600): a new file keeps
        # mkstemp's owner-only mode; a file being replaced keeps the mode it had.
        if path.exists():
            temporary_path.chmod(path.stat().st_mode & 0o777)
        temporary_path.replace(path)
    except BaseException as error:
        temporary_path.unlink(missing_ok=True)
        if isinstance(error, OSError):
            raise ExchangeFileError(str(path), f"cannot be written ({_reason(error)})") from error
        raise


def _reason(error: OSError) -> str:
    return error.strerror.lower() if error.strerror else str(error)
