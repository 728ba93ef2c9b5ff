"""Word drafts: findings located by paragraph, an annotated copy with comments on the figures,
the original never modified. Skipped when python-docx (extra factlint[docx]) is missing."""

import hashlib
import json
import sys

import pytest

docx = pytest.importorskip("docx", reason="python-docx not installed (pip install 'factlint[docx]')")

from docx.shared import Pt  # noqa: E402
from docx.text.run import Run  # noqa: E402

from factlint.findings import Applicability, Edit, Finding, Fix, Location, Severity  # noqa: E402
from factlint.spans import Span  # noqa: E402

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

# The seed page (samples/chenghua-yearbook-2021-p124.txt) as a Word editor would have it: single
# column, one paragraph per paragraph. Each paragraph is a list of runs: (text, bold).
SEED_PARAGRAPHS = [
    [("坚持精准帮扶,助推脱贫攻坚迈上新台阶", True)],
    [("一、总体情况", True)],
    [("成华区自2017年启动第二轮对口帮扶丹巴县工作至2020年,始终坚持以习近平新时代中国特色社会主义思想为指导。"
      "成华区第二轮对口帮扶丹巴县共投入财政资金1.32亿元,实施援建项目132个,助推丹巴县于2018年底在甘孜州率先脱贫摘帽。", False)],
    [("成华区在全省范围内率先提出“全域帮扶”模式,设立“全域帮扶资金”,带动全县12个乡镇2.", False),
     # the run boundary falls in the middle of the damaged figure 2.000名
     ("000名贫困群众脱贫", True),
     (",该模式于2018年在全省推广。", False)],
]
CELL_TEXT = "引进企业在丹投资1.000万元,打造高端精品民宿等设施。"
FIGURE_PARAGRAPH = 4  # 1-based paragraph number of 2.000名
FIGURE_COLUMN = SEED_PARAGRAPHS[3][0][0].index("2.") + 1


def build_draft(path):
    document = docx.Document()
    for runs in SEED_PARAGRAPHS:
        p = document.add_paragraph()
        for text, bold in runs:
            run = p.add_run(text)
            run.bold = bold
            run.font.size = Pt(11)
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).paragraphs[0].add_run("项目")
    table.cell(0, 1).paragraphs[0].add_run(CELL_TEXT)
    document.save(str(path))
    return path


def sha(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def anchored_texts(document):
    """comment id → the text between its commentRangeStart and commentRangeEnd, in body order."""
    open_ids, texts = set(), {}
    for el in document.element.body.iter():
        if el.tag == W + "commentRangeStart":
            open_ids.add(el.get(W + "id"))
            texts.setdefault(el.get(W + "id"), "")
        elif el.tag == W + "commentRangeEnd":
            open_ids.discard(el.get(W + "id"))
        elif el.tag == W + "t":
            for cid in open_ids:
                texts[cid] += el.text or ""
    return {int(k): v for k, v in texts.items()}


def anchored_runs(document, comment_id):
    """The w:r elements inside one comment's range."""
    inside, runs = False, []
    for el in document.element.body.iter():
        if el.tag == W + "commentRangeStart" and el.get(W + "id") == str(comment_id):
            inside = True
        elif el.tag == W + "commentRangeEnd" and el.get(W + "id") == str(comment_id):
            break
        elif inside and el.tag == W + "r" and el.find(W + "t") is not None:
            runs.append(el)
    return runs


# --- reading -------------------------------------------------------------------------------------

def test_read_docx_is_one_line_per_paragraph_including_table_cells(tmp_path):
    from factlint.source import read_document

    doc = read_document(str(build_draft(tmp_path / "draft.docx")))
    lines = doc.text.split("\n")
    assert doc.format == "docx"
    assert lines[:4] == ["".join(t for t, _ in runs) for runs in SEED_PARAGRAPHS]
    assert lines[4:] == ["项目", CELL_TEXT]
    assert doc.line_text(FIGURE_PARAGRAPH)[FIGURE_COLUMN - 1:FIGURE_COLUMN + 5] == "2.000名"


def test_line_break_and_tab_inside_a_paragraph_keep_offsets(tmp_path):
    from factlint.source import read_document
    from factlint.wordfile import iter_paragraphs, paragraph_runs

    document = docx.Document()
    p = document.add_paragraph()
    p.add_run("甲\t乙")
    p.add_run().add_break()
    p.add_run("丙2.000名")
    document.save(str(tmp_path / "b.docx"))
    doc = read_document(str(tmp_path / "b.docx"))
    assert doc.text == "甲\t乙 丙2.000名"  # the break is one space: it cannot start a new line
    para = iter_paragraphs(docx.Document(str(tmp_path / "b.docx")))[0]
    assert [(r.start, r.end) for r in paragraph_runs(para)] == [(0, 3), (3, 4), (4, 11)]


# --- annotating (no dependency on the rules: a finding made by hand) ------------------------------

def _finding(path, line, column, end_column, text, message="千位分隔符误为小数点"):
    start = 0  # source offsets are not used by the annotator, only line/column
    return Finding(
        code="N101", name="period-as-thousands-separator", severity=Severity.ERROR, message=message,
        location=Location(str(path), Span(start, start), line, column, line, end_column), text=text,
        details={"formula": "2.000 → 2,000"},
        fix=Fix("restore the comma", (Edit(Span(0, 0), ","),), Applicability.SAFE), replacement="2,000名")


def test_annotate_splits_runs_and_keeps_formatting(tmp_path):
    from factlint.wordfile import annotate

    src = build_draft(tmp_path / "draft.docx")
    before = sha(src)
    f = _finding(src, FIGURE_PARAGRAPH, FIGURE_COLUMN, FIGURE_COLUMN + 6, "2.000名")
    out = tmp_path / "out.docx"
    assert annotate(str(src), str(out), [f]) == 1
    assert sha(src) == before

    copy = docx.Document(str(out))
    comments = list(copy.comments)
    assert len(comments) == 1
    c = comments[0]
    assert (c.author, c.initials) == ("factlint", "FL")
    assert "N101" in c.text and "千位分隔符误为小数点" in c.text and "2,000名" in c.text and "2.000 → 2,000" in c.text
    assert anchored_texts(copy) == {c.comment_id: "2.000名"}
    runs = anchored_runs(copy, c.comment_id)
    bold = [bool(Run(r, None).bold) for r in runs]
    assert ["".join(t.text for t in r.iter(W + "t")) for r in runs] == ["2.", "000名"]
    assert bold == [False, True]  # each half keeps its run's formatting
    # the text of every paragraph is unchanged by the splits
    assert [p.text for p in copy.paragraphs] == [p.text for p in docx.Document(str(src)).paragraphs]


def test_annotate_two_findings_in_one_run_and_one_in_a_table_cell(tmp_path):
    from factlint.wordfile import annotate

    src = build_draft(tmp_path / "draft.docx")
    para3 = SEED_PARAGRAPHS[2][0][0]
    a = para3.index("1.32亿元") + 1
    b = para3.index("132个") + 1
    cell = CELL_TEXT.index("1.000万元") + 1
    findings = [
        _finding(src, 3, a, a + 6, "1.32亿元"),
        _finding(src, 3, b, b + 4, "132个"),
        _finding(src, 6, cell, cell + 7, "1.000万元"),
    ]
    out = tmp_path / "out.docx"
    assert annotate(str(src), str(out), findings) == 3
    copy = docx.Document(str(out))
    assert sorted(anchored_texts(copy).values()) == sorted(["1.32亿元", "132个", "1.000万元"])


# --- the command line, end to end ----------------------------------------------------------------

def test_check_docx_reports_by_paragraph(run_cli, tmp_path):
    src = build_draft(tmp_path / "draft.docx")
    code, out, err = run_cli("check", "--format", "json", src)
    assert code == 1, err
    findings = json.loads(out)
    n101 = [f for f in findings if f["code"] == "N101" and f["text"] == "2.000名"]
    assert len(n101) == 1
    assert (n101[0]["line"], n101[0]["column"]) == (FIGURE_PARAGRAPH, FIGURE_COLUMN)
    assert n101[0]["fix"]["replacement"] == "2,000名"


def test_check_docx_text_report_shows_the_paragraph(run_cli, tmp_path):
    src = build_draft(tmp_path / "draft.docx")
    code, out, _ = run_cli("check", src)
    assert code == 1
    assert f"{src}:{FIGURE_PARAGRAPH}:{FIGURE_COLUMN}: N101" in out
    assert "带动全县12个乡镇2.000名贫困群众脱贫" in out


def test_annotate_round_trip(run_cli, tmp_path):
    src = build_draft(tmp_path / "draft.docx")
    before = sha(src)
    out = tmp_path / "draft-checked.docx"
    code, stdout, err = run_cli("check", "--format", "json", src, "--annotate", out)
    assert code == 1, err
    findings = json.loads(stdout)
    assert f"Wrote {out} with {len(findings)} comment" in err
    assert sha(src) == before

    copy = docx.Document(str(out))
    comments = {c.comment_id: c for c in copy.comments}
    anchored = anchored_texts(copy)
    assert len(comments) == len(findings) == len(anchored)
    # every finding's figure carries a comment with its message
    for f in findings:
        assert any(anchored[cid] == f["text"] and f["message"] in c.text for cid, c in comments.items()), f
    n101 = next(cid for cid, c in comments.items() if anchored[cid] == "2.000名")
    assert comments[n101].author == "factlint" and comments[n101].initials == "FL"
    assert "2,000名" in comments[n101].text  # the fix is part of the comment
    # the checked copy reads back to the same text
    from factlint.source import read_document

    assert read_document(str(out)).text == read_document(str(src)).text


def test_fix_never_modifies_a_docx(run_cli, tmp_path):
    src = build_draft(tmp_path / "draft.docx")
    before = sha(src)
    code, out, err = run_cli("check", "--fix", src)
    assert code == 1
    assert "never modified" in err and "--annotate" in err
    assert "N101" in out
    assert sha(src) == before


@pytest.mark.parametrize("extra, fragment", [
    (("other.txt",), "exactly one .docx"),
    ((), "must name a new file"),
])
def test_annotate_usage_errors(run_cli, tmp_path, extra, fragment):
    src = build_draft(tmp_path / "draft.docx")
    (tmp_path / "other.txt").write_text("全县2.000名贫困群众脱贫。\n", encoding="utf-8")
    target = src if not extra else tmp_path / "out.docx"
    code, out, err = run_cli("check", src, *[tmp_path / e for e in extra], "--annotate", target)
    assert code == 2
    assert fragment in err and len(err.strip().splitlines()) == 1


def test_annotated_copy_must_be_a_docx(run_cli, tmp_path):
    src = build_draft(tmp_path / "draft.docx")
    code, _, err = run_cli("check", src, "--annotate", tmp_path / "out.txt")
    assert code == 2 and "must be a .docx file" in err and len(err.strip().splitlines()) == 1
    assert not (tmp_path / "out.txt").exists()


def test_annotate_needs_a_docx_input(run_cli, tmp_path):
    txt = tmp_path / "a.txt"
    txt.write_text("全县2.000名贫困群众脱贫。\n", encoding="utf-8")
    code, _, err = run_cli("check", txt, "--annotate", tmp_path / "out.docx")
    assert code == 2 and "exactly one .docx" in err and len(err.strip().splitlines()) == 1


def test_not_a_docx_is_one_line_error(run_cli, tmp_path):
    bad = tmp_path / "bad.docx"
    bad.write_text("not a zip file", encoding="utf-8")
    code, _, err = run_cli("check", bad)
    assert code == 2
    assert "bad.docx: not a readable Word .docx file" in err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err


def test_missing_python_docx_is_one_line_error(run_cli, tmp_path, monkeypatch):
    src = build_draft(tmp_path / "draft.docx")
    monkeypatch.setitem(sys.modules, "docx", None)  # import docx → ImportError
    code, _, err = run_cli("check", src)
    assert code == 2
    assert "install factlint[docx] to read .docx files" in err
    assert len(err.strip().splitlines()) == 1


def test_directory_walk_includes_docx_but_not_word_lock_files(tmp_path):
    from factlint.source import expand_paths

    build_draft(tmp_path / "draft.docx")
    (tmp_path / "~$draft.docx").write_bytes(b"lock")
    (tmp_path / "notes.txt").write_text("x", encoding="utf-8")
    files, errors = expand_paths([str(tmp_path)])
    assert [f.rsplit("/", 1)[-1] for f in files] == ["draft.docx", "notes.txt"] and not errors
