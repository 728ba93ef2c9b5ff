"""Suppression comments in Markdown and baselines, as a user meets them on the command line."""

import json

import pytest

LINE = "全县{}名贫困群众脱贫。"  # with "2.000" etc.: one N101 finding per line


def findings(run_cli, *args):
    code, out, err = run_cli("check", "--format", "json", *args)
    return code, [(f["line"], f["code"], f["text"]) for f in json.loads(out)], err


def write(path, text):
    path.write_text(text, encoding="utf-8")
    return path


def test_disable_enable_hides_exactly_the_named_rule_between(run_cli, tmp_path):
    md = write(tmp_path / "a.md", "\n".join([
        "# 草稿",
        LINE.format("1.000"),
        "<!-- factlint-disable N101 -->",
        LINE.format("2.000"),
        LINE.format("3.000"),
        "<!-- factlint-enable N101 -->",
        LINE.format("4.000"),
    ]) + "\n")
    code, found, err = findings(run_cli, md)
    assert code == 1
    assert found == [(2, "N101", "1.000名"), (7, "N101", "4.000名")]
    assert "unused" not in err


def test_disable_of_another_rule_hides_nothing_and_is_reported(run_cli, tmp_path):
    md = write(tmp_path / "a.md", "<!-- factlint-disable C303 -->\n" + LINE.format("2.000") + "\n")
    code, found, err = findings(run_cli, md)
    assert found == [(2, "N101", "2.000名")]
    assert f"{md}:1: unused suppression factlint-disable C303" in err


def test_disable_without_codes_hides_every_rule_until_enable(run_cli, tmp_path):
    md = write(tmp_path / "a.md", "\n".join([
        "<!-- factlint-disable -->", LINE.format("2.000"), "<!-- factlint-enable -->", LINE.format("3.000")]) + "\n")
    assert findings(run_cli, md)[1] == [(4, "N101", "3.000名")]


def test_prefix_codes_and_a_reason_after_the_codes(run_cli, tmp_path):
    md = write(tmp_path / "a.md", "\n".join([
        "<!-- factlint-disable-next-line N1 -- 原文如此,保留 -->", LINE.format("2.000"),
        "<!-- factlint-disable-next-line C3, N101 because the source prints it so -->", LINE.format("3.000"),
        LINE.format("4.000")]) + "\n")
    code, found, err = findings(run_cli, md)
    assert found == [(5, "N101", "4.000名")]
    assert "unused" not in err  # the reason words are not read as codes


def test_disable_next_line_hides_only_the_next_nonblank_line(run_cli, tmp_path):
    md = write(tmp_path / "a.md", "\n".join([
        "<!-- factlint-disable-next-line N101 -->", "", LINE.format("2.000"), LINE.format("3.000")]) + "\n")
    assert findings(run_cli, md)[1] == [(4, "N101", "3.000名")]


def test_unused_next_line_suppression_and_stray_enable_are_reported(run_cli, tmp_path):
    md = write(tmp_path / "a.md", "\n".join([
        "<!-- factlint-disable-next-line N101 -->", "全县2,000名贫困群众脱贫。",
        "<!-- factlint-enable C303 -->"]) + "\n")
    code, found, err = findings(run_cli, md)
    assert code == 0 and found == []
    assert f"{md}:1: unused suppression factlint-disable-next-line N101" in err
    assert f"{md}:3: unused suppression factlint-enable C303" in err


# --- baselines ---------------------------------------------------------------------------------------

LEGACY = "\n".join([
    "第一段。" + LINE.format("2.000"),
    "",
    "第二段。共投入财政资金1.32亿元," + LINE.format("3.000"),
]) + "\n"


def test_baseline_hides_recorded_findings_and_shows_new_ones(run_cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    page = write(tmp_path / "p.txt", LEGACY)
    base = tmp_path / "baseline.json"
    code, out, err = run_cli("check", "--write-baseline", base, page)
    assert code == 0 and "Wrote 2 findings to baseline" in err
    entries = json.loads(base.read_text(encoding="utf-8"))["findings"]
    assert {e["text"] for e in entries} == {"2.000名", "3.000名"}
    assert all("line" not in e for e in entries)  # keyed by sentence, not by line number

    code, out, err = run_cli("check", "--baseline", base, page)
    assert code == 0, out + err
    assert "All clear" in out

    # a new problem elsewhere in the file is shown; lines inserted above do not revive old ones
    write(page, "新增标题\n\n插入的一段文字。\n" + LEGACY + "\n第三段。" + LINE.format("5.000") + "\n")
    code, found, err = findings(run_cli, "--baseline", base, page)
    assert code == 1
    assert found == [(8, "N101", "5.000名")]
    assert "stale" not in err


def test_baseline_paths_agree_however_the_file_is_named(run_cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "drafts").mkdir()
    write(tmp_path / "drafts" / "p.txt", LEGACY)
    run_cli("check", "--write-baseline", "b.json", "./drafts/p.txt")
    assert run_cli("check", "--baseline", "b.json", "drafts")[0] == 0
    assert run_cli("check", "--baseline", "b.json", str(tmp_path / "drafts" / "p.txt"))[0] == 0


def test_stale_baseline_entries_are_reported(run_cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    page = write(tmp_path / "p.txt", LEGACY)
    other = write(tmp_path / "q.txt", LINE.format("7.000") + "\n")
    run_cli("check", "--write-baseline", "b.json", page, other)
    write(page, LEGACY.replace("2.000名", "2,000名"))  # the editor fixed one figure

    code, out, err = run_cli("check", "--baseline", "b.json", page)
    assert code == 0
    assert "p.txt: stale baseline entry N101 2.000名" in err
    assert "1 baseline entry no longer matches any finding" in err
    assert "7.000名" not in err  # q.txt was not checked in this run: its entry is not stale


@pytest.mark.parametrize("content, fragment", [
    ("{not json", "not a factlint baseline"),
    ('{"version": 1}', "not a factlint baseline"),
])
def test_bad_baseline_is_one_line_error(run_cli, tmp_path, content, fragment):
    page = write(tmp_path / "p.txt", LEGACY)
    base = write(tmp_path / "b.json", content)
    code, out, err = run_cli("check", "--baseline", base, page)
    assert code == 2 and fragment in err and len(err.strip().splitlines()) == 1


def test_missing_baseline_is_one_line_error(run_cli, tmp_path):
    page = write(tmp_path / "p.txt", LEGACY)
    code, _, err = run_cli("check", "--baseline", tmp_path / "nope.json", page)
    assert code == 2 and "baseline file not found" in err and len(err.strip().splitlines()) == 1
