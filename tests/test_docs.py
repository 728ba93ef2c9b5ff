"""The README tells the truth about the rules and the two Quick start commands."""

from conftest import ROOT

from factlint.rulebook import load_rules

README = (ROOT / "README.md").read_text("utf-8")


def test_every_rule_is_in_the_readme_table():
    for rule in load_rules().values():
        assert f"| {rule.code} | `{rule.name}` | {rule.severity.value} |" in README, rule.code


def test_quick_start_has_exactly_the_two_commands():
    section = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    block = section.split("```sh", 1)[1].split("```", 1)[0]
    assert [line for line in block.strip().splitlines()] == [
        "pip install . && factlint check samples/",
        "pip install -e '.[test]' && pytest",
    ]
