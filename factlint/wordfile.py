"""Word `.docx` input (extra `factlint[docx]`): read a document into a SourceDocument, and write an
annotated copy with a Word comment on each finding's figure.

Stage: source reading (like `source.py`) and, for `--annotate`, an output writer.
Invariants:
- The text is one line per paragraph, in body order (table cells row by row, nested tables
  included), joined with "\\n"; so a finding's line is the paragraph number and its column the
  code point within that paragraph.
- Every paragraph's text is exactly the concatenation of its runs' text (python-docx's own
  `Run.text`, with a line break inside a paragraph read as one space so it cannot start a line),
  so offsets map to runs without searching the text again.
- The original file is only read. `annotate` writes a copy (atomically) and refuses to write
  over its own input.
"""

from __future__ import annotations

import copy
import os
import tempfile
import zipfile
from pathlib import Path

from factlint.records import record
from factlint.source import MAX_BYTES, InputError, SourceDocument

TYPE_CHECKING = False  # as `typing.TYPE_CHECKING`: typing is not imported at run time (start-up)
if TYPE_CHECKING:  # python-docx is optional
    from typing import Any

    from factlint.findings import Finding

MISSING = "install factlint[docx] to read .docx files"
AUTHOR, INITIALS = "factlint", "FL"

# Runs that carry the paragraph's visible text, in document order (deleted text is left out).
_RUN_XPATH = ("./w:r | ./w:hyperlink/w:r | ./w:ins/w:r | ./w:smartTag/w:r | ./w:fldSimple/w:r"
              " | ./w:sdt/w:sdtContent/w:r | ./w:customXml/w:r")
# Run children that contribute text, as python-docx's `CT_R.text` counts them.
_TEXT_TAGS = ("t", "tab", "br", "cr", "noBreakHyphen", "ptab")


def _docx(path: str) -> Any:
    try:
        import docx
    except ImportError:
        raise InputError(f"{path}: {MISSING}") from None
    return docx


@record(frozen=True, slots=True)
class RunPiece:
    """One run of a paragraph and where its text sits in the paragraph (code points)."""

    run: Any  # docx.text.run.Run
    start: int
    end: int


def _w(tag: str) -> str:
    return "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}" + tag


def _child_text(el: Any) -> str:
    """Text one run child contributes (a line break inside a paragraph counts as one space)."""
    tag = el.tag.rsplit("}", 1)[-1]
    if tag not in _TEXT_TAGS:
        return ""
    text = str(el)
    return text.replace("\n", " ")


def _run_text(r: Any) -> str:
    return "".join(_child_text(el) for el in r.iterchildren())


def iter_paragraphs(document: Any) -> list[Any]:
    """Body paragraphs in reading order, table-cell paragraphs included (cells row by row)."""
    from docx.text.paragraph import Paragraph

    out: list[Any] = []

    def walk(parent_el: Any, parent: Any) -> None:
        for el in parent_el.iterchildren():
            tag = el.tag
            if tag == _w("p"):
                out.append(Paragraph(el, parent))
            elif tag == _w("tbl"):
                for tr in el.iterchildren(_w("tr")):
                    for tc in tr.iterchildren(_w("tc")):
                        walk(tc, parent)
            elif tag in (_w("sdt"),):
                for content in el.iterchildren(_w("sdtContent")):
                    walk(content, parent)
            elif tag in (_w("customXml"),):
                walk(el, parent)

    walk(document.element.body, document._body)
    return out


def paragraph_runs(paragraph: Any) -> list[RunPiece]:
    """The paragraph's text runs with their code-point offsets in the paragraph."""
    from docx.text.run import Run

    pieces, pos = [], 0
    for r in paragraph._p.xpath(_RUN_XPATH):
        n = len(_run_text(r))
        pieces.append(RunPiece(Run(r, paragraph), pos, pos + n))
        pos += n
    return pieces


def paragraph_text(paragraph: Any) -> str:
    return "".join(_run_text(p.run._r) for p in paragraph_runs(paragraph))


def open_document(path: str) -> Any:
    """python-docx Document for `path`; InputError (one line) when it is not a readable .docx."""
    docx = _docx(path)
    from docx.opc.exceptions import PackageNotFoundError
    from lxml import etree

    p = Path(path)
    if not p.exists():
        raise InputError(f"{path}: no such file or directory")
    if p.is_dir():
        raise InputError(f"{path}: is a directory")
    try:
        size = p.stat().st_size
        if size > MAX_BYTES:
            raise InputError(f"{path}: file is {size // (1024 * 1024)} MB, over the {MAX_BYTES // (1024 * 1024)} MB limit")
        with p.open("rb") as fh:
            head = fh.read(8)
        if head.startswith(b"\xd0\xcf\x11\xe0"):
            raise InputError(f"{path}: a Word 97-2003 .doc file, not .docx; save it as .docx")
        return docx.Document(str(p))
    except PermissionError:
        raise InputError(f"{path}: permission denied") from None
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, etree.XMLSyntaxError) as exc:
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise InputError(f"{path}: not a readable Word .docx file ({reason})") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror})") from None


def read_docx(path: str) -> SourceDocument:
    """A .docx as a SourceDocument of format "docx": one line per paragraph."""
    document = open_document(path)
    text = "\n".join(paragraph_text(p) for p in iter_paragraphs(document))
    return SourceDocument(path, text, "utf-8", "\n", "docx")


# ---------------------------------------------------------------------------------------------
# Annotated copy


def _split_run(run: Any, k: int) -> Any:
    """Split `run` after `k` code points of its text; return the new right-hand run.

    Both halves keep the run's properties (rPr); non-text children (drawings, field codes …) stay
    on the side of the split they were on.
    """
    from docx.text.run import Run

    left = run._r
    right = copy.deepcopy(left)
    left.addnext(right)
    content_l = [el for el in left.iterchildren() if el.tag != _w("rPr")]
    content_r = [el for el in right.iterchildren() if el.tag != _w("rPr")]
    pos = 0
    for el_l, el_r in zip(content_l, content_r):
        n = len(_child_text(el_l))
        if pos + n <= k:  # wholly on the left
            right.remove(el_r)
        elif pos >= k:  # wholly on the right
            left.remove(el_l)
        else:  # a w:t that straddles the split
            cut = k - pos
            el_l.text, el_r.text = el_l.text[:cut], el_l.text[cut:]
            for el in (el_l, el_r):
                el.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        pos += n
    return Run(right, run._parent)


def _boundary(paragraph: Any, offset: int) -> None:
    """Make `offset` (code points in the paragraph) fall on a run boundary."""
    for piece in paragraph_runs(paragraph):
        if piece.start < offset < piece.end:
            _split_run(piece.run, offset - piece.start)
            return


def anchor_runs(paragraphs: list[Any], line: int, column: int, end_line: int, end_column: int) -> list[Any]:
    """Runs covering exactly [line:column, end_line:end_column) (1-based, end exclusive)."""
    first, last = paragraphs[line - 1], paragraphs[end_line - 1]
    start, end = column - 1, end_column - 1
    if line == end_line and end <= start:
        end = start + 1
    _boundary(first, start)
    _boundary(last, end)
    runs = []
    for i in range(line - 1, end_line):
        for piece in paragraph_runs(paragraphs[i]):
            if piece.start == piece.end:
                continue
            lo = start if i == line - 1 else 0
            hi = end if i == end_line - 1 else piece.end
            if lo <= piece.start and piece.end <= hi:
                runs.append(piece.run)
    return runs


def comment_text(f: "Finding") -> str:
    """The message and the computation (formula, diagnosis) or the fix, for a Word comment."""
    lines = [f"{f.code} {f.name}: {f.message}"]
    d = f.details or {}
    if d.get("formula"):
        lines.append(f"计算 computed: {d['formula']}")
    if d.get("diagnosis"):
        diagnosis = d["diagnosis"]
        if isinstance(diagnosis, (list, tuple)):
            diagnosis = "; ".join(str(x) for x in diagnosis)
        lines.append(f"可能原因 likely mistake: {diagnosis}")
    for r in f.related:
        lines.append(f"{r.label or 'related'}: {r.text}")
    if f.fix is not None and f.replacement is not None:
        lines.append(f"修正 fix ({f.fix.applicability.value}): {f.text} → {f.replacement}")
    return "\n".join(lines)


def annotate(source: str, target: str, findings: list["Finding"]) -> int:
    """Write a copy of `source` to `target` with one comment per finding; return the count.

    `findings` must come from checking `source` (their lines are its paragraph numbers).
    """
    if Path(target).exists() and Path(target).resolve() == Path(source).resolve():
        raise InputError(f"{target}: --annotate would overwrite the checked document; name another file")
    document = open_document(source)
    paragraphs = iter_paragraphs(document)
    count = 0
    for f in findings:
        loc = f.location
        if not (1 <= loc.line <= loc.end_line <= len(paragraphs)):
            continue
        runs = anchor_runs(paragraphs, loc.line, loc.column, loc.end_line, loc.end_column)
        if not runs:
            continue
        document.add_comment(runs, text=comment_text(f), author=AUTHOR, initials=INITIALS)
        count += 1
    folder = os.path.dirname(os.path.abspath(target))
    try:
        fd, tmp = tempfile.mkstemp(prefix=".factlint-", suffix=".docx", dir=folder)
    except OSError as exc:
        raise InputError(f"{target}: cannot write ({exc.strerror})") from None
    try:
        with os.fdopen(fd, "wb") as fh:
            document.save(fh)
        os.replace(tmp, target)
    except OSError as exc:
        raise InputError(f"{target}: cannot write ({exc.strerror})") from None
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return count
