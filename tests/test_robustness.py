"""No crash, no hang, no data loss: any text, pathological lines, bad input, a failing --fix write.

Bounded: each test takes at most a few seconds; nothing here asserts on time (bench/run.py
measures the full-size pathological inputs and shows that their cost is linear).
"""

import os
import stat

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factlint.engine import check_document, check_text, extract_mentions
from factlint.fixer import apply_fixes
from factlint.layout import build_view
from factlint.settings import Settings
from factlint.source import SourceDocument

DAMAGED = "全县2.000名贫困群众脱贫,共投入财政资金1.32亿元。\n"
CLEAN = "全县2,000名贫困群众脱贫,共投入财政资金1.32亿元。\n"

# -- any text ------------------------------------------------------------------------------------

FRAGMENTS = [
    "2.000名", "1.972.66万元", "2.245户", "1.32亿元", "0.5%", "10.8％", "１２３４万元", "２．５％", "1 9 9 7 年",
    "3.400人次", "从2017年的15.31亿元增长至2020年的21.91亿元,年均增长10.8%", "比上年增长5.2%",
    "其中", "分别为", "共投入资金", "占", "个百分点", "倍", "连续四年", "2017—2020年", "四川", "一把手",
    "百分之五点二", "二〇二〇年", "一千二百四十一亿元", "约", "以上", "第一产业", "第二产业", "万", "亿",
    "。", ",", "，", "、", "；", "\n", "\r\n", "\f", "\t", " ", "\u3000", "  ", "\x00", "\x1b", "\u0301", "\u200b",
    "\ufeff", "O", "l", "(", "（", "”", "<!-- factlint-disable -->", "# ", "```", "|",
    "\ue000", "\ue001", "\ue003", "\ue004", "\ue007", "\uf8ff",  # private use: PDF icon fonts leave these
    "119   120   121", "   ", "²", "¹", "①", "\n\n",  # page furniture rows, and digits int() does not read
]
odd_chars = st.characters(blacklist_categories=("Cs",)) | st.sampled_from(
    ["\r", "\n", "\f", "\v", "\x85", "\u2028", "\u0300", "\u0301", "\u20dd", "０", "９", "．", "，", "％", "〇", "○",
     "零", "一", "二", "十", "百", "千", "万", "亿", "点", "\ud800", "\udfff"])
# dense number-like text: the characters figures, units, scales and claims are made of
NUMBERISH = list("0123456789０１２３４５６７８９.,．，%％‰ /-—～零〇○一二两三四五六七八九十百千万亿萬億點兩负第约近余多"
                 "左右以上下至到又之分元块毛角吨人户名个公里平方米年月日倍成点比增长下降增加减少年均占其中共合计为从由翻番"
                 "连续IlOo干方$￥()（）、。；\n")
texts = st.one_of(
    st.text(odd_chars, max_size=120),
    st.text(st.sampled_from(NUMBERISH), max_size=80),
    st.lists(st.sampled_from(FRAGMENTS) | st.text(odd_chars, max_size=4), max_size=40).map("".join),
)
PROPERTY = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def assert_inside(doc: SourceDocument, findings) -> None:
    n = len(doc.text)
    lines = doc.text.count("\n") + 1
    for f in findings:
        loc = f.location
        assert 0 <= loc.span.start <= loc.span.end <= n, f
        assert 1 <= loc.line <= loc.end_line <= lines and loc.column >= 1 and loc.end_column >= 1, f
        for r in f.related:
            assert 0 <= r.location.span.start <= r.location.span.end <= n, f
        if f.fix is not None:
            for e in f.fix.edits:
                assert 0 <= e.span.start <= e.span.end <= n, f


@PROPERTY
@given(text=texts, path=st.sampled_from(["a.txt", "a.md"]), layout=st.sampled_from(["auto", "plain", "columns"]))
def test_check_never_raises_and_positions_are_inside_the_file(text, path, layout):
    doc = SourceDocument(path, text, format="markdown" if path.endswith(".md") else "text")
    result = check_document(doc, Settings(layout=layout))
    assert_inside(doc, result.findings)
    assert_inside(doc, check_text(text, path=path))


@PROPERTY
@given(text=texts, layout=st.sampled_from(["auto", "plain", "columns"]))
def test_view_and_extract_never_raise_and_map_inside_the_file(text, layout):
    doc = SourceDocument("a.txt", text)
    view = build_view(doc, layout)
    assert view.map.view_length == len(view.text)
    for piece in view.map.pieces:
        assert 0 <= piece.source.start <= piece.source.end <= len(text)
        if piece.literal:
            assert view.text[piece.view.start:piece.view.end] == text[piece.source.start:piece.source.end]
    view, mentions = extract_mentions(doc, Settings(layout=layout))
    for m in mentions:
        assert 0 <= m.span.start <= m.span.end <= len(view.text)
        src = view.map.to_source(m.span)
        assert 0 <= src.start <= src.end <= len(text)


# -- --fix: idempotent, only reported spans ------------------------------------------------------

def fix_until_stable(text: str, path: str = "a.txt", rounds: int = 8) -> str:
    for _ in range(rounds):
        findings = check_text(text, path=path)
        new_text, fixed = apply_fixes(text, findings, unsafe=True)
        if not fixed or new_text == text:
            return text
        assert_changes_only_reported_spans(text, new_text, fixed)
        text = new_text
    return text


def assert_changes_only_reported_spans(before: str, after: str, fixed) -> None:
    """Outside the spans of the findings that were fixed, every character is kept in order."""
    edits = sorted((e for f in fixed for e in f.fix.edits), key=lambda e: e.span.start)
    for f in fixed:
        for e in f.fix.edits:
            reported = [f.location.span, *(r.location.span for r in f.related)]
            assert any(s.start <= e.span.start and e.span.end <= s.end for s in reported), (f, e)
    out, pos = [], 0
    for e in edits:
        out.append(before[pos:e.span.start])
        out.append(e.text)
        pos = e.span.end
    out.append(before[pos:])
    assert "".join(out) == after


@PROPERTY
@given(text=texts)
def test_fix_is_idempotent_and_changes_only_reported_spans(text):
    once = fix_until_stable(text)
    assert fix_until_stable(once) == once
    assert apply_fixes(once, check_text(once), unsafe=True)[0] == once


def write(path, text: str, encoding: str, newline: str):
    data = text.replace("\n", newline).encode(encoding)
    if encoding == "utf-8-sig":
        assert data.startswith(b"\xef\xbb\xbf")
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("newline", ["\n", "\r\n"], ids=["LF", "CRLF"])
@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030"])
def test_fix_keeps_encoding_newlines_and_permissions_and_is_idempotent(run_cli, tmp_path, encoding, newline):
    text = "第一行\n" + DAMAGED + "累计达2.460万元;引进企业在丹投资1.000万\n元。\n"
    p = write(tmp_path / "a.txt", text, encoding, newline)
    os.chmod(p, 0o604)
    code, out, err = run_cli("check", "--fix", "--unsafe-fixes", p)
    assert "Fixed" in err, err
    fixed = p.read_bytes()
    expected = "第一行\n" + CLEAN + "累计达2,460万元;引进企业在丹投资1,000万\n元。\n"
    assert fixed == expected.replace("\n", newline).encode(encoding)
    assert stat.S_IMODE(p.stat().st_mode) == 0o604
    run_cli("check", "--fix", "--unsafe-fixes", p)
    assert p.read_bytes() == fixed
    assert sorted(os.listdir(tmp_path)) == ["a.txt"]


# -- a failing write never leaves half a file ----------------------------------------------------

@pytest.mark.parametrize("where", ["replace", "fsync"])
def test_failed_write_keeps_the_original_and_leaves_no_temp_file(run_cli, tmp_path, monkeypatch, where):
    a = write(tmp_path / "a.txt", DAMAGED, "utf-8", "\n")
    b = write(tmp_path / "b.txt", DAMAGED, "utf-8", "\n")
    real = getattr(os, where)

    def failing(*args):
        if where == "fsync" or str(args[1]) == str(a):
            raise OSError(28, "No space left on device")
        return real(*args)

    monkeypatch.setattr(os, where, failing)
    code, out, err = run_cli("check", "--fix", a, b)
    assert code == 2
    assert a.read_text(encoding="utf-8") == DAMAGED
    assert [line for line in err.splitlines() if "error" in line] == [
        f"factlint: error: {a}: cannot write the fixes (No space left on device); file left unchanged"
    ] + ([f"factlint: error: {b}: cannot write the fixes (No space left on device); file left unchanged"]
         if where == "fsync" else [])
    assert "Traceback" not in err
    assert b.read_text(encoding="utf-8") == (DAMAGED if where == "fsync" else CLEAN)  # the other file went on
    assert sorted(os.listdir(tmp_path)) == ["a.txt", "b.txt"]


def test_interrupt_during_write_keeps_the_original(run_cli, tmp_path, monkeypatch):
    a = write(tmp_path / "a.txt", DAMAGED, "utf-8", "\n")

    def interrupted(*args):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupted)
    code, _, err = run_cli("check", "--fix", a)
    assert code == 130 and "interrupted" in err
    assert a.read_text(encoding="utf-8") == DAMAGED
    assert os.listdir(tmp_path) == ["a.txt"]


# -- pathological lines finish and stay sane -----------------------------------------------------

SIZE = 200_000  # bench/run.py runs the same inputs at 1 MB and prints the timings


@pytest.mark.parametrize("text", [
    pytest.param(("1." * SIZE)[:SIZE], id="1.1.1.1"),
    pytest.param("一" * (SIZE // 3), id="yi-yi-yi"),
    pytest.param(("2,000," * SIZE)[:SIZE], id="2,000,000"),
    pytest.param(("1 " * SIZE)[:SIZE], id="digits-and-spaces"),
    pytest.param("1\n一\n" * (SIZE // 20), id="one-character-lines"),
    pytest.param(("2.000名，" * SIZE)[:SIZE // 4], id="damaged-figures"),
    pytest.param("\f" * (SIZE // 4), id="form-feeds"),
    pytest.param(" " * SIZE + "2.000名", id="long-indent"),
])
def test_pathological_input_finishes(text):
    doc = SourceDocument("p.txt", text)
    result = check_document(doc)
    assert_inside(doc, result.findings)


LINE = 50_000  # one ~50 KB line of figures: work quadratic in the line would take minutes


@pytest.mark.parametrize("text", [
    pytest.param(("12个 " * LINE)[:LINE], id="counts-and-spaces"),
    pytest.param(("3.5万元 " * LINE)[:LINE], id="amounts-and-spaces"),
    pytest.param("全年共投入资金12亿元，其中" + ("城镇投入1亿元 " * LINE)[:LINE], id="parts-after-subset"),
    pytest.param(("比上年增长5%，" * LINE)[:LINE], id="many-clauses"),
    pytest.param(("共12个，其中城镇5个、农村7个 " * LINE)[:LINE], id="many-totals"),
])
def test_a_long_line_of_figures_finishes(text):
    doc = SourceDocument("p.txt", text)
    result = check_document(doc)
    assert_inside(doc, result.findings)


# -- bad input through the CLI --------------------------------------------------------------------

def one_error_line(err: str) -> list[str]:
    assert "Traceback" not in err
    return [line for line in err.splitlines() if line.startswith("factlint: error:")]


@pytest.mark.parametrize("command", ["check", "extract", "view"])
def test_directory_of_mixed_files(run_cli, tmp_path, command):
    d = tmp_path / "book"
    (d / "sub").mkdir(parents=True)
    (d / ".hidden").mkdir()
    write(d / "a.txt", DAMAGED, "utf-8", "\n")
    write(d / "sub" / "b.md", DAMAGED, "gb18030", "\r\n")
    (d / "c.txt").write_bytes(b"\x00\x01binary\x00")
    (d / "d.txt").write_bytes(b"\xff\xfe\xfa\xfb" * 4)
    (d / "e.txt").write_bytes(b"")
    (d / "f.md").write_bytes(b" \r\n\t\n")
    (d / "g.csv").write_text(DAMAGED)
    (d / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    (d / ".hidden" / "h.txt").write_text(DAMAGED)
    code, out, err = run_cli(command, d)
    assert code == 2
    errors = one_error_line(err)
    assert len(errors) == 2
    assert f"{d / 'c.txt'}: looks like a binary file" in errors[0]
    assert f"{d / 'd.txt'}: cannot decode" in errors[1]
    assert "g.csv" not in out and "h.txt" not in out and "image.png" not in out
    if command == "check":
        assert f"{d / 'a.txt'}:1:3: N101" in out and f"{d / 'sub' / 'b.md'}:1:3: N101" in out
    else:  # extract lists the figure, view prints the text: once per good file
        assert out.count("2.000名") == 2


@pytest.mark.parametrize("command", ["check", "extract", "view"])
def test_missing_and_directory_paths_with_good_ones(run_cli, tmp_path, command):
    a = write(tmp_path / "a.txt", DAMAGED, "utf-8", "\n")
    code, out, err = run_cli(command, tmp_path / "missing.txt", a)
    assert code == 2
    assert one_error_line(err) == [f"factlint: error: {tmp_path / 'missing.txt'}: no such file or directory"]
    assert "2.000" in out


@pytest.mark.parametrize("command", ["extract", "view"])
def test_binary_and_undecodable_files_on_other_commands(run_cli, tmp_path, command):
    b = tmp_path / "b.txt"
    b.write_bytes(b"\x00" * 10)
    u = tmp_path / "u.txt"
    u.write_bytes(b"\xff\xfe\xfa\xfb" * 4)
    code, out, err = run_cli(command, b, u)
    assert code == 2
    assert len(one_error_line(err)) == 2


@pytest.mark.parametrize("command", ["check", "extract", "view"])
@pytest.mark.parametrize("content", ["", " \n\t\r\n\u3000\n", "\f\f\n"], ids=["empty", "whitespace", "form-feeds"])
def test_empty_and_blank_files_are_clean_everywhere(run_cli, tmp_path, command, content):
    p = write(tmp_path / "e.txt", content, "utf-8", "\n")
    code, _, err = run_cli(command, p)
    assert code == 0 and not one_error_line(err)


def sparse(path, size: int):
    with open(path, "wb") as fh:
        fh.truncate(size)  # a hole: no time or disk spent
    return path


def test_a_50_mb_file_is_refused_with_one_line_and_other_files_are_checked(run_cli, tmp_path):
    """50 MB is over the 16 MB limit (source.MAX_BYTES): refused before it is read, exit code 2."""
    from factlint.source import MAX_BYTES

    big = sparse(tmp_path / "big.txt", 50 * 1024 * 1024)
    assert big.stat().st_size > MAX_BYTES
    a = write(tmp_path / "a.txt", DAMAGED, "utf-8", "\n")
    code, out, err = run_cli("check", big, a)
    assert code == 2
    assert one_error_line(err) == [
        f"factlint: error: {big}: file is 50 MB, over the {MAX_BYTES // (1024 * 1024)} MB limit; split it into smaller files"]
    assert f"{a}:1:3: N101" in out


def test_a_file_just_under_the_limit_is_read(run_cli, tmp_path, monkeypatch):
    """The limit is on size only: a file at the limit is read and checked (here a small limit)."""
    import factlint.source

    monkeypatch.setattr(factlint.source, "MAX_BYTES", len(DAMAGED.encode()))
    a = write(tmp_path / "a.txt", DAMAGED, "utf-8", "\n")
    b = write(tmp_path / "b.txt", DAMAGED + "\n", "utf-8", "\n")
    code, out, err = run_cli("check", "--no-cache", a, b)
    assert f"{a}:1:3: N101" in out
    assert one_error_line(err) == [f"factlint: error: {b}: file is 0 MB, over the 0 MB limit; split it into smaller files"]


def test_oversized_standard_input_is_refused(run_cli, monkeypatch):
    import io
    import sys

    import factlint.source

    monkeypatch.setattr(factlint.source, "MAX_BYTES", 10)
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(DAMAGED.encode())))
    code, _, err = run_cli("check", "-")
    assert code == 2
    assert one_error_line(err) == ["factlint: error: -: standard input is over the 0 MB limit; split it into smaller files"]


def test_check_leaves_the_callers_garbage_collector_as_it_found_it():
    import gc

    was = gc.isenabled()
    try:
        for state in (True, False):
            (gc.enable if state else gc.disable)()
            check_text("2020年为100亿元，2021年为110亿元，增长10%。")
            assert gc.isenabled() is state
    finally:
        (gc.enable if was else gc.disable)()


def test_check_keeps_the_callers_frozen_objects_frozen_and_its_cycles_collectable():
    import gc
    import weakref

    class Node:
        pass

    was = gc.isenabled()
    gc.enable()
    try:
        gc.freeze()
        frozen = gc.get_freeze_count()
        check_text("2020年为100亿元，2021年为110亿元，增长10%。")
        assert gc.get_freeze_count() == frozen  # a host's frozen objects are not released
        gc.unfreeze()
        a, b = Node(), Node()
        a.other, b.other = b, a  # a cycle the caller drops before the check
        gone = weakref.ref(a)
        del a, b
        check_text("2020年为100亿元，2021年为110亿元，增长10%。")
        gc.collect()
        assert gone() is None
    finally:
        gc.unfreeze()
        (gc.enable if was else gc.disable)()


@pytest.mark.parametrize("text", [
    "第一\ue007收入共计12亿元，全年收入34亿元。",  # the code point the claim patterns use for an ordinal
    "\ue003从2017年的15.31亿元增长至\ue001\ue003年的21.91亿元,年均增长10.8%。",
])
def test_private_use_characters_are_not_taken_for_figures(text):
    doc = SourceDocument("a.txt", text)
    assert_inside(doc, check_document(doc).findings)


def test_a_private_use_character_away_from_the_claim_leaves_it_checked():
    clean = "全县地区生产总值从2017年的15.31亿元增长至2020年的21.91亿元,年均增长10.8%。"
    icon = "\ue003" + clean  # an icon-font glyph before the sentence
    assert [f.code for f in check_document(SourceDocument("a.txt", icon)).findings] == ["C303"]
