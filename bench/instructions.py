#!/usr/bin/env python
"""Instructions per pipeline stage, counted by valgrind: a measure a noisy shared host does not
disturb (timings there wander by a third within the hour; these counts repeat to about ±1%).

    python bench/instructions.py                    # every stage on 100 pages
    python bench/instructions.py numbers claims     # some of: all layout numbers claims rules cn2an
    python bench/instructions.py --pages 300 all

Each stage is run once and three times in processes that first read a warm-up document, and the
difference is halved, so start-up and the warm-up cancel. `rules` includes the claims it reads
(the rules alone: rules − claims). Needs valgrind (`apt-get install valgrind`); a check of 100
pages takes about half a minute under it.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
STAGES = ("all", "layout", "numbers", "claims", "rules", "cn2an")


def run_stage(stage: str, reps: int, pages: int) -> None:
    """Build the document, warm up, then run `stage` `reps` times (what valgrind counts)."""
    import gc
    import warnings

    sys.path.insert(0, str(HERE))
    from yearbook import build_document

    from factlint.context import CheckContext
    from factlint.engine import check_document, collect_findings
    from factlint.layout import build_view
    from factlint.mentions import find_mentions
    from factlint.settings import Settings
    from factlint.source import SourceDocument

    text = build_document(pages)
    settings = Settings()
    check_document(SourceDocument("warm.txt", build_document(3)))
    doc = SourceDocument("bench.txt", text)
    view = build_view(doc, settings.layout)
    mentions = find_mentions(view.text)
    gc.disable()  # as check_document runs its stages
    for _ in range(reps):
        if stage == "all":
            check_document(SourceDocument("bench.txt", text))
        elif stage == "layout":
            build_view(doc, settings.layout)
        elif stage == "numbers":
            find_mentions(view.text)
        elif stage == "claims":
            CheckContext(view, mentions, settings).claims
        elif stage == "rules":
            collect_findings(doc, CheckContext(view, mentions, settings))
        elif stage == "cn2an":
            import cn2an

            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                cn2an.transform(text, "cn2an")


def count(stage: str, reps: int, pages: int) -> int:
    """Instructions of a process running `stage` `reps` times."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONHASHSEED"] = "0"
    # bytecode in a private prefix (as bench/run.py does): nothing is written into the checkout
    env["PYTHONPYCACHEPREFIX"] = os.path.join(tempfile.gettempdir(), "factlint-bench-pycache")
    cmd = ["valgrind", "--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=/dev/null",
           sys.executable, __file__, "--run", stage, str(reps), "--pages", str(pages)]
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env, check=False)
    found = re.search(r"I\s+refs:\s+([\d,]+)", proc.stderr)
    if proc.returncode or not found:
        sys.exit(f"valgrind failed for {stage}: {proc.stderr[-500:]}")
    return int(found.group(1).replace(",", ""))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("stages", nargs="*", metavar="STAGE", help=f"any of: {' '.join(STAGES)} (default: all of them)")
    ap.add_argument("--pages", type=int, default=100)
    ap.add_argument("--run", nargs=2, metavar=("STAGE", "REPS"), help=argparse.SUPPRESS)
    opts = ap.parse_args()
    if opts.run:
        run_stage(opts.run[0], int(opts.run[1]), opts.pages)
        return 0
    unknown = [s for s in opts.stages if s not in STAGES]
    if unknown:
        ap.error(f"unknown stage {unknown[0]!r} (choose from {', '.join(STAGES)})")
    if shutil.which("valgrind") is None:
        print("bench/instructions.py needs valgrind (apt-get install valgrind)", file=sys.stderr)
        return 2
    for stage in opts.stages or STAGES:
        count(stage, 0, opts.pages)  # writes bytecode once, so the two counts below compile nothing
        once, thrice = count(stage, 1, opts.pages), count(stage, 3, opts.pages)
        print(f"{stage:8s} {(thrice - once) / 2 / 1e6:8,.0f} M instructions ({opts.pages} pages)", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
