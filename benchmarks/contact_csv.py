"""A Google-Contacts-style CSV of made-up colleagues, for import benchmarks."""

from __future__ import annotations

import csv
import random
from pathlib import Path

HEADERS = (
    "First Name", "Middle Name", "Last Name", "Nickname", "E-mail 1 - Label", "E-mail 1 - Value",
    "E-mail 2 - Label", "E-mail 2 - Value", "Phone 1 - Label", "Phone 1 - Value",
    "Organization Name", "Organization Title", "Organization Department", "Labels", "Notes",
    "Address 1 - Formatted", "Address 1 - City",
)  # fmt: skip
FIRST = ("Ada", "Ben", "Chloé", "Dario", "Eun-ji", "Farah", "Gustav", "Hana", "Ivo", "Jana")
LAST = ("Okafor", "Müller", "Lindqvist", "Nakamura", "Silva", "Kowalski", "Dubois", "Rossi")
DEPARTMENTS = ("Finance", "IT", "Operations", "Sales", "HR", "Purchasing", "Legal", "Marketing")
TITLES = ("Analyst", "Controller", "Engineer", "Buyer", "Manager", "Director", "Specialist")
CITIES = ("Berlin", "Lyon", "Porto", "Kraków", "Malmö", "Osaka")


def write_google_csv(path: Path, rows: int, seed: int = 7) -> None:
    chance = random.Random(seed)
    with path.open("w", encoding="utf-8", newline="") as file:
        writer = csv.writer(file)
        writer.writerow(HEADERS)
        for n in range(rows):
            first, last = chance.choice(FIRST), chance.choice(LAST)
            city = chance.choice(CITIES)
            second = f"{first}.{n}@home.example" if n % 3 == 0 else ""
            writer.writerow(
                (
                    first, "", f"{last} {n}", "", "* Work", f"{first}.{last}.{n}@corp.example",
                    "Home" if second else "", second, "Mobile", f"+49 151 {n:07d}",
                    "Corp", chance.choice(TITLES), chance.choice(DEPARTMENTS),
                    f"* myContacts ::: Team {n % 20}", "Met at the kick-off;\nlikes numbers"
                    if n % 5 == 0 else "", f"Street {n}\n{city}", city,
                )
            )  # fmt: skip
