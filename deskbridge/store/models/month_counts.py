"""Figures derived from the meeting log and kept current by the domain for speed."""

from __future__ import annotations

from datetime import date

from sqlalchemy import CheckConstraint, Date, ForeignKey, Integer
from sqlalchemy.orm import Mapped, mapped_column

from deskbridge.store.models.base import LINK_TABLE_OPTIONS, Base


class DepartmentMonthCount(Base):
    """How many logged interactions of one calendar month had someone of the department in
    them ("me" aside, archived people included): the Coverage chart's figures. Maintained by
    ``deskbridge.month_counts`` in the same transaction as every write that moves them, and
    compared with a from-scratch count by ``deskbridge check``. Only months with at least one
    interaction have a row."""

    __tablename__ = "department_month_counts"
    __table_args__ = (
        CheckConstraint("interactions > 0", name="interactions_positive"),
        LINK_TABLE_OPTIONS,
    )

    department_id: Mapped[int] = mapped_column(
        ForeignKey("departments.id", ondelete="CASCADE"), primary_key=True
    )
    # The first day of the month.
    month: Mapped[date] = mapped_column(Date, primary_key=True)
    interactions: Mapped[int] = mapped_column(Integer)
