"""Configuration files as a user writes them: nearest wins, unknown keys are named, exit 2."""

import sys
from decimal import Decimal

import pytest

from factlint.cli import main
from factlint.rulebook import RuleError, load_toml


DAMAGED = "全县2.000名贫困群众脱贫。\n"


def check(tmp_path, *args):
    return main(["check", *[str(a) for a in args]])


def test_nearest_factlint_toml_wins(tmp_path, capsys):
    (tmp_path / "factlint.toml").write_text('select = ["N101"]\n')
    sub = tmp_path / "vol2"
    sub.mkdir()
    (sub / "factlint.toml").write_text('ignore = ["N101"]\n')
    (tmp_path / "a.txt").write_text(DAMAGED)
    (sub / "b.txt").write_text(DAMAGED)
    assert check(tmp_path, tmp_path / "a.txt") == 1
    assert check(tmp_path, sub / "b.txt") == 0


def test_pyproject_tool_table(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.factlint]\nignore = ["N"]\n')
    (tmp_path / "a.txt").write_text(DAMAGED)
    assert check(tmp_path, tmp_path / "a.txt") == 0
    assert check(tmp_path, "--isolated", tmp_path / "a.txt") == 1


def test_a_pyproject_without_a_factlint_table_is_passed_over(tmp_path):
    (tmp_path / "factlint.toml").write_text('ignore = ["N"]\n')
    sub = tmp_path / "pkg"
    sub.mkdir()
    (sub / "pyproject.toml").write_text('[project]\nname = "yearbook"\n\n[tool.ruff]\nline-length = 99\n')
    (sub / "a.txt").write_text(DAMAGED)
    assert check(tmp_path, sub / "a.txt") == 0  # the factlint.toml above it applies
    other = tmp_path / "other"
    other.mkdir()
    (other / "pyproject.toml").write_text('[tool]\nfactlint = {select = ["N101"]}\n')
    (other / "a.txt").write_text(DAMAGED)
    assert check(tmp_path, other / "a.txt") == 1  # a table spelt another way is still found


def test_unknown_key_is_named(tmp_path, capsys):
    (tmp_path / "factlint.toml").write_text('selct = ["N101"]\n')
    (tmp_path / "a.txt").write_text(DAMAGED)
    assert check(tmp_path, tmp_path / "a.txt") == 2
    err = capsys.readouterr().err
    assert "'selct'" in err and len(err.strip().splitlines()) == 1


def test_rule_severity_override_and_unknown_parameter(tmp_path, capsys):
    (tmp_path / "factlint.toml").write_text('fail-on = "error"\n[rule.N101]\nseverity = "info"\n')
    (tmp_path / "a.txt").write_text(DAMAGED)
    assert check(tmp_path, tmp_path / "a.txt") == 0  # an info finding does not fail the run
    capsys.readouterr()
    (tmp_path / "factlint.toml").write_text('[rule.N101]\nbogus = 3\n')
    cfg = tmp_path / "factlint.toml"
    assert check(tmp_path, "--config", cfg, tmp_path / "a.txt") == 2
    assert "'bogus'" in capsys.readouterr().err


def test_per_file_ignores(tmp_path):
    (tmp_path / "factlint.toml").write_text('[per-file-ignores]\n"*legacy*" = ["N"]\n')
    (tmp_path / "legacy-1998.txt").write_text(DAMAGED)
    (tmp_path / "new.txt").write_text(DAMAGED)
    assert check(tmp_path, tmp_path / "legacy-1998.txt") == 0
    assert check(tmp_path, tmp_path / "new.txt") == 1


# -- rule files: parsed once per content, like bytecode -----------------------------------------

@pytest.fixture
def writes_bytecode(monkeypatch):
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    monkeypatch.setattr(sys, "pycache_prefix", None)


def test_an_edited_rule_file_is_read_again_although_its_parsed_form_is_kept(tmp_path, writes_bytecode):
    rule = tmp_path / "X901.toml"
    rule.write_text('code = "X901"\nratio = 1.5\n', encoding="utf-8")
    assert load_toml(rule) == {"code": "X901", "ratio": Decimal("1.5")}
    assert list((tmp_path / "__pycache__").iterdir())  # kept beside the file, as Python keeps bytecode
    rule.write_text('code = "X901"\nratio = 2.5\n', encoding="utf-8")  # same size, maybe same mtime
    assert load_toml(rule) == {"code": "X901", "ratio": Decimal("2.5")}


def test_a_kept_parsed_form_reads_back_the_same_table(tmp_path, writes_bytecode):
    rule = tmp_path / "X901.toml"
    rule.write_text('ratio = 1.50\nsteps = [0.1, 2, "x"]\n[params]\nbig = 1e3\non = true\n', encoding="utf-8")
    parsed = load_toml(rule)
    kept = load_toml(rule)  # from the kept form
    assert kept == parsed == {"ratio": Decimal("1.50"), "steps": [Decimal("0.1"), 2, "x"],
                              "params": {"big": Decimal("1e3"), "on": True}}
    assert str(kept["ratio"]) == "1.50" and str(kept["params"]["big"]) == "1E+3"  # digits and exponent kept
    assert type(kept["steps"][1]) is int


def test_a_damaged_parsed_form_is_ignored(tmp_path, writes_bytecode):
    rule = tmp_path / "X901.toml"
    rule.write_text('ratio = 0.1\n', encoding="utf-8")
    load_toml(rule)
    for kept in (tmp_path / "__pycache__").iterdir():
        kept.write_bytes(b"garbage")
    assert load_toml(rule) == {"ratio": Decimal("0.1")}


def test_nothing_is_written_beside_rules_when_bytecode_writing_is_off(tmp_path, monkeypatch):
    monkeypatch.setattr(sys, "dont_write_bytecode", True)
    monkeypatch.setattr(sys, "pycache_prefix", None)
    rule = tmp_path / "X901.toml"
    rule.write_text('ratio = 0.1\n', encoding="utf-8")
    assert load_toml(rule) == {"ratio": Decimal("0.1")}
    assert not (tmp_path / "__pycache__").exists()


def test_invalid_rule_file_is_one_clear_error(tmp_path, writes_bytecode):
    rule = tmp_path / "X901.toml"
    rule.write_text('ratio = = 0.1\n', encoding="utf-8")
    with pytest.raises(RuleError, match="X901.toml"):
        load_toml(rule)
