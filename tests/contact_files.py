"""Contact files as Google Contacts, Outlook, LinkedIn and phones write them, for the import
tests, and a dump of a whole SQLite database to prove an import changed nothing."""

from __future__ import annotations

import sqlite3
from pathlib import Path

GOOGLE_HEADERS = (
    "First Name,Middle Name,Last Name,Phonetic First Name,Nickname,File As,"
    "E-mail 1 - Label,E-mail 1 - Value,E-mail 2 - Label,E-mail 2 - Value,"
    "Phone 1 - Label,Phone 1 - Value,Organization Name,Organization Title,"
    "Organization Department,Labels,Notes,Address 1 - Label,Address 1 - Formatted,"
    "Address 1 - City"
)
GOOGLE_ROWS = (
    "Ada,,Okafor,,,,* Work,ada@corp.example,Home,ada@home.example,Mobile,+49 151 1,Corp,"
    'Controller,Finance,* myContacts ::: Finance team ::: VIP,"Knows the ROI model",Work,'
    '"Main St 1\nBerlin",Berlin',
    "Ben,Q,Stone,,,,* Work,ben@corp.example ::: b.stone@corp.example,,,,,Corp,Engineer,IT,"
    "* myContacts,,,,Lyon",
)

GOOGLE_OLD_HEADERS = (
    "Name,Given Name,Additional Name,Family Name,Group Membership,E-mail 1 - Type,"
    "E-mail 1 - Value,E-mail 2 - Type,E-mail 2 - Value,Phone 1 - Type,Phone 1 - Value,"
    "Organization 1 - Name,Organization 1 - Title,Organization 1 - Department,Address 1 - City"
)
GOOGLE_OLD_ROWS = (
    "Chloé Dubois,Chloé,,Dubois,* My Contacts ::: Buyers,* Work,chloe@corp.example,Home,"
    "chloe@home.example,Work,+33 1 2,Corp,Buyer,Purchasing,Paris",
)

OUTLOOK_HEADERS = (
    "Title,First Name,Middle Name,Last Name,Suffix,Company,Department,Job Title,"
    "Business Street,Business City,Business Phone,Mobile Phone,Categories,"
    "E-mail Address,E-mail Type,E-mail Display Name,E-mail 2 Address,E-mail 3 Address,Notes"
)
OUTLOOK_ROWS = (
    "Mr.,Jürgen,,Müller,,Corp,Operations,Planner,Hauptstr. 1,München,+49 89 1,+49 170 2,"
    "Suppliers;Key people,juergen@corp.example,SMTP,Jürgen Müller,jm@corp.example,"
    "j.mueller@home.example,Prefers calls",
)

LINKEDIN_TEXT = (
    "Notes:\r\n"
    '"When exporting your connection data, you may notice that some of the email addresses '
    'are missing. You will ONLY see email addresses for connections who have allowed it."\r\n'
    "\r\n"
    "First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n"
    "Hana,Nakamura,https://www.linkedin.com/in/hana,hana@corp.example,Corp,"
    '"Head of Sales, EMEA",12 Jan 2024\r\n'
    "Ivo,Silva,https://www.linkedin.com/in/ivo,,Corp,Analyst,13 Jan 2024\r\n"
)


def write_text(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def google_csv(folder: Path) -> Path:
    return write_text(folder / "google.csv", "\n".join((GOOGLE_HEADERS, *GOOGLE_ROWS)) + "\n")


def google_old_csv(folder: Path) -> Path:
    text = "\r\n".join((GOOGLE_OLD_HEADERS, *GOOGLE_OLD_ROWS)) + "\r\n"
    return write_text(folder / "google-old.csv", text, "utf-8-sig")


def outlook_csv(folder: Path) -> Path:
    text = "\r\n".join((OUTLOOK_HEADERS, *OUTLOOK_ROWS)) + "\r\n"
    return write_text(folder / "outlook.csv", text, "cp1252")


def linkedin_csv(folder: Path) -> Path:
    return write_text(folder / "Connections.csv", LINKEDIN_TEXT)


def database_dump(path: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table (the search index's too) and the schema itself."""
    with sqlite3.connect(path) as connection:
        tables = [
            name
            for (name,) in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
            )
        ]
        dump = {
            table: sorted(connection.execute(f'SELECT * FROM "{table}"'), key=repr)
            for table in tables
        }
        dump["sqlite_master"] = sorted(
            connection.execute("SELECT type, name, tbl_name, sql FROM sqlite_master"), key=repr
        )
    return dump
