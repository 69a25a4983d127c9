"""Reading contacts from CSV: the exports people bring (Google Contacts, Outlook, LinkedIn),
any other CSV by its headers, and files that are broken in the ways real files are."""

from __future__ import annotations

from pathlib import Path

import pytest
from contact_files import (
    google_csv,
    google_old_csv,
    linkedin_csv,
    outlook_csv,
    write_text,
)

from deskbridge.errors import ExchangeFileError, ValidationError
from deskbridge.exchange.csv_contacts import (
    CONTACT_FIELDS,
    ColumnMapping,
    contacts_from_csv,
    guess_mapping,
    read_csv_table,
)
from deskbridge.exchange.incoming import IncomingContact, ParsedContacts


def parse(path: Path) -> ParsedContacts:
    table = read_csv_table(path)
    return contacts_from_csv(table, guess_mapping(table.headers))


def test_google_contacts_export_is_recognised_with_departments_emails_and_labels(
    tmp_path: Path,
) -> None:
    parsed = parse(google_csv(tmp_path))

    assert parsed.source == "Google Contacts CSV"
    assert parsed.problems == ()
    ada, ben = parsed.contacts
    assert ada == IncomingContact(
        where="line 2",
        full_name="Ada Okafor",
        emails=("ada@corp.example", "ada@home.example"),
        phones=("+49 151 1",),
        role="Controller",
        department="Finance",
        location="Berlin",
        notes="Knows the ROI model",
        tags=("Finance team", "VIP"),
    )
    # Ada's address spans two physical lines, so Ben's row starts on line 4.
    assert ben.where == "line 4"
    assert ben.full_name == "Ben Q Stone"
    assert ben.emails == ("ben@corp.example", "b.stone@corp.example")
    assert (ben.department, ben.tags) == ("IT", ())


def test_the_older_google_export_is_recognised_too(tmp_path: Path) -> None:
    path = google_old_csv(tmp_path)
    table = read_csv_table(path)
    parsed = contacts_from_csv(table, guess_mapping(table.headers))

    assert table.encoding == "utf-8-sig"
    assert guess_mapping(table.headers).source == "Google Contacts"
    (chloe,) = parsed.contacts
    assert chloe.full_name == "Chloé Dubois"
    assert chloe.emails == ("chloe@corp.example", "chloe@home.example")
    assert (chloe.role, chloe.department, chloe.location) == ("Buyer", "Purchasing", "Paris")
    assert chloe.tags == ("Buyers",)


def test_outlook_export_in_windows_1252_with_categories_as_tags(tmp_path: Path) -> None:
    path = outlook_csv(tmp_path)
    table = read_csv_table(path)
    parsed = contacts_from_csv(table, guess_mapping(table.headers))

    assert table.encoding == "cp1252"
    assert parsed.source == "Outlook CSV"
    (juergen,) = parsed.contacts
    assert juergen.full_name == "Jürgen Müller"
    assert juergen.emails == ("juergen@corp.example", "jm@corp.example", "j.mueller@home.example")
    assert juergen.phones == ("+49 89 1", "+49 170 2")
    assert (juergen.role, juergen.department, juergen.location) == (
        "Planner", "Operations", "München",
    )  # fmt: skip
    assert juergen.tags == ("Suppliers", "Key people")
    assert juergen.notes == "Prefers calls"


def test_linkedin_connections_header_is_found_below_the_notes_preamble(tmp_path: Path) -> None:
    table = read_csv_table(linkedin_csv(tmp_path))
    parsed = contacts_from_csv(table, guess_mapping(table.headers))

    assert table.headers[:4] == ("First Name", "Last Name", "URL", "Email Address")
    assert parsed.source == "LinkedIn CSV"
    hana, ivo = parsed.contacts
    assert (hana.where, hana.full_name, hana.emails, hana.role) == (
        "line 5", "Hana Nakamura", ("hana@corp.example",), "Head of Sales, EMEA",
    )  # fmt: skip
    assert (ivo.where, ivo.emails, ivo.department) == ("line 6", (), "")


@pytest.mark.parametrize("separator", [",", ";", "\t"])
def test_any_other_csv_gets_a_guess_from_its_header_words(tmp_path: Path, separator: str) -> None:
    rows = [
        ["Full name", "E-mail", "Work phone", "Team", "Job title", "Office", "Good at", "Tags"],
        ["Dario Rossi", "dario@corp.example", "+39 1", "Sales", "Key account", "Milan",
         "pricing", "\"north; deals\""],
    ]  # fmt: skip
    path = write_text(tmp_path / "people.csv", "\n".join(separator.join(r) for r in rows))

    table = read_csv_table(path)
    mapping = guess_mapping(table.headers)

    assert mapping == ColumnMapping(
        source="",
        fields=("full_name", "email", "phone", "department", "role", "location", "strengths",
                "tags"),
    )  # fmt: skip
    (dario,) = contacts_from_csv(table, mapping).contacts
    assert dario.full_name == "Dario Rossi"
    assert dario.tags == ("north", "deals")
    assert contacts_from_csv(table, mapping).source == "CSV"


def test_every_guessed_field_is_one_the_mapping_dialog_offers() -> None:
    offered = {key for key, _ in CONTACT_FIELDS}
    headers = ["Name", "Given name", "Surname", "Mail", "Mobile", "Dept", "Role", "City",
               "Expertise", "Comments", "Groups", "Company", "Website", "Whatever"]  # fmt: skip
    mapping = guess_mapping(headers)
    assert set(mapping.fields) <= offered
    assert mapping.fields[-3:] == ("", "", "")


def test_the_user_can_map_columns_by_hand(tmp_path: Path) -> None:
    path = write_text(
        tmp_path / "odd.csv", "Who,Where,Mail 1,Mail 2\nEun-ji,Seoul,a@x.org,b@x.org\n"
    )
    table = read_csv_table(path)
    mapping = ColumnMapping(source="", fields=("full_name", "location", "email", "email"))

    (person,) = contacts_from_csv(table, mapping).contacts

    assert (person.full_name, person.location, person.emails) == (
        "Eun-ji", "Seoul", ("a@x.org", "b@x.org"),
    )  # fmt: skip


def test_a_mapping_without_a_name_column_is_refused(tmp_path: Path) -> None:
    table = read_csv_table(write_text(tmp_path / "x.csv", "E-mail\na@x.org\n"))
    with pytest.raises(ValidationError, match="name"):
        contacts_from_csv(table, ColumnMapping("", ("email",)))


def test_problems_name_the_line_and_the_field_and_keep_the_row_out(tmp_path: Path) -> None:
    text = (
        "Name,E-mail,Role,Tags\n"
        "Good One,good@x.org,,\n"
        "Bad Mail,not-an-address,,\n"
        ",only@x.org,,\n"
        "Long Role,long@x.org," + "r" * 201 + ",\n"
        "\n"
        "Long Tag,tag@x.org,," + "t" * 61 + "\n"
        "Extra,extra@x.org,,,surplus\n"
    )
    parsed = parse(write_text(tmp_path / "bad.csv", text))

    assert [c.full_name for c in parsed.contacts] == ["Good One"]
    assert [str(p) for p in parsed.problems] == [
        "line 3, E-mail: 'not-an-address' is not an e-mail address",
        "line 4, Name: no name, only an e-mail address (only@x.org)",
        "line 5, Role: is longer than 200 characters (201)",
        "line 7, Tags: is longer than 60 characters (61)",
        "line 8, Row: has 5 cells but the header has 4 columns",
    ]


def test_a_huge_cell_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    huge = "x" * 1_000_000
    path = write_text(
        tmp_path / "huge.csv", f'Name,Notes,E-mail\nBig,"{huge}",big@x.org\nOk,,ok@x.org\n'
    )

    parsed = parse(path)

    assert [c.full_name for c in parsed.contacts] == ["Ok"]
    (problem,) = parsed.problems
    assert str(problem) == "line 2, Notes: is longer than 50,000 characters (1,000,000)"


def test_control_characters_in_a_name_are_a_problem_and_line_breaks_become_spaces(
    tmp_path: Path,
) -> None:
    path = write_text(tmp_path / "c.csv", 'Name,E-mail\n"Ann\nLee",ann@x.org\nB\x07ob,bob@x.org\n')
    parsed = parse(path)

    assert [c.full_name for c in parsed.contacts] == ["Ann Lee"]
    assert [str(p) for p in parsed.problems] == [
        "line 4, Name: contains a control character (U+0007)"
    ]


@pytest.mark.parametrize("encoding", ["utf-16", "utf-8-sig", "utf-16-le"])
def test_unicode_files_with_and_without_a_byte_order_mark(tmp_path: Path, encoding: str) -> None:
    path = write_text(tmp_path / "u.csv", "Name;E-mail\nŁucja Kowalska;lucja@x.org\n", encoding)
    table = read_csv_table(path)
    assert table.headers == ("Name", "E-mail")
    (lucja,) = contacts_from_csv(table, guess_mapping(table.headers)).contacts
    assert lucja.full_name == "Łucja Kowalska"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "the file is empty"),
        (b"  \r\n\r\n", "the file is empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "not a CSV file"),
    ],
)
def test_files_that_are_not_csv_are_refused_with_the_reason(
    tmp_path: Path, content: bytes, message: str
) -> None:
    path = tmp_path / "x.csv"
    path.write_bytes(content)
    with pytest.raises(ExchangeFileError, match=message):
        read_csv_table(path)


def test_a_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ExchangeFileError, match="cannot read the file"):
        read_csv_table(tmp_path / "nowhere.csv")


def test_a_header_without_rows_gives_no_contacts(tmp_path: Path) -> None:
    parsed = parse(write_text(tmp_path / "h.csv", "Name,E-mail\n"))
    assert parsed.contacts == () and parsed.problems == ()


def test_progress_reaches_the_end(tmp_path: Path) -> None:
    lines = ["Name,E-mail"] + [f"P{n},p{n}@x.org" for n in range(2500)]
    seen: list[tuple[int, int]] = []
    read_csv_table(
        write_text(tmp_path / "p.csv", "\n".join(lines)), lambda d, t: seen.append((d, t))
    )
    assert len(seen) >= 3
    assert seen[-1][0] == seen[-1][1]
