"""Running ``deskbridge`` in-process, the way a shell would, and reading what it printed."""

from __future__ import annotations

import pytest

from deskbridge.cli.main import main


def run_cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """The exit code, standard output and standard error of ``deskbridge *argv``."""
    capsys.readouterr()  # only what this command prints
    try:
        code = main(list(argv))
    except SystemExit as exit_:
        # argparse exits on a usage error; a shell would see its code.
        code = exit_.code if isinstance(exit_.code, int) else 1
    captured = capsys.readouterr()
    return code, captured.out, captured.err
