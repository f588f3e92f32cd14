"""Docstring examples run, and every command documents itself with an example."""
import doctest
import importlib
import importlib.util
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg._compiled import is_compiled
from kg.cli import cli

CORE_MODULES = ["kg.normalize", "kg.temporal", "kg.vocab", "kg.store", "kg.queries"]


@pytest.mark.parametrize("name", CORE_MODULES)
def test_docstring_examples_run(name):
    module = importlib.import_module(name)
    if is_compiled(module):
        # doctest finds no docstrings in compiled code: read them from the source, run them on the compiled module
        short = name.rpartition(".")[2]
        spec = importlib.util.spec_from_file_location(f"kg.{short}_source", Path(module.__file__).parent / f"{short}.py")
        source = importlib.util.module_from_spec(spec)
        sys.modules[spec.name] = source
        try:
            spec.loader.exec_module(source)
            runner = doctest.DocTestRunner()
            for test in doctest.DocTestFinder().find(source, globs=dict(vars(module))):
                runner.run(test)
        finally:
            del sys.modules[spec.name]
        result = runner.summarize(verbose=False)
    else:
        result = doctest.testmod(module)
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
