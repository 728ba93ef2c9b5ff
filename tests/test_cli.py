"""The command line as a user meets it: exit codes, one-line errors, formats, --fix and --diff."""

import json
import os
import shutil
import stat

import pytest

from conftest import SEED

DAMAGED = "全县2.000名贫困群众脱贫,共投入财政资金1.32亿元。\n"
CLEAN = "全县2,000名贫困群众脱贫,共投入财政资金1.32亿元。\n"


def write(tmp_path, name, data):
    p = tmp_path / name
    p.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return p


def test_clean_file_exits_0(run_cli, tmp_path):
    code, out, err = run_cli("check", write(tmp_path, "a.txt", CLEAN))
    assert code == 0, err
    assert "All clear" in out


def test_findings_exit_1_and_exit_zero(run_cli, tmp_path):
    p = write(tmp_path, "a.txt", DAMAGED)
    code, out, _ = run_cli("check", p)
    assert code == 1
    assert f"{p}:1:3: N101" in out
    assert run_cli("check", "--exit-zero", p)[0] == 0


def test_caret_sits_under_the_figure_in_terminal_cells(run_cli, tmp_path):
    p = write(tmp_path, "a.txt", DAMAGED)
    _, out, _ = run_cli("check", p)
    lines = out.splitlines()
    i = next(i for i, l in enumerate(lines) if l.startswith("1 |"))
    caret = lines[i + 1]
    # "全县" is 4 cells wide; the figure "2.000名" is 5 + 2 = 7 cells
    assert caret.index("^") - lines[i].index("全") == 4
    assert caret.count("^") == 7


@pytest.mark.parametrize("args, fragment", [
    (("check", "does-not-exist.txt"), "does-not-exist.txt: no such file or directory"),
    (("check",), "no paths given"),
    (("check", "--format", "yaml", "x.txt"), "invalid choice"),
    (("explain", "X999"), "unknown rule"),
    (("frobnicate",), "invalid choice"),
])
def test_usage_and_input_errors_are_one_line_exit_2(run_cli, args, fragment):
    code, out, err = run_cli(*args)
    assert code == 2
    assert fragment in err
    assert len(err.strip().splitlines()) == 1
    assert "Traceback" not in err


def test_binary_file_is_an_error_but_other_files_are_checked(run_cli, tmp_path):
    b = write(tmp_path, "b.txt", b"\x00\x01\x02binary")
    a = write(tmp_path, "a.txt", DAMAGED)
    code, out, err = run_cli("check", b, a)
    assert code == 2
    assert "binary" in err and str(b) in err
    assert "N101" in out


def test_undecodable_bytes_give_one_line(run_cli, tmp_path):
    p = write(tmp_path, "u.txt", b"\xff\xfe\xfa\xfb\xfc" * 3)
    code, _, err = run_cli("check", p)
    assert code == 2 and "cannot decode" in err


def test_empty_and_whitespace_files_are_clean(run_cli, tmp_path):
    assert run_cli("check", write(tmp_path, "e.txt", ""))[0] == 0
    assert run_cli("check", write(tmp_path, "w.txt", "  \n\t\n"))[0] == 0


def test_directory_is_walked_for_txt_and_md(run_cli, tmp_path):
    write(tmp_path, "a.txt", DAMAGED)
    write(tmp_path, "b.md", DAMAGED)
    write(tmp_path, "c.csv", DAMAGED)
    code, out, _ = run_cli("check", "--format", "concise", tmp_path)
    assert code == 1
    assert "a.txt:1:3" in out and "b.md:1:3" in out and "c.csv" not in out


def test_stdin(run_cli, monkeypatch):
    import io
    import sys

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(DAMAGED.encode())))
    code, out, _ = run_cli("check", "-")
    assert code == 1 and "-:1:3: N101" in out


def test_json_contract(run_cli, tmp_path):
    p = write(tmp_path, "a.txt", DAMAGED)
    code, out, _ = run_cli("check", "--format", "json", p)
    data = json.loads(out)
    (f,) = [d for d in data if d["code"] == "N101"]
    assert {k: f[k] for k in ("line", "column", "end_line", "end_column", "severity")} == {
        "line": 1, "column": 3, "end_line": 1, "end_column": 9, "severity": "error"}
    assert f["name"] == "period-as-thousands-separator"
    assert f["fix"]["applicability"] == "safe"
    assert f["fix"]["replacement"] == "2,000名"
    assert f["fix"]["edits"] == [{"line": 1, "column": 4, "end_line": 1, "end_column": 5, "text": ","}]


def test_extract_json_contract(run_cli, tmp_path):
    p = write(tmp_path, "a.txt", DAMAGED)
    code, out, _ = run_cli("extract", p)
    assert code == 0
    rows = {r["text"]: r for r in json.loads(out)}
    assert rows["2.000名"]["value"] == "2000" and rows["2.000名"]["unit"] == "名"
    assert rows["1.32亿元"]["value"] == "132000000" and rows["1.32亿元"]["unit"] == "元"
    assert rows["1.32亿元"]["column"] == 23


def test_fix_changes_only_the_reported_figures_and_keeps_bytes(run_cli, tmp_path):
    p = write(tmp_path, "a.txt", ("第一行\r\n" + DAMAGED.replace("\n", "\r\n")).encode("gb18030"))
    os.chmod(p, 0o640)
    code, out, err = run_cli("check", "--fix", p)
    data = p.read_bytes()
    assert data == ("第一行\r\n" + CLEAN.replace("\n", "\r\n")).encode("gb18030")
    assert stat.S_IMODE(p.stat().st_mode) == 0o640
    assert "Fixed 1 finding" in err
    assert code == 0
    assert not [n for n in os.listdir(tmp_path) if n.endswith("factlint-tmp")]


def test_fix_keeps_utf8_bom(run_cli, tmp_path):
    p = write(tmp_path, "a.txt", b"\xef\xbb\xbf" + DAMAGED.encode())
    run_cli("check", "--fix", p)
    assert p.read_bytes() == b"\xef\xbb\xbf" + CLEAN.encode()


def test_diff_writes_nothing(run_cli, tmp_path):
    p = write(tmp_path, "a.txt", DAMAGED)
    code, out, err = run_cli("check", "--diff", p)
    assert p.read_text() == DAMAGED
    assert "-全县2.000名" in out and "+全县2,000名" in out


def test_separator_style_none(run_cli, tmp_path):
    p = write(tmp_path, "a.txt", DAMAGED)
    run_cli("check", "--fix", "--separator-style", "none", p)
    assert p.read_text().startswith("全县2000名")


def test_select_and_ignore(run_cli, tmp_path):
    p = write(tmp_path, "a.txt", DAMAGED)
    assert run_cli("check", "--ignore", "N", p)[0] == 0
    assert run_cli("check", "--select", "C", p)[0] == 0
    assert run_cli("check", "--select", "N101", p)[0] == 1


def test_rules_and_explain(run_cli):
    code, out, _ = run_cli("rules")
    assert code == 0 and "N101" in out and "period-as-thousands-separator" in out
    code, out, _ = run_cli("explain", "N101")
    assert code == 0
    for section in ("What it does", "Why it matters", "Example", "Use instead", "Fix safety"):
        assert section in out


def test_seed_fix_changes_exactly_the_nine_figures(run_cli, tmp_path):
    p = tmp_path / SEED.name
    shutil.copy(SEED, p)
    before = p.read_text(encoding="utf-8")
    run_cli("check", "--fix", "--unsafe-fixes", p)
    after = p.read_text(encoding="utf-8")
    assert len(before) == len(after)
    changed = [(i, a, b) for i, (a, b) in enumerate(zip(before, after)) if a != b]
    assert len(changed) == 9  # one period per damaged figure (1.972.66 keeps its decimal point)
    assert all(a == "." and b == "," for _, a, b in changed)
    for figure in ("2,000名", "2,245户", "8,564人", "1,972.66万元", "2,460万元", "5,640万元", "5,500平方米", "1,000万", "3,400人次"):
        assert figure in after
    for genuine in ("1.32亿元", "1.12亿元", "15.31亿元", "21.91亿元", "0.52%", "0.5%", "1.31万元", "1.58万元"):
        assert genuine in after


@pytest.mark.parametrize("fmt", ["concise", "json", "sarif", "html"])
def test_parallel_jobs_report_exactly_what_one_process_reports(run_cli, tmp_path, fmt):
    for i in range(3):
        write(tmp_path, f"ch{i}.txt", DAMAGED * (i + 1) + "GDP从2017年的15.31亿元增长至2020年的21.91亿元,年均增长10.8%。\n")
    one = run_cli("check", "--no-cache", "--format", fmt, tmp_path)
    two = run_cli("check", "--no-cache", "--jobs", "2", "--format", fmt, tmp_path)
    assert one == two
    assert one[0] == 1
    if fmt == "html":
        assert one[1].count('<mark id="mark-') == 1 + 2 + 3 + 3
