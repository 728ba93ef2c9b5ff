"""Behaviour snapshot for optimisation work: every mention and finding on the benchmark document,
the samples and the corpus, as JSON. Take one before a change and compare after it:

    python bench/snapshot.py > /tmp/before.json   # … change the code …
    python bench/snapshot.py | diff - /tmp/before.json && echo identical
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from yearbook import build_document  # noqa: E402

from factlint.engine import check_document  # noqa: E402
from factlint.report import jsonable  # noqa: E402
from factlint.report.jsonfmt import finding_dict, mention_dict  # noqa: E402
from factlint.source import SourceDocument, read_document  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


def documents(pages: int):
    yield SourceDocument("bench.txt", build_document(pages, 7))
    for path in sorted((ROOT / "samples").iterdir()):
        yield read_document(str(path))
    corpus = ROOT.parent / "shared" / "corpus"
    for path in sorted(corpus.glob("*.txt")) if corpus.is_dir() else ():
        yield read_document(str(path))


def main() -> None:
    pages = int(sys.argv[1]) if len(sys.argv) > 1 else 60
    out = []
    for doc in documents(pages):
        result = check_document(doc)
        out.append({
            "path": Path(doc.path).name,
            "view": result.view.text,
            "mentions": [mention_dict(doc, result.view, m) for m in result.mentions],
            "findings": [finding_dict(doc, f) for f in result.findings],
        })
    json.dump(out, sys.stdout, ensure_ascii=False, indent=1, default=jsonable)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
