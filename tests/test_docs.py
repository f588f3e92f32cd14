"""Docstring examples run, and every command documents itself with an example."""
import doctest
import importlib

import pytest
from click.testing import CliRunner

from kg.cli import cli

CORE_MODULES = ["kg.normalize", "kg.temporal", "kg.vocab", "kg.store", "kg.queries"]


@pytest.mark.parametrize("name", CORE_MODULES)
def test_docstring_examples_run(name):
    result = doctest.testmod(importlib.import_module(name))
    assert result.failed == 0 and result.attempted > 0


def _commands(group, prefix=()):
    for name, cmd in group.commands.items():
        yield prefix + (name,), cmd
        if hasattr(cmd, "commands"):
            yield from _commands(cmd, prefix + (name,))


@pytest.mark.parametrize("path,cmd", list(_commands(cli)), ids=lambda x: " ".join(x) if isinstance(x, tuple) else "")
def test_every_command_has_help_with_an_example(path, cmd):
    result = CliRunner().invoke(cli, [*path, "--help"])
    assert result.exit_code == 0, result.output
    assert "Example:" in result.output and "kg " + path[0] in result.output
