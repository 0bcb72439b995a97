"""Imports run one way: gui -> storage -> domain. domain and storage never load Qt."""

from __future__ import annotations

import ast
import subprocess
import sys

from tests.conftest import ROOT

QT = ("PySide6", "pyqtgraph", "shiboken6")


def _imports(package: str) -> dict[str, set[str]]:
    out = {}
    for path in (ROOT / package).rglob("*.py"):
        names = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names |= {a.name.split(".")[0] for a in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names.add(node.module.split(".")[0])
        out[str(path.relative_to(ROOT))] = names
    return out


def test_domain_and_storage_source_never_import_qt():
    for package in ("domain", "storage"):
        for path, names in _imports(package).items():
            assert not names & set(QT), f"{path} imports {names & set(QT)}"


def test_domain_imports_neither_storage_nor_gui_nor_sql():
    for path, names in _imports("domain").items():
        bad = names & {"storage", "gui", "sqlite3", "sqlite_utils", "cli"}
        assert not bad, f"{path} imports {bad}"


def test_storage_does_not_import_gui():
    for path, names in _imports("storage").items():
        assert "gui" not in names, path


def test_loading_every_domain_and_storage_module_loads_no_qt():
    """Catches indirect imports too: a fresh interpreter imports them all."""
    code = (
        "import pkgutil, importlib, sys\n"
        "import domain, storage\n"
        "for pkg in (domain, storage):\n"
        "    for m in pkgutil.walk_packages(pkg.__path__, pkg.__name__ + '.'):\n"
        "        importlib.import_module(m.name)\n"
        f"bad = [m for m in sys.modules if m.split('.')[0] in {QT!r}]\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == ""


def test_cli_commands_do_not_load_qt(tmp_path):
    code = (
        "import sys, main\n"
        f"main.main(['--db', {str(tmp_path / 'c.sqlite')!r}, 'cases'])\n"
        f"bad = [m for m in sys.modules if m.split('.')[0] in {QT!r}]\n"
        "sys.stderr.write('QT:' + ','.join(bad))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert out.stderr.strip() == "QT:"


def test_the_app_core_does_not_depend_on_devtools():
    """Load-test tooling lives in devtools/; the core names it in two places only: the
    `synth` command's registration and the start-up probe the benchmark switches on."""
    allowed = {"cli/__init__.py", "gui/app.py"}
    for package in ("domain", "storage", "gui", "cli"):
        for path, names in _imports(package).items():
            if path not in allowed:
                assert "devtools" not in names, path
