"""The rules are data shipped inside the wheel: an installed factlint finds them."""

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from conftest import ROOT

hatchling = pytest.importorskip("hatchling")


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation", "-w", str(out), str(ROOT)],
        check=True, capture_output=True,
    )
    (whl,) = out.glob("factlint-*.whl")
    return whl


def test_wheel_contains_every_rule_and_lexicon(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    for rule in (ROOT / "rules").glob("*.toml"):
        assert f"factlint/rules/{rule.name}" in names
    for lexicon in (ROOT / "rules" / "lexicon").glob("*.toml"):
        assert f"factlint/rules/lexicon/{lexicon.name}" in names


def test_installed_wheel_loads_its_rules(wheel, tmp_path):
    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", str(target), str(wheel)],
                   check=True, capture_output=True)
    code = "from factlint.rulebook import load_rules, rules_dir; r = load_rules(); print(rules_dir()); print(len(r))"
    env = {**os.environ, "PYTHONPATH": str(target)}
    out = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, env=env, capture_output=True, text=True, check=True)
    where, count = out.stdout.split()
    assert Path(where).is_relative_to(target)
    assert int(count) == len(list((ROOT / "rules").glob("*.toml")))
