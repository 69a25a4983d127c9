"""vCard 3.0 export: every card parses, and importing it gives back the same people."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
import vobject

from deskbridge.demo import fill_demo
from deskbridge.errors import DeskBridgeError
from deskbridge.exchange.exports import ExportFormat
from deskbridge.exchange.vcard_contacts import read_vcards
from deskbridge.exchange.vcard_export import name_parts
from deskbridge.workspace import Workspace

NOW = datetime(2026, 11, 23, 9, 0)


@pytest.mark.parametrize(
    ("full_name", "parts"),
    [
        ("Ana Ruiz", ("Ruiz", "Ana", "")),
        ("Ana María de la Cruz", ("de la Cruz", "Ana", "María")),
        ("Ludwig van Beethoven", ("van Beethoven", "Ludwig", "")),
        ("Ruiz, Ana", ("Ruiz", "Ana", "")),
        ("Cher", ("", "Cher", "")),
        ("  Jean   Paul  Sartre ", ("Sartre", "Jean", "Paul")),
    ],
)
def test_full_names_are_split_sensibly(full_name: str, parts: tuple[str, str, str]) -> None:
    assert name_parts(full_name) == parts


def add_ana(workspace: Workspace) -> int:
    if not any(d.name == "Finance" for d in workspace.departments.list()):
        workspace.departments.add("Finance")
    return workspace.contacts.add(
        "Ana María de la Cruz",
        department="Finance",
        role="Controller; ROI",
        emails=["ana@example.com", "ana.cruz@example.org"],
        phones=["+34 91 123 45 67", "600 100 200"],
        location="Madrid",
        strengths="budgets, ROI models",
        notes="Prefers mornings.\nAsk about Q3, please.",
        tags=["finance friend", "vip"],
    ).id


def test_a_contact_becomes_a_complete_card(workspace: Workspace, tmp_path: Path) -> None:
    ana = add_ana(workspace)
    path = tmp_path / "ana.vcf"

    result = workspace.exports.write(path, contact_ids=[ana])

    assert (result.format, result.what, result.items) == (ExportFormat.VCARD, "contacts", 1)
    [card] = list(vobject.readComponents(path.read_text("utf-8")))
    assert card.version.value == "3.0"
    assert card.fn.value == "Ana María de la Cruz"
    assert (card.n.value.family, card.n.value.given, card.n.value.additional) == (
        "de la Cruz", "Ana", "María",
    )  # fmt: skip
    emails = card.contents["email"]
    assert [line.value for line in emails] == ["ana@example.com", "ana.cruz@example.org"]
    assert emails[0].params["TYPE"] == ["INTERNET", "PREF"]
    assert emails[1].params["TYPE"] == ["INTERNET"]
    assert [line.value for line in card.contents["tel"]] == ["+34 91 123 45 67", "600 100 200"]
    assert card.title.value == "Controller; ROI"
    assert card.org.value == ["", "Finance"]
    assert card.note.value == "Prefers mornings.\nAsk about Q3, please."
    assert card.categories.value == ["finance friend", "vip"]
    assert card.adr.value.city == "Madrid"
    assert card.x_deskbridge_strengths.value == "budgets, ROI models"
    assert card.uid.value == f"contact-{ana}@deskbridge"


def test_all_contacts_round_trip_through_the_importer(workspace: Workspace, tmp_path: Path) -> None:
    fill_demo(workspace.db, today=NOW.date(), now=NOW, contacts=60)
    add_ana(workspace)
    path = tmp_path / "everyone.vcf"

    result = workspace.exports.write(path)

    parsed = read_vcards(path)
    contacts = workspace.contacts.list(include_archived=True, limit=1000)
    assert result.items == len(contacts) == len(parsed.contacts)
    assert parsed.problems == ()
    back = sorted((c.full_name, c.emails, c.phones, c.role, c.department) for c in parsed.contacts)
    stored = sorted((c.full_name, c.emails, c.phones, c.role, c.department or "") for c in contacts)
    assert back == stored


def test_only_contacts_go_into_a_vcard(workspace: Workspace, tmp_path: Path) -> None:
    with pytest.raises(DeskBridgeError, match="vCard file holds contacts, not tasks"):
        workspace.exports.write(tmp_path / "x.vcf", what="tasks")
