"""Applying fixes: source edits, no overlaps, nothing else touched; atomic writes.

Invariants: only the characters inside the chosen edits change; a fix is applied whole or not at
all; overlapping fixes are deferred to the next round (the caller re-checks and repeats until no
fix applies); the written file keeps its encoding (BOM included), newlines and permissions.
"""

from __future__ import annotations

from factlint.atomic import replace_file
from factlint.findings import Applicability, Edit, Finding
from factlint.source import SourceDocument


def applicable(finding: Finding, unsafe: bool) -> bool:
    if finding.fix is None or not finding.fix.edits:
        return False
    a = finding.fix.applicability
    return a is Applicability.SAFE or (unsafe and a is Applicability.UNSAFE)


def apply_fixes(text: str, findings: list[Finding], unsafe: bool = False) -> tuple[str, list[Finding]]:
    """Apply every applicable, non-overlapping fix; return the new text and the findings fixed."""
    chosen: list[Edit] = []
    fixed: list[Finding] = []
    for finding in findings:
        if not applicable(finding, unsafe):
            continue
        edits = finding.fix.edits  # type: ignore[union-attr]
        if any(_clash(e, c) for e in edits for c in chosen):
            continue
        if any(e.span.end > len(text) for e in edits):
            continue
        chosen.extend(edits)
        fixed.append(finding)
    out, pos = [], 0
    for edit in sorted(chosen, key=lambda e: (e.span.start, e.span.end)):
        out.append(text[pos:edit.span.start])
        out.append(edit.text)
        pos = edit.span.end
    out.append(text[pos:])
    return "".join(out), fixed


def _clash(a: Edit, b: Edit) -> bool:
    if a.span.overlaps(b.span):
        return True
    # two insertions at one point, or an insertion at the edge of a replacement, are ambiguous
    return a.span.start == b.span.start or (len(a.span) == 0 and b.span.start <= a.span.start <= b.span.end) or (
        len(b.span) == 0 and a.span.start <= b.span.start <= a.span.end
    )


def write_atomic(doc: SourceDocument, new_text: str) -> None:
    """Write new_text in the document's encoding via a temporary file in the same folder + rename."""
    from pathlib import Path  # (only when fixing: not at start-up)

    path = Path(doc.path)
    data = doc.encode(new_text)  # utf-8-sig writes the BOM back
    mode = path.stat().st_mode & 0o7777
    replace_file(path, data, prefix=f".{path.name}.", suffix=".factlint-tmp", mode=mode, durable=True)
