"""The import contract (pyproject.toml, [tool.importlinter]) holds, and would catch a feature
importing one above it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.graph  # no database: the PostgreSQL pass skips it

ROOT = Path(__file__).resolve().parents[1]
LINT = Path(sys.executable).with_name("lint-imports")


def _lint(tree: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(tree)}  # the copy's package, not the installed one
    return subprocess.run([str(LINT), "--no-cache", "--config", str(tree / "pyproject.toml")],
                          cwd=tree, env=env, capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def tree(tmp_path_factory: pytest.TempPathFactory) -> Path:
    copy = tmp_path_factory.mktemp("house")
    shutil.copytree(ROOT / "referrals", copy / "referrals",
                    ignore=shutil.ignore_patterns("__pycache__", "static"))
    shutil.copy(ROOT / "pyproject.toml", copy / "pyproject.toml")
    return copy


def test_the_house_keeps_its_contract(tree):
    result = _lint(tree)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_a_feature_importing_upwards_breaks_it(tree):
    services = tree / "referrals" / "people" / "services.py"
    original = services.read_text()
    services.write_text(original + "\nfrom referrals.outreach import wording  # noqa: E402\n")
    try:
        result = _lint(tree)
    finally:
        services.write_text(original)
    assert result.returncode != 0
    assert "referrals.people is not allowed to import referrals.outreach" in result.stdout
