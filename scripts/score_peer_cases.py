#!/usr/bin/env python3
"""Score `factlint.mentions.find_mentions` on the peer cases (../shared/peer-cases/numbers.jsonl).

Scoring (see the README next to the cases): recall per expected item — an item is right when a
mention overlapping the item's text has the expected value (compared as `Decimal(str(value))`)
and unit; `no_number` cases must yield no mention at all. Extra mentions elsewhere are not
penalised. Units are compared after folding spellings of the same unit: 块 = 元, 港币 = 港元, 圆 = 元.

Usage: python scripts/score_peer_cases.py [PATH] [--failures CATEGORY|all]
Prints a markdown table per category and the overall figure for non-`traditional` cases.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

DEFAULT = Path(__file__).resolve().parent.parent.parent / "shared" / "peer-cases" / "numbers.jsonl"
SAME_UNIT = {"块": "元", "港币": "港元", "圆": "元"}


@dataclass
class Score:
    items: Counter = field(default_factory=Counter)
    right: Counter = field(default_factory=Counter)
    cases: Counter = field(default_factory=Counter)
    clean: Counter = field(default_factory=Counter)  # no_number cases with no mention
    failures: list = field(default_factory=list)

    def overall(self, skip=("traditional",)) -> tuple[int, int]:
        cats = [c for c in self.items if c not in skip]
        return sum(self.right[c] for c in cats), sum(self.items[c] for c in cats)

    def no_number(self) -> tuple[int, int]:
        return self.clean["no_number"], self.cases["no_number"]


def _unit(u):
    return SAME_UNIT.get(u, u) if u else None


def _occurrences(text: str, needle: str) -> list[tuple[int, int]]:
    out, pos = [], text.find(needle)
    while pos >= 0:
        out.append((pos, pos + len(needle)))
        pos = text.find(needle, pos + 1)
    return out


def score(path: Path) -> Score:
    from factlint.mentions import find_mentions

    result = Score()
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        case = json.loads(line)
        cat, text = case["category"], case["text"]
        mentions = find_mentions(text)
        result.cases[cat] += 1
        if not case["expected"]:
            if not mentions:
                result.clean[cat] += 1
            else:
                result.failures.append((cat, text, None, [(m.raw, str(m.value), m.unit) for m in mentions]))
            continue
        for item in case["expected"]:
            result.items[cat] += 1
            want, unit = Decimal(str(item["value"])), _unit(item["unit"])
            places = _occurrences(text, item["span"])
            ok = any(m.value == want and _unit(m.unit) == unit
                     and any(m.span.start < e and s < m.span.end for s, e in places) for m in mentions)
            if ok:
                result.right[cat] += 1
            else:
                result.failures.append((cat, text, (item["span"], str(want), unit),
                                        [(m.raw, str(m.value), m.unit) for m in mentions]))
    return result


def table(result: Score) -> str:
    rows = ["| category | items | right | recall |", "|---|---:|---:|---:|"]
    for cat in sorted(result.cases, key=lambda c: (-result.items[c] - result.cases[c] * (c == "no_number"), c)):
        if cat == "no_number":
            ok, n = result.no_number()
            rows.append(f"| no_number (cases with no mention) | {n} | {ok} | {100 * ok / n:.1f}% |")
            continue
        n, ok = result.items[cat], result.right[cat]
        note = " (informational)" if cat == "traditional" else ""
        rows.append(f"| {cat}{note} | {n} | {ok} | {100 * ok / n:.1f}% |")
    ok, n = result.overall()
    rows.append(f"| **all but traditional** | **{n}** | **{ok}** | **{100 * ok / n:.1f}%** |")
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("path", nargs="?", type=Path, default=DEFAULT)
    ap.add_argument("--failures", metavar="CATEGORY", help="list misses for a category (or 'all')")
    args = ap.parse_args(argv)
    if not args.path.exists():
        print(f"no peer cases at {args.path}", file=sys.stderr)
        return 2
    result = score(args.path)
    print(table(result))
    if args.failures:
        for cat, text, want, got in result.failures:
            if args.failures in ("all", cat):
                print(f"[{cat}] {text[:70]!r}\n    want {want}\n    got  {got}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
