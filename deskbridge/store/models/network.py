"""Who the user knows: departments, contacts and what hangs off a contact."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    false,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from deskbridge.store.models.base import LINK_TABLE_OPTIONS, Base

REMINDER_COLUMNS = (
    "archived", "is_me", "next_touch_on", "snoozed_until", "stale_after_on", "department_id",
)  # fmt: skip
STALE_DAY_COLUMNS = ("archived", "is_me", "stale_after_on", "full_name", "snoozed_until")


class Setting(Base):
    """Database-wide preferences that rules depend on (the global default cadence, ...)."""

    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class Department(Base):
    __tablename__ = "departments"
    __table_args__ = (
        CheckConstraint("length(trim(name)) > 0", name="name_not_blank"),
        CheckConstraint("cadence_days IS NULL OR cadence_days > 0", name="cadence_positive"),
        CheckConstraint("length(colour) = 7", name="colour_hex"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)
    colour: Mapped[str] = mapped_column(String(7), default="#607d8b")
    cadence_days: Mapped[int | None] = mapped_column(Integer)
    notes: Mapped[str] = mapped_column(Text, default="")

    contacts: Mapped[list[Contact]] = relationship(
        back_populates="department", passive_deletes=True
    )


class Contact(Base):
    """A person. ``last_touch_on``, ``next_touch_on`` and ``stale_after_on`` are derived by the
    keep-in-touch rule and maintained by the domain, so the due list is an index range scan."""

    __tablename__ = "contacts"
    __table_args__ = (
        CheckConstraint("length(trim(full_name)) > 0", name="name_not_blank"),
        CheckConstraint("cadence_days IS NULL OR cadence_days > 0", name="cadence_positive"),
        Index("ix_contacts_next_touch_on", "archived", "next_touch_on", "full_name", "id"),
        Index("ix_contacts_last_touch_on", "archived", "last_touch_on", "full_name", "id"),
        # "archived" rides along so the table's pages of active contacts by name (and by
        # department) are read off the index alone: the last page of 100,000 by OFFSET
        # costs ~4 ms instead of ~140 ms of row look-ups (Ctrl+End in Contacts).
        Index("ix_contacts_full_name", "full_name", "id", "archived"),
        Index("ix_contacts_department_id", "department_id", "full_name", "id", "archived"),
        # A contact's department without reading the wide row (Coverage's asks per department).
        Index("ix_contacts_department_of", "id", "department_id"),
        # Every input of the reminder rule: due counts and per-department counts are read
        # from the index alone instead of looking up thousands of rows.
        Index("ix_contacts_reminders", *REMINDER_COLUMNS),
        # Who goes stale before next Sunday, in the order they turn (the weekly review).
        Index("ix_contacts_stale_after_on", *STALE_DAY_COLUMNS),
        # At most one "me". Migration 0001 also gives PostgreSQL its WHERE clause; naming
        # it here would load the PostgreSQL dialect (~60 ms) at every start of every user.
        Index("uq_contacts_is_me", "is_me", unique=True, sqlite_where=text("is_me = 1")),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    full_name: Mapped[str] = mapped_column(String(200))
    department_id: Mapped[int | None] = mapped_column(
        ForeignKey("departments.id", ondelete="SET NULL")
    )
    role: Mapped[str] = mapped_column(String(200), default="")
    location: Mapped[str] = mapped_column(String(200), default="")
    strengths: Mapped[str] = mapped_column(Text, default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    cadence_days: Mapped[int | None] = mapped_column(Integer)
    snoozed_until: Mapped[date | None] = mapped_column(Date)
    archived: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    is_me: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    added_on: Mapped[date] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    last_touch_on: Mapped[date | None] = mapped_column(Date)
    next_touch_on: Mapped[date] = mapped_column(Date)
    stale_after_on: Mapped[date] = mapped_column(Date)

    department: Mapped[Department | None] = relationship(back_populates="contacts")
    emails: Mapped[list[ContactEmail]] = relationship(
        back_populates="contact", cascade="all, delete-orphan", order_by="ContactEmail.position"
    )
    phones: Mapped[list[ContactPhone]] = relationship(
        back_populates="contact", cascade="all, delete-orphan", order_by="ContactPhone.position"
    )
    tags: Mapped[list[ContactTag]] = relationship(
        back_populates="contact", cascade="all, delete-orphan", order_by="ContactTag.name"
    )


class ContactEmail(Base):
    """An e-mail address; position 0 is the primary one."""

    __tablename__ = "contact_emails"
    __table_args__ = (
        CheckConstraint("address LIKE '%_@_%'", name="address_shape"),
        CheckConstraint("position >= 0", name="position_not_negative"),
        Index("ix_contact_emails_address", "address"),
        Index("uq_contact_emails_contact_id_position", "contact_id", "position", unique=True),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    contact_id: Mapped[int] = mapped_column(ForeignKey("contacts.id", ondelete="CASCADE"))
    address: Mapped[str] = mapped_column(String(320))
    label: Mapped[str] = mapped_column(String(40), default="")
    position: Mapped[int] = mapped_column(Integer, default=0)

    contact: Mapped[Contact] = relationship(back_populates="emails")


class ContactPhone(Base):
    """A phone number; position 0 is the primary one."""

    __tablename__ = "contact_phones"
    __table_args__ = (
        CheckConstraint("length(trim(number)) > 0", name="number_not_blank"),
        CheckConstraint("position >= 0", name="position_not_negative"),
        Index("uq_contact_phones_contact_id_position", "contact_id", "position", unique=True),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    contact_id: Mapped[int] = mapped_column(ForeignKey("contacts.id", ondelete="CASCADE"))
    number: Mapped[str] = mapped_column(String(60))
    label: Mapped[str] = mapped_column(String(40), default="")
    position: Mapped[int] = mapped_column(Integer, default=0)

    contact: Mapped[Contact] = relationship(back_populates="phones")


class ContactTag(Base):
    __tablename__ = "contact_tags"
    __table_args__ = (
        CheckConstraint("length(trim(name)) > 0", name="name_not_blank"),
        Index("ix_contact_tags_name", "name", "contact_id"),
        LINK_TABLE_OPTIONS,
    )

    contact_id: Mapped[int] = mapped_column(
        ForeignKey("contacts.id", ondelete="CASCADE"), primary_key=True
    )
    name: Mapped[str] = mapped_column(String(60), primary_key=True)

    contact: Mapped[Contact] = relationship(back_populates="tags")
