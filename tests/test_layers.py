"""The arrows point one way: ui -> deskbridge (domain) -> store.

One test imports every non-UI module in a fresh interpreter and proves Qt never loads; the
others read the source with ``ast`` so that an import hidden in a function body counts too.
"""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import deskbridge

PACKAGE_DIR = Path(deskbridge.__file__).resolve().parent
REPO_ROOT = PACKAGE_DIR.parent
QT_PACKAGES = ("PySide6", "shiboken6")

# Walk the package without importing what must be skipped: pkgutil.walk_packages imports
# every package it descends into, so it would load deskbridge.ui (and with it Qt) as soon
# as deskbridge/ui/__init__.py exists. Directories without __init__.py count as well.
IMPORT_EVERYTHING_BUT_THE_UI = """
import importlib, json, pathlib, sys
package = pathlib.Path(sys.argv[1])
skipped = ("deskbridge.ui", "deskbridge.store.migrations", "deskbridge.__main__")
imported, failed = [], {}
for source in sorted(package.rglob("*.py")):
    parts = ["deskbridge", *source.relative_to(package).with_suffix("").parts]
    if parts[-1] == "__init__":
        parts.pop()
    name = ".".join(parts)
    if any(name == skip or name.startswith(skip + ".") for skip in skipped):
        continue
    try:
        importlib.import_module(name)
    except Exception as error:
        failed[name] = f"{type(error).__name__}: {error}"
    else:
        imported.append(name)
qt = sorted(m for m in sys.modules if m.split(".")[0] in ("PySide6", "shiboken6"))
print(json.dumps({"imported": imported, "failed": failed, "qt": qt}))
"""


def import_everything_but_the_ui() -> dict[str, object]:
    environment = {**os.environ, "PYTHONPATH": str(REPO_ROOT)}
    completed = subprocess.run(
        [sys.executable, "-c", IMPORT_EVERYTHING_BUT_THE_UI, str(PACKAGE_DIR)],
        capture_output=True, text=True, check=False, cwd=REPO_ROOT, env=environment, timeout=120,
    )  # fmt: skip
    assert completed.returncode == 0, completed.stderr
    result: dict[str, object] = json.loads(completed.stdout.splitlines()[-1])
    return result


def test_domain_and_store_import_without_loading_qt() -> None:
    result = import_everything_but_the_ui()
    imported = result["imported"]
    assert isinstance(imported, list)
    # The walk really went through the domain and the store, so the check below means something.
    for expected in (
        "deskbridge.workspace",
        "deskbridge.store.database",
        "deskbridge.store.models",
    ):
        assert expected in imported
    assert result["failed"] == {}
    assert result["qt"] == []


def module_name(source: Path) -> str:
    parts = ["deskbridge", *source.relative_to(PACKAGE_DIR).with_suffix("").parts]
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported_modules(source_text: str, module: str, *, is_package: bool = False) -> Iterator[str]:
    """Every module that ``source_text`` imports, relative imports resolved against ``module``."""
    package = module.split(".") if is_package else module.split(".")[:-1]
    for node in ast.walk(ast.parse(source_text)):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            target = ".".join([*base, *([node.module] if node.module else [])])
            if node.module:
                yield target
            else:  # ``from . import x`` imports the modules ``x``
                yield from (f"{target}.{alias.name}" for alias in node.names)


def imports_of(source: Path) -> Iterator[str]:
    yield from imported_modules(
        source.read_text(encoding="utf-8"),
        module_name(source),
        is_package=source.name == "__init__.py",
    )


def within(name: str, *packages: str) -> bool:
    return any(name == package or name.startswith(package + ".") for package in packages)


def violations(directory: Path, forbidden: tuple[str, ...]) -> list[str]:
    return [
        f"{source.relative_to(REPO_ROOT)} imports {name}"
        for source in sorted(directory.rglob("*.py"))
        for name in imports_of(source)
        if within(name, *forbidden)
    ]


def test_the_import_reader_sees_every_kind_of_import() -> None:
    source = (
        "import sqlalchemy.orm\n"
        "from PySide6.QtCore import QObject\n"
        "def later():\n"
        "    from ..store import models\n"
        "from . import views\n"
        "from .models import Row\n"
    )
    assert list(imported_modules(source, "deskbridge.ui.main_window")) == [
        "sqlalchemy.orm",
        "PySide6.QtCore",
        "deskbridge.ui.views",
        "deskbridge.ui.models",
        "deskbridge.store",
    ]
    assert list(imported_modules("from .. import contacts", "deskbridge.store.database")) == [
        "deskbridge.contacts"
    ]


def test_store_never_imports_the_domain_or_the_ui() -> None:
    store = PACKAGE_DIR / "store"
    assert any(store.rglob("*.py"))
    outside_the_store = [
        f"{source.relative_to(REPO_ROOT)} imports {name}"
        for source in sorted(store.rglob("*.py"))
        for name in imports_of(source)
        if within(name, "deskbridge") and not within(name, "deskbridge.store")
    ]
    assert outside_the_store == []
    assert violations(store, QT_PACKAGES) == []


def test_domain_never_imports_qt() -> None:
    domain_sources = [
        source
        for source in sorted(PACKAGE_DIR.rglob("*.py"))
        if not within(module_name(source), "deskbridge.ui")
    ]
    assert len(domain_sources) > 10
    found = [
        f"{source.relative_to(REPO_ROOT)} imports {name}"
        for source in domain_sources
        for name in imports_of(source)
        if within(name, *QT_PACKAGES)
    ]
    assert found == []


def test_only_the_entry_points_reach_into_the_ui() -> None:
    # The composition root starts the desktop app; nothing else in the domain knows the UI.
    entry_points = {"deskbridge.__main__", "deskbridge.cli.main"}
    found = [
        f"{source.relative_to(REPO_ROOT)} imports {name}"
        for source in sorted(PACKAGE_DIR.rglob("*.py"))
        if not within(module_name(source), "deskbridge.ui", *entry_points)
        for name in imports_of(source)
        if within(name, "deskbridge.ui")
    ]
    assert found == []


def test_ui_never_imports_sqlalchemy_or_the_store() -> None:
    # The UI may be empty for now; every file added to it is checked from the first one on.
    ui = PACKAGE_DIR / "ui"
    assert violations(ui, ("sqlalchemy", "alembic", "deskbridge.store")) == []
