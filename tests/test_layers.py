"""The house's floors (ARCHITECTURE.md): imports point down only, and Qt stays out of
the floors that must not need it."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "messenger"
FLOORS = {"protocol": 1, "core": 1, "store": 2, "net": 2, "host": 3, "client": 3, "ui": 4}
"""A package imports only from lower floors (and itself). The modules at the top of
the package (app.py, cli.py, headless_host.py, ...) stand above all of them."""
TOP = 5
NO_QT = {"protocol", "core", "store"}
NO_WIDGETS = {"host", "client", "net"}


def _room(path: Path) -> str:
    parts = path.relative_to(PACKAGE).parts
    return parts[0] if len(parts) > 1 else path.stem


def _floor(room: str) -> int:
    return FLOORS.get(room, TOP)


def _imports(path: Path) -> set[str]:
    """The modules ``path`` imports, as absolute names."""
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = parts[: len(parts) - node.level]
                found.add(".".join(base + ([node.module] if node.module else [])))
            elif node.module:
                found.add(node.module)
    return found


def test_every_package_has_a_floor():
    packages = {p.name for p in PACKAGE.iterdir() if (p / "__init__.py").exists()}
    assert packages <= set(FLOORS), f"put these on a floor: {packages - set(FLOORS)}"


def test_imports_point_down_only():
    upward = []
    for path in sorted(PACKAGE.rglob("*.py")):
        room = _room(path)
        for module in _imports(path):
            names = module.split(".")
            if names[0] != "messenger" or len(names) < 2:
                continue
            target = names[1]
            if target != room and _floor(target) >= _floor(room) and _floor(room) != TOP:
                upward.append(f"{path.relative_to(PACKAGE)} imports {module}")
    assert upward == []


def test_qt_stays_out_of_the_lower_floors():
    wrong = []
    for path in sorted(PACKAGE.rglob("*.py")):
        room = _room(path)
        for module in _imports(path):
            qt = module.startswith("PySide6")
            widgets = module.startswith(("PySide6.QtWidgets", "PySide6.QtGui"))
            if (room in NO_QT and qt) or (room in NO_WIDGETS and widgets):
                wrong.append(f"{path.relative_to(PACKAGE)} imports {module}")
    assert wrong == []


def test_the_checks_see_relative_imports():
    """(They would pass on anything if the import reading were broken.)"""
    assert "messenger.protocol" in _imports(PACKAGE / "host" / "service.py")
    assert "messenger.protocol.limits" in _imports(PACKAGE / "client" / "host_connection.py")
