"""Configuration files as a user writes them: nearest wins, unknown keys are named, exit 2."""

from factlint.cli import main


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
