"""One case file per rule (tests/cases/CODE.toml): text → findings at the exact figure, the text
after --fix (and --unsafe-fixes), and nothing left of that rule after the fix. Every rule's
documented example must also behave as its docs say."""

from __future__ import annotations

import tomllib
from dataclasses import replace
from pathlib import Path

import pytest

from factlint.engine import check_text
from factlint.fixer import apply_fixes
from factlint.rulebook import load_rules
from factlint.settings import Settings

CASES = Path(__file__).parent / "cases"


def _cases():
    for path in sorted(CASES.glob("N*.toml")):
        code = path.stem
        for case in tomllib.loads(path.read_text("utf-8"))["case"]:
            yield pytest.param(code, case, id=f"{code}-{case['id']}")


def _settings(code: str, case: dict) -> Settings:
    return replace(Settings(select=(code,)), **case.get("settings", {}))


def _fix(text: str, settings: Settings, unsafe: bool) -> str:
    for _ in range(5):
        new, fixed = apply_fixes(text, check_text(text, settings), unsafe)
        if not fixed:
            break
        text = new
    return text


@pytest.mark.parametrize("code, case", list(_cases()))
def test_rule_case(code, case):
    settings = _settings(code, case)
    found = check_text(case["text"], settings)
    assert [(f.code, f.text) for f in found] == [(code, e["at"]) for e in case["findings"]]
    for f, expected in zip(found, case["findings"]):
        if "applicability" in expected:
            assert f.fix is not None and f.fix.applicability.value == expected["applicability"]
    if "fixed" in case:
        fixed = _fix(case["text"], settings, unsafe=False)
        assert fixed == case["fixed"]
        if "unsafe_fixed" not in case:
            assert [f for f in check_text(fixed, settings) if f.fix and f.fix.applicability.value == "safe"] == []
    if "unsafe_fixed" in case:
        fixed = _fix(case["text"], settings, unsafe=True)
        assert fixed == case["unsafe_fixed"]
        assert check_text(fixed, settings) == []


@pytest.mark.parametrize("code", list(load_rules()))
def test_documented_examples_behave_as_documented(code):
    rule = load_rules()[code]
    bad, good = rule.docs.get("example_bad"), rule.docs.get("example_good")
    assert bad and good, f"{code} lacks a documented example"
    settings = Settings(select=(code,))
    assert [f.code for f in check_text(bad, settings)], f"{code}: its bad example raises nothing"
    assert check_text(good, settings) == [], f"{code}: its good example raises a finding"
