"""Build: the title parser's hot modules (kg._compiled.MODULES) compiled with mypyc, about 1.6 times faster with
the same output (scripts/bench.py measures both). ``KG_PURE_PYTHON=1 pip install …`` compiles nothing; without
mypy or a C compiler, or when compiling fails, the package installs as pure Python, with a warning."""
import json
import os
import sys
from pathlib import Path

from setuptools import setup
from setuptools.command.build_ext import build_ext

sys.path.insert(0, str(Path(__file__).resolve().parent / "kg"))
import _compiled  # noqa: E402  (kg/_compiled.py, read without importing the package)

sys.path.pop(0)


class OptionalBuildExt(build_ext):
    """Compile, or leave the Python source in place: never a half-built set of modules."""

    def run(self):
        try:
            super().run()
        except Exception as e:         # no compiler, a compile error …: the source runs instead
            for ext in self.extensions:
                Path(self.get_ext_fullpath(ext.name)).unlink(missing_ok=True)
            print(f"warning: kg's parser was not compiled ({e}); it runs from source", file=sys.stderr)
            return
        out = _compiled.MANIFEST if self.inplace else Path(self.build_lib) / "kg" / _compiled.MANIFEST.name
        out.write_text(json.dumps(_compiled.source_hashes(), indent=1), encoding="utf-8")


def ext_modules():
    # mypycify type-checks first (half a minute): only for the commands that build, not for reading metadata
    if os.environ.get("KG_PURE_PYTHON") == "1" or \
            not {"build_ext", "build", "bdist_wheel", "editable_wheel", "develop", "install"} & set(sys.argv):
        return []
    try:
        from mypyc.build import mypycify
    except ImportError:
        print("warning: mypy (mypyc) is not installed; kg's parser runs from source", file=sys.stderr)
        return []
    # the rest of the package is read for its types only ("silent"): it is not annotated for mypy
    return mypycify(["--ignore-missing-imports", "--follow-imports=silent",
                     *(f"kg/{m}.py" for m in _compiled.MODULES)], opt_level="3")


setup(ext_modules=ext_modules(), cmdclass={"build_ext": OptionalBuildExt})
