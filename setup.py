"""Build: the title parser's hot modules (kg._compiled.MODULES) compiled with mypyc, about twice as fast with the
same output (scripts/bench.py measures both); an installed wheel also carries ontology/, data/ and queries/.
``KG_PURE_PYTHON=1 pip install …`` compiles nothing; without mypy or a C compiler, or when compiling fails, the
package installs as pure Python, with a warning."""
import json
import os
import shutil
import sys
from pathlib import Path

from setuptools import setup
from setuptools.command.build_ext import build_ext
from setuptools.command.build_py import build_py

sys.path.insert(0, str(Path(__file__).resolve().parent / "kg"))
import _compiled  # noqa: E402  (kg/_compiled.py, read without importing the package)
import paths as _paths  # noqa: E402  (kg/paths.py, the same way)

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


class BuildPyWithData(build_py):
    """An installed wheel carries ontology/, data/ and queries/ inside the package (kg/_data/, found by
    kg/paths.py): nothing beside the package is installed. An editable install reads them where they are."""

    def run(self):
        super().run()
        if getattr(self, "editable_mode", False):
            return
        root = Path(__file__).resolve().parent
        for name in _paths.DATA_DIRS:
            target = Path(self.build_lib) / "kg" / "_data" / name
            shutil.rmtree(target, ignore_errors=True)
            shutil.copytree(root / name, target, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))


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


setup(ext_modules=ext_modules(), cmdclass={"build_ext": OptionalBuildExt, "build_py": BuildPyWithData})
