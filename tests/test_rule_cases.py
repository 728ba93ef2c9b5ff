"""One case file per rule (tests/cases/CODE.toml): text → findings at the exact figure, the text
after --fix (and --unsafe-fixes), and nothing left of that rule after the fix. Every rule's
documented example must also behave as its docs say."""

from __future__ import annotations

import tomllib
from decimal import Decimal
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


@pytest.mark.parametrize("template", [
    "{text}应为{reading}（{evidence}）",  # plain fields, as the shipped rules write them
    "“{text}”: {{literal braces}} {value}",
    "{value!r} {unit:>4}|{title!s:^6}",  # a conversion or a format spec: formatted as str.format does
    "no fields at all",
    "{text}{text}{reading}",
])
def test_a_message_fills_its_template_as_str_format_does(template):
    rule = replace(load_rules()["N101"], message=template, message_en="")
    fields = {"text": "2.000名", "reading": "2,000名", "value": Decimal("2000"), "unit": "名", "title": "逗号",
              "evidence": "计数单位"}
    assert rule.format("zh", **fields) == template.format(**fields)
    assert rule.format("en", **fields) == template.format(**fields)  # (no English template: the Chinese one)


@pytest.mark.parametrize("template", ["{missing} here", "{0} positional", "a lone { brace", "{value:bad spec}"])
def test_a_broken_message_template_is_a_rule_error(template):
    from factlint.rulebook import RuleError

    rule = replace(load_rules()["N101"], message=template, message_en="")
    with pytest.raises(RuleError):
        rule.format("zh", value=Decimal(1))
