"""Compiled patterns kept between runs (`factlint.patterncache`): a run that builds its patterns
from the kept file finds what a run that compiles them finds, and a file it cannot trust is
ignored."""

import marshal
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from factlint import patterncache
from factlint.engine import check_text
from factlint.kept import kept_path

TEXT = "全县共有2.000名职工,完成投资1.972.66万元,比上年增长12.5%。2021年末总人口为3.5万人。\n"


def _command(*args, cwd, env):
    return subprocess.run([sys.executable, "-m", "factlint", *map(str, args)], cwd=cwd, env=env,
                          capture_output=True, encoding="utf-8")


def _env(prefix, **more):
    env = dict(os.environ, PYTHONIOENCODING="utf-8", PYTHONPYCACHEPREFIX=str(prefix), **more)
    if "PYTHONDONTWRITEBYTECODE" not in more:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def _kept_files(prefix):
    return sorted(p for p in prefix.rglob("patterncache.*.marshal"))


def test_a_second_run_builds_its_patterns_from_the_first_and_reports_the_same(tmp_path):
    draft = tmp_path / "draft.txt"
    draft.write_text(TEXT * 20, encoding="utf-8")
    prefix = tmp_path / "pycache"
    first = _command("check", "--no-cache", draft, cwd=tmp_path, env=_env(prefix))
    [kept] = _kept_files(prefix)
    written = kept.stat().st_mtime_ns
    second = _command("check", "--no-cache", draft, cwd=tmp_path, env=_env(prefix))
    assert (second.returncode, second.stdout, second.stderr) == (first.returncode, first.stdout, first.stderr)
    assert first.returncode == 1 and "N101" in first.stdout
    assert kept.stat().st_mtime_ns == written  # nothing new was compiled: nothing written again


def test_nothing_is_kept_when_bytecode_writing_is_off(tmp_path):
    draft = tmp_path / "draft.txt"
    draft.write_text(TEXT, encoding="utf-8")
    prefix = tmp_path / "pycache"
    done = _command("check", "--no-cache", draft, cwd=tmp_path, env=_env(prefix, PYTHONDONTWRITEBYTECODE="1"))
    assert done.returncode == 1
    assert _kept_files(prefix) == []


def test_every_pattern_a_check_uses_is_what_re_compiles():
    check_text(TEXT)
    assert patterncache._kept, "the check compiled no pattern through the cache"
    import _sre

    for (pattern, flags), args in patterncache._kept.items():
        built = _sre.compile(pattern, *args)
        assert built == re.compile(pattern, flags), pattern
        assert built.findall(TEXT) == re.compile(pattern, flags).findall(TEXT), pattern


@pytest.fixture
def kept_at(tmp_path, monkeypatch):
    """The kept file of a module of the test's own, read afresh."""
    source = tmp_path / "patterns.py"
    source.write_text("", encoding="utf-8")
    monkeypatch.setattr(patterncache, "_SOURCE", str(source))
    target = Path(kept_path(str(source)))
    target.parent.mkdir(parents=True, exist_ok=True)
    monkeypatch.setattr(patterncache, "_kept", None)
    monkeypatch.setattr(patterncache, "_added", False)
    monkeypatch.setattr(patterncache, "_used", set())
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    return target


def _code_of(pattern):
    return patterncache._compiled_args(pattern, 0)


@pytest.mark.parametrize("content", [
    "another build",  # a file another Python wrote, whose code says "y" for "x"
    "refused code",  # this build, but code `_sre` refuses
    "not marshal",  # a damaged file
])
def test_a_file_that_cannot_be_trusted_is_ignored(kept_at, content):
    if content == "another build":
        kept_at.write_bytes(marshal.dumps((("2.7.18", 0), {("x", 0): _code_of("y")})))
    elif content == "refused code":
        flags, _, groups, groupindex, indexgroup = _code_of("x")
        kept_at.write_bytes(marshal.dumps((patterncache._STAMP, {("x", 0): (flags, [999, 1, 2], groups, groupindex,
                                                                             indexgroup)})))
    else:
        kept_at.write_bytes(b"\x00garbage")
    got = patterncache.compile_pattern("x")
    assert got == re.compile("x")
    assert got.findall("xyx") == ["x", "x"]


def test_kept_patterns_are_written_once_and_read_back(kept_at):
    pattern = "[连这来间中里](?P<n>[0-9]+)年"
    first = patterncache.compile_pattern(pattern)
    patterncache.keep_patterns()
    assert kept_at.exists()
    patterncache._kept, patterncache._added = None, False  # as a new process
    again = patterncache.compile_pattern(pattern)
    assert again == first == re.compile(pattern)
    assert again.groupindex == {"n": 1} and again.search("这5年来").group("n") == "5"
    assert not patterncache._added  # built from the file, not compiled


def test_a_bad_pattern_raises_what_re_raises(kept_at):
    with pytest.raises(re.error):
        patterncache.compile_pattern("[unclosed")


def test_a_file_grown_past_its_bound_keeps_only_what_this_run_used(kept_at, monkeypatch):
    stale = {(p, 0): _code_of(p) for p in ("old1", "old2", "old3")}  # patterns of an older version
    kept_at.write_bytes(marshal.dumps((patterncache._STAMP, stale)))
    monkeypatch.setattr(patterncache, "_MAX_KEPT", 3)
    patterncache.compile_pattern("old1")
    patterncache.compile_pattern("new[0-9]")
    patterncache.keep_patterns()
    _, kept = marshal.loads(kept_at.read_bytes())
    assert sorted(kept) == [("new[0-9]", 0), ("old1", 0)]
