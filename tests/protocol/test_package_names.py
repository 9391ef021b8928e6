"""``messenger.protocol`` loads its names on first use: each one is the object of the
module that defines it, and a wrong name is an AttributeError as usual."""

from __future__ import annotations

import ast
import importlib
import subprocess
import sys
from pathlib import Path

import pytest

import messenger.protocol as protocol


@pytest.mark.parametrize("name", protocol.__all__)
def test_each_exported_name_is_its_modules_object(name):
    module = importlib.import_module(f"messenger.protocol.{protocol._MODULE_OF[name]}")
    assert getattr(protocol, name) is getattr(module, name)
    assert name in dir(protocol)


def test_the_export_list_and_the_lazy_table_agree():
    assert sorted(protocol.__all__) == sorted(protocol._MODULE_OF)


def test_an_unknown_name_is_an_attribute_error():
    with pytest.raises(AttributeError, match="no attribute 'Nope'"):
        protocol.Nope  # noqa: B018
    with pytest.raises(ImportError):
        from messenger.protocol import Nope  # noqa: F401


def _names_for_type_checkers() -> dict[str, str]:
    """The names ``if TYPE_CHECKING:`` in the package's ``__init__`` imports, with the
    module of each."""
    tree = ast.parse(Path(protocol.__file__).read_text(encoding="utf-8"))
    block = next(
        node
        for node in tree.body
        if isinstance(node, ast.If) and isinstance(node.test, ast.Name)
        if node.test.id == "TYPE_CHECKING"
    )
    names: dict[str, str] = {}
    for node in block.body:
        assert isinstance(node, ast.ImportFrom) and node.level == 1 and node.module
        for alias in node.names:
            assert alias.asname is None, "import the names as they are called"
            names[alias.name] = node.module
    return names


def test_the_imports_for_type_checkers_are_the_lazy_table():
    assert _names_for_type_checkers() == protocol._MODULE_OF
    assert protocol.__all__ == sorted(protocol._MODULE_OF)


def test_importing_the_limits_alone_loads_no_frames_and_no_codec():
    probe = (
        "import sys, messenger.protocol.limits\n"
        "print(sorted(m for m in sys.modules if m.startswith('messenger.protocol.')))"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, check=True
    )
    assert result.stdout.split() == ["['messenger.protocol.limits']"]
