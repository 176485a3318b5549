"""The build step pyproject.toml cannot say: compile the message catalogues.

When a wheel is built (``pip install .``, ``python -m build``), each
``presskit/locale/<id>/LC_MESSAGES/presskit.po`` is compiled with Babel (a build
requirement) into ``presskit.mo`` beside it in the wheel, stamped with the ``.po``'s
SHA-256 so that presskit knows it is up to date (``presskit/i18n/_mo.py``, loaded here by
path: presskit itself is not importable while it is being built). An editable install
(``pip install -e .``) compiles nothing: presskit then reads the ``.po`` files.
Everything else is in pyproject.toml.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent


class BuildPyWithCatalogues(build_py):
    """``build_py``, then compile the catalogues copied into the build folder."""

    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return
        spec = importlib.util.spec_from_file_location(
            "presskit_build_mo", HERE / "presskit" / "i18n" / "_mo.py"
        )
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        locale = Path(self.build_lib) / "presskit" / "locale"
        for po in sorted(locale.glob("*/LC_MESSAGES/presskit.po")):
            translated, total = module.compile_po(po, po.with_suffix(".mo"))
            self.announce(f"compiled {po.parent.parent.name}: {translated} of {total}", 2)


setup(cmdclass={"build_py": BuildPyWithCatalogues})
