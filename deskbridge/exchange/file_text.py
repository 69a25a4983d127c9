"""Reading an imported file as text, whatever encoding the exporting program chose.

A byte-order mark decides (UTF-8 with BOM, UTF-16); otherwise UTF-8 when the bytes are valid
UTF-8, else Windows-1252, which is what Outlook writes on most Western systems. UTF-16
without a BOM is recognised by its zero bytes.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass
from pathlib import Path

from deskbridge.errors import ExchangeFileError

BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


@dataclass(frozen=True)
class FileText:
    text: str
    encoding: str  # "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-8" or "cp1252"


def _bomless_utf16(data: bytes) -> str | None:
    """ "utf-16-le"/"utf-16-be" when most odd/even bytes are zero (ASCII-heavy UTF-16)."""
    sample = data[:4096]
    half = len(sample) // 2
    if half == 0:
        return None
    if sample[1::2].count(0) > half * 0.6:
        return "utf-16-le"
    if sample[0::2].count(0) > half * 0.6:
        return "utf-16-be"
    return None


def _encoding_of(data: bytes) -> str:
    for bom, encoding in BOMS:
        if data.startswith(bom):
            return encoding
    if b"\x00" in data[:4096]:
        utf16 = _bomless_utf16(data)
        if utf16:
            return utf16
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return "cp1252"
    return "utf-8"


def read_file_text(path: Path, what: str) -> FileText:
    """The file's text; ExchangeFileError when it cannot be read, is empty or is binary.
    ``what`` names the expected kind of file in messages ("CSV file", "vCard file")."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise ExchangeFileError(str(path), f"cannot read the file: {error.strerror}") from None
    encoding = _encoding_of(data)
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as error:
        raise ExchangeFileError(
            str(path),
            f"is not a {what}: byte {error.start} cannot be read as {encoding} text",
        ) from None
    if "\x00" in text:
        raise ExchangeFileError(str(path), f"is not a {what}: it holds binary data")
    if not text.strip():
        raise ExchangeFileError(str(path), "the file is empty")
    return FileText(text=text, encoding=encoding)
