"""The `factlint` command as a process (`python -m factlint`, what the console script runs): it
leaves by a fast exit, so what it writes must be flushed and complete, and its exit codes kept."""

import json
import os
import subprocess
import sys

import pytest

# Many damaged figures: a report far bigger than a pipe's buffer (64 KB).
DRAFT = "".join(f"第{k}项:全县共有{k % 9 + 1}.{k % 1000:03d}名职工,完成投资{k % 7 + 1}.972.66万元。\n"
                for k in range(1, 1500))


def _command(*args, cwd, stdout=subprocess.PIPE):
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    env.pop("PYTHONUNBUFFERED", None)  # buffered, as in most shells: the exit must flush
    return subprocess.Popen([sys.executable, "-m", "factlint", *map(str, args)], cwd=cwd, env=env,
                            stdout=stdout, stderr=subprocess.PIPE)


@pytest.fixture
def draft(tmp_path):
    path = tmp_path / "draft.txt"
    path.write_text(DRAFT, encoding="utf-8")
    return path


def test_the_whole_report_reaches_the_reader(draft, tmp_path, run_cli):
    code, expected, _ = run_cli("check", "--no-cache", "--format", "concise", draft)
    proc = _command("check", "--no-cache", "--format", "concise", draft, cwd=tmp_path)
    out, err = proc.communicate()
    assert len(expected.encode()) > 100_000
    assert (proc.returncode, out.decode("utf-8"), err) == (code, expected, b"")
    assert code == 1


def test_a_report_written_to_a_file_is_complete(draft, tmp_path):
    report = tmp_path / "report.json"
    proc = _command("check", "--no-cache", "--format", "json", "--output", report, draft, cwd=tmp_path)
    proc.communicate()
    assert proc.returncode == 1
    findings = json.loads(report.read_text(encoding="utf-8"))
    assert {f["code"] for f in findings} == {"N101"} and len(findings) >= 2 * 1499


def test_a_reader_that_left_gets_no_traceback(draft, tmp_path):
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader is gone before the report is written (`… | head -1`, sooner)
    try:
        proc = _command("check", "--no-cache", "--format", "concise", draft, cwd=tmp_path, stdout=write_end)
    finally:
        os.close(write_end)
    _, err = proc.communicate()
    assert proc.returncode == 0 and err == b""


def test_a_short_report_is_flushed_and_a_missing_file_exits_2(tmp_path, run_cli):
    clean = tmp_path / "clean.txt"
    clean.write_text("2020年全县共有职工2,000名。\n", encoding="utf-8")
    expected = run_cli("check", "--no-cache", clean)[1]
    proc = _command("check", "--no-cache", clean, cwd=tmp_path)
    out, err = proc.communicate()
    assert (proc.returncode, out.decode("utf-8"), err) == (0, expected, b"")
    assert expected
    proc = _command("check", tmp_path / "missing.txt", cwd=tmp_path)
    out, err = proc.communicate()
    assert proc.returncode == 2
    assert err.decode().strip().startswith("factlint: error:") and len(err.decode().strip().splitlines()) == 1
