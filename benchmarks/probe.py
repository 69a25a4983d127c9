"""One part of the scale benchmark, in a process of its own so that its peak memory is its
own and Qt starts clean:

    python -m benchmarks.probe {core,gui,data} --db FILE --contacts N --runs R --out FILE.json

Writes the part's figures as JSON; the scale command collects them."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from benchmarks.timing import own_peak_mib


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("part", choices=("core", "gui", "data"))
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--contacts", type=int, required=True)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    figures: dict[str, float]
    # Each part imports only what it needs: the GUI part's memory should not count modules
    # the core queries never load.
    if args.part == "core":
        from benchmarks import core_figures

        figures = core_figures.measure(args.db, args.runs)
    elif args.part == "gui":
        from benchmarks import gui_figures

        figures = gui_figures.measure(args.db, args.runs)
        figures["views memory"] = own_peak_mib()
    else:
        from benchmarks import data_figures

        figures = data_figures.measure(args.db, args.contacts, args.runs)
    args.out.write_text(json.dumps(figures, indent=1))


if __name__ == "__main__":
    main()
