"""Run factlint over the real passages in ../shared/corpus and print every C (cross-check) finding.

Usage: python scripts/measure_corpus.py [CORPUS_DIR]
Each line: file, severity, code, the figure, message. The corpus is read in place, never copied.
"""

from __future__ import annotations

import sys
from pathlib import Path

from factlint.engine import check_text

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "corpus"


def main(argv: list[str]) -> int:
    corpus = Path(argv[1]) if len(argv) > 1 else DEFAULT
    files = sorted(corpus.glob("*.txt"))
    total = 0
    for path in files:
        for f in check_text(path.read_text("utf-8"), path=path.name):
            if not f.code.startswith("C"):
                continue
            total += 1
            print(f"{path.name}:{f.location.line}:{f.location.column}\t{f.severity}\t{f.code}\t{f.text}\t{f.message}")
    print(f"{total} C findings in {len(files)} files", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
