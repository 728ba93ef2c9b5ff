"""Run factlint over the real passages in ../shared/corpus: every C (cross-check) finding, and
with --claims every relation it extracted and checked (and found to hold).

Usage: python scripts/measure_corpus.py [--claims] [CORPUS_DIR]
The corpus is read in place, never copied.
"""

from __future__ import annotations

import sys
from pathlib import Path

from factlint.claims import extract_claims
from factlint.engine import check_document
from factlint.source import read_document

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "corpus"


def _figures(claim) -> str:
    names = ("total", "parts", "base", "current", "rate", "stated", "value", "first", "second", "shares", "count")
    out = []
    for name in names:
        value = getattr(claim, name, None)
        if value is None:
            continue
        items = value if isinstance(value, tuple) else (value,)
        out += [getattr(m, "raw", str(m)) for m in items]
    return " ".join(out)


def main(argv: list[str]) -> int:
    show_claims = "--claims" in argv
    args = [a for a in argv[1:] if a != "--claims"]
    corpus = Path(args[0]) if args else DEFAULT
    files = sorted(corpus.glob("*.txt"))
    total = claims = 0
    for path in files:
        result = check_document(read_document(str(path)))
        for f in result.findings:
            if f.code.startswith("C"):
                total += 1
                print(f"{path.name}:{f.location.line}:{f.location.column}\t{f.severity}\t{f.code}\t{f.text}\t{f.message}")
        found = extract_claims(result.view, result.mentions)
        claims += len(found)
        if show_claims:
            for c in found:
                print(f"{path.name}\tclaim\t{type(c).__name__}\t{_figures(c)}")
    print(f"{total} C findings, {claims} relations checked, in {len(files)} files", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
