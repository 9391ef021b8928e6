"""``messenger.protocol`` loads its names on first use: each one is the object of the
module that defines it, and a wrong name is an AttributeError as usual."""

from __future__ import annotations

import importlib

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
