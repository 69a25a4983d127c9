"""Persistence: typed SQLAlchemy models, engine, migrations and queries. No Qt, no domain."""
