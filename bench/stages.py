#!/usr/bin/env python
"""Where the time goes: CPU seconds per pipeline stage and per rule, at two sizes (to spot a stage
whose cost grows faster than the text).

    python bench/stages.py [PAGES ...]        # default: 50 100
    python bench/stages.py --profile 100      # cProfile of one check, top functions by own time
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from yearbook import build_document  # noqa: E402


def stages(text: str) -> dict[str, float]:
    from factlint.context import CheckContext
    from factlint.engine import active_rules
    from factlint.layout import build_view
    from factlint.mentions import find_mentions
    from factlint.rulebook import KINDS
    from factlint.settings import Settings
    from factlint.source import SourceDocument

    out: dict[str, float] = {}

    def timed(name, fn):
        t = time.process_time()
        value = fn()
        out[name] = out.get(name, 0.0) + time.process_time() - t
        return value

    settings = Settings()
    doc = timed("read (SourceDocument)", lambda: SourceDocument("bench.txt", text))
    view = timed("layout (build_view)", lambda: build_view(doc, settings.layout))
    mentions = timed("numbers (find_mentions)", lambda: find_mentions(view.text))
    ctx = CheckContext(view, mentions, settings)
    timed("claims (extract_claims)", lambda: ctx.claims)
    for rule in active_rules(settings, doc.path):
        timed(f"rule {rule.code} ({rule.kind})", lambda: list(KINDS[rule.kind].run(ctx, rule)))
    return out


def main() -> None:
    args = sys.argv[1:]
    if args[:1] == ["--profile"]:
        import cProfile
        import pstats

        from factlint.engine import check_document
        from factlint.source import SourceDocument

        text = build_document(int(args[1]) if len(args) > 1 else 100)
        check_document(SourceDocument("warm.txt", build_document(2)))
        cProfile.runctx("check_document(SourceDocument('bench.txt', text))", globals(), locals(), "/tmp/factlint.prof")
        pstats.Stats("/tmp/factlint.prof").sort_stats("tottime").print_stats(30)
        return
    sizes = [int(a) for a in args] or [50, 100]
    stages(build_document(2))  # warm-up
    results = {n: stages(build_document(n)) for n in sizes}
    names = list(results[sizes[-1]])
    print(f"{'stage':<36}" + "".join(f"{n:>8} p" for n in sizes) + "   growth")
    for name in names:
        row = [results[n].get(name, 0.0) for n in sizes]
        growth = row[-1] / row[0] if row[0] > 1e-4 else float("nan")
        print(f"{name:<36}" + "".join(f"{v:>9.3f}s" for v in row) + f"   {growth:5.1f}×")
    print(f"{'total':<36}" + "".join(f"{sum(results[n].values()):>9.3f}s" for n in sizes))


if __name__ == "__main__":
    main()
