"""The installed command: pyproject.toml's ``standpunkt`` script names a function that runs
the command line (checked here without installing anything)."""

from __future__ import annotations

import importlib
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _pyproject() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))


def test_the_script_target_exists_and_shows_help(capsys):
    target = _pyproject()["project"]["scripts"]["standpunkt"]
    module_name, _, function_name = target.partition(":")
    entry = getattr(importlib.import_module(module_name), function_name)
    with pytest.raises(SystemExit) as exit_:
        entry(["--help"])
    assert exit_.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith("usage: ") and "suggest" in out and "export" in out


def test_every_package_the_app_imports_is_installed():
    packages = _pyproject()["tool"]["setuptools"]["packages"]["find"]["include"]
    for package in ("cli", "gui", "storage", "nlp", "services", "resources"):
        assert f"{package}*" in packages
        assert (ROOT / package).is_dir()
