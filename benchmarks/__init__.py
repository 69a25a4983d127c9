"""Benchmarks: scripts that print figures (run them with ``python -m benchmarks.<name>``).

Speed is measured here, never in timed unit tests; ``benchmarks.scale`` is the one command
that measures everything at 1,000 / 10,000 / 100,000 contacts."""
