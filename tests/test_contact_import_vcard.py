"""Reading contacts from vCard files: the versions phones and mail programs write, and the
ways such files break."""

from __future__ import annotations

from pathlib import Path

import pytest
from contact_files import write_text

from deskbridge.errors import ExchangeFileError
from deskbridge.exchange.contact_import import read_contacts_file
from deskbridge.exchange.incoming import IncomingContact
from deskbridge.exchange.vcard_contacts import read_vcards

VCARD_21 = (
    "BEGIN:VCARD\r\n"
    "VERSION:2.1\r\n"
    "N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:M=C3=BCller;J=C3=BCrgen\r\n"
    "FN;CHARSET=ISO-8859-1;ENCODING=QUOTED-PRINTABLE:J=FCrgen M=FCller von der Sehr La=\r\n"
    "ngen Stra=DFe\r\n"
    "EMAIL;INTERNET:juergen@corp.example\r\n"
    "EMAIL;INTERNET;PREF:jm@corp.example\r\n"
    "TEL;WORK;VOICE:+49 89 1\r\n"
    "ORG:Corp;Operations\r\n"
    "TITLE:Planner\r\n"
    "NOTE;ENCODING=QUOTED-PRINTABLE:First line=0D=0ASecond line\r\n"
    "PHOTO;ENCODING=BASE64;TYPE=JPEG:\r\n"
    " /9j/4AAQSkZJRgABAQEASABIAAD\r\n"
    " not base64 at all !!!\r\n"
    "\r\n"
    "ADR;WORK;ENCODING=QUOTED-PRINTABLE;CHARSET=ISO-8859-1:"
    ";;Hauptstr. 1;M=FCnchen;;80331;Germany\r\n"
    "END:VCARD\r\n"
)
VCARD_30 = (
    "BEGIN:VCARD\r\n"
    "VERSION:3.0\r\n"
    "FN:Ada Okafor\r\n"
    "N:Okafor;Ada;;;\r\n"
    "EMAIL;TYPE=INTERNET,WORK:ada@corp.example\r\n"
    "EMAIL;TYPE=INTERNET,HOME,PREF:ada@home.example\r\n"
    "TEL;TYPE=CELL:+49 151 1\r\n"
    "TITLE:Controller\r\n"
    "ORG:Corp;Finance\r\n"
    "CATEGORIES:Finance team,VIP\r\n"
    "ADR;TYPE=WORK:;;Main St 1;Berlin;;10115;Germany\r\n"
    "X-DESKBRIDGE-STRENGTHS:Budgets\\, forecasts and the ROI model; a very long line th\r\n"
    " at was folded\r\n"
    "NOTE:Met at the kick-off\\nLikes numbers\r\n"
    "END:VCARD\r\n"
)
VCARD_40 = (
    "BEGIN:VCARD\r\n"
    "VERSION:4.0\r\n"
    "FN:Zoé Martin\r\n"
    "EMAIL;PREF=2:zoe.2@corp.example\r\n"
    "EMAIL;PREF=1:zoe@corp.example\r\n"
    "ORG:Corp\r\n"
    "PHOTO:data:image/png;base64,iVBORw0KGgo=\r\n"
    "END:VCARD\r\n"
)


def card_file(folder: Path, *cards: str, encoding: str = "utf-8") -> Path:
    return write_text(folder / "contacts.vcf", "".join(cards), encoding)


def test_vcard_21_30_and_40_cards_in_one_file(tmp_path: Path) -> None:
    parsed = read_vcards(card_file(tmp_path, VCARD_21, VCARD_30, VCARD_40))

    assert parsed.source == "vCard"
    assert parsed.problems == ()
    juergen, ada, zoe = parsed.contacts
    assert juergen == IncomingContact(
        where="card 1",
        full_name="Jürgen Müller von der Sehr Langen Straße",
        emails=("jm@corp.example", "juergen@corp.example"),
        phones=("+49 89 1",),
        role="Planner",
        department="Operations",
        location="München",
        notes="First line\nSecond line",
    )
    assert ada == IncomingContact(
        where="card 2",
        full_name="Ada Okafor",
        emails=("ada@home.example", "ada@corp.example"),
        phones=("+49 151 1",),
        role="Controller",
        department="Finance",
        location="Berlin",
        strengths="Budgets, forecasts and the ROI model; a very long line that was folded",
        notes="Met at the kick-off\nLikes numbers",
        tags=("Finance team", "VIP"),
    )
    # The organisation alone is not a department; PREF=1 comes first.
    assert (zoe.full_name, zoe.emails, zoe.department) == (
        "Zoé Martin", ("zoe@corp.example", "zoe.2@corp.example"), "",
    )  # fmt: skip


def test_the_name_comes_from_n_when_there_is_no_fn(tmp_path: Path) -> None:
    card = "BEGIN:VCARD\nVERSION:3.0\nN:Lindqvist;Gustav;Erik;;\nEND:VCARD\n"
    (gustav,) = read_vcards(card_file(tmp_path, card)).contacts
    assert gustav.full_name == "Gustav Erik Lindqvist"


def test_a_broken_card_is_a_problem_naming_card_and_property_and_the_rest_import(
    tmp_path: Path,
) -> None:
    broken = 'BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Broken\r\nTEL;TYPE="open:1\r\nEND:VCARD\r\n'
    bad_mail = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Bad Mail\r\nEMAIL:nope\r\nEND:VCARD\r\n"
    bad_charset = (
        "BEGIN:VCARD\r\nVERSION:2.1\r\nFN;CHARSET=NO-SUCH;ENCODING=QUOTED-PRINTABLE:J=FC\r\n"
        "END:VCARD\r\n"
    )
    unclosed = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Never Closed\r\n"
    path = card_file(tmp_path, VCARD_30, broken, bad_mail, bad_charset, VCARD_40, unclosed)

    parsed = read_vcards(path)

    assert [c.full_name for c in parsed.contacts] == ["Ada Okafor", "Zoé Martin"]
    assert [(p.where, p.field) for p in parsed.problems] == [
        ("card 2", "TEL"), ("card 3", "E-mail"), ("card 4", "FN"), ("card 6", "END"),
    ]  # fmt: skip
    assert str(parsed.problems[1]) == "card 3, E-mail: 'nope' is not an e-mail address"
    assert "cannot be decoded" in parsed.problems[2].message
    assert parsed.problems[3].message == "the card is not closed with END:VCARD"


def test_a_huge_note_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    huge = "BEGIN:VCARD\nVERSION:3.0\nFN:Big\nNOTE:" + "x" * 1_000_000 + "\nEND:VCARD\n"
    parsed = read_vcards(card_file(tmp_path, huge, VCARD_40))
    assert [c.full_name for c in parsed.contacts] == ["Zoé Martin"]
    assert [str(p) for p in parsed.problems] == [
        "card 1, Notes: is longer than 50,000 characters (1,000,000)"
    ]


@pytest.mark.parametrize("encoding", ["cp1252", "utf-16", "utf-8-sig"])
def test_files_in_other_encodings(tmp_path: Path, encoding: str) -> None:
    card = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Jürgen Müller\r\nORG:Corp;Einkauf\r\nEND:VCARD\r\n"
    (juergen,) = read_vcards(card_file(tmp_path, card, encoding=encoding)).contacts
    assert (juergen.full_name, juergen.department) == ("Jürgen Müller", "Einkauf")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "the file is empty"),
        (b"Name,E-mail\nAda,ada@x.org\n", "not a vCard file"),
        (b"\x00\x01\x02\x03binary", "not a vCard file"),
    ],
)
def test_files_that_hold_no_cards_are_refused(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "x.vcf"
    path.write_bytes(content)
    with pytest.raises(ExchangeFileError, match=message):
        read_vcards(path)


def test_the_format_comes_from_the_extension(tmp_path: Path) -> None:
    path = card_file(tmp_path, VCARD_30)
    assert read_contacts_file(path).source == "vCard"
    as_vcard = write_text(tmp_path / "cards.txt", VCARD_30)
    assert read_contacts_file(as_vcard, "vcard").contacts[0].full_name == "Ada Okafor"
    with pytest.raises(ExchangeFileError, match="cannot tell the format"):
        read_contacts_file(write_text(tmp_path / "cards.dat", VCARD_30))
