#!/usr/bin/env python
"""factlint benchmark: throughput against cn2an, linear cost, start-up, memory, parallel files, cache.

    python bench/run.py            # the full run (≈ 2 minutes); writes bench/results.json
    python bench/run.py --quick    # a small run to try changes (≈ 15 seconds)

Everything runs on a deterministic yearbook-like document (`bench/yearbook.py`: 1,000 pages,
≈ 2 million characters, two-column and plain pages, damaged figures, wrong sums and rates).
Each timing is the median of several repetitions; what is compared (check and cn2an, the CLI and
cn2an, the three sizes) runs in turns, and ratios are medians of per-turn ratios, so a shared host's drift cancels.
The in-process timings exclude start-up (one warm-up check first); the CLI timings are whole
`factlint check` processes. This is a script, not
a test: it prints a table, writes JSON and exits 0 even when a target is missed.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from yearbook import build_document, build_pages  # noqa: E402

# Subprocesses run as an installed factlint does: with compiled bytecode. PYTHONDONTWRITEBYTECODE
# (set in some shells and CI images) would make every process compile every module again, so the
# bytecode (and the kept patterns, see factlint/patterncache.py) go to a private prefix instead
# (nothing is written into the checkout).
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
ENV["PYTHONPYCACHEPREFIX"] = os.path.join(tempfile.gettempdir(), "factlint-bench-pycache")
FACTLINT = [sys.executable, "-m", "factlint"]
if shutil.which("factlint") and Path(shutil.which("factlint")).parent == Path(sys.executable).parent:
    FACTLINT = [shutil.which("factlint")]


_T0 = time.perf_counter()


def say(what: str) -> None:
    """Progress on stderr, so a slow section shows itself while the run goes on."""
    print(f"[{time.perf_counter() - _T0:7.1f} s] {what}", file=sys.stderr, flush=True)


def median_time(fn, reps: int) -> tuple[float, float]:
    """Median wall and CPU seconds of `fn()` over `reps` runs (CPU of this process)."""
    walls, cpus = [], []
    for _ in range(reps):
        c0, w0 = time.process_time(), time.perf_counter()
        fn()
        cpus.append(time.process_time() - c0)
        walls.append(time.perf_counter() - w0)
    return statistics.median(walls), statistics.median(cpus)


def in_turns(fns: list, reps: int) -> list[list[tuple[float, float]]]:
    """(wall, CPU) seconds of each of `fns`, run in turns (a, b, a, b …) `reps` times: a shared host
    whose speed drifts during the run then slows each alike, and ratios are taken turn by turn."""
    out: list[list[tuple[float, float]]] = [[] for _ in fns]
    for _ in range(reps):
        for k, fn in enumerate(fns):
            c0, w0 = time.process_time(), time.perf_counter()
            fn()
            out[k].append((time.perf_counter() - w0, time.process_time() - c0))
    return out


def run_cli(args: list[str], cwd: Path | None = None) -> tuple[float, float, int]:
    """One CLI process: wall seconds, CPU seconds (user + system of the child), exit code."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    w0 = time.perf_counter()
    proc = subprocess.run(FACTLINT + args, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=ENV)
    wall = time.perf_counter() - w0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode not in (0, 1):
        sys.exit(f"factlint {' '.join(args)} failed ({proc.returncode}): {proc.stderr.decode()[-500:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, proc.returncode


def median_cli(args: list[str], reps: int, cwd: Path | None = None, before=None) -> tuple[float, float]:
    walls, cpus = [], []
    for _ in range(reps):
        if before:
            before()
        wall, cpu, _ = run_cli(args, cwd)
        walls.append(wall)
        cpus.append(cpu)
    return statistics.median(walls), statistics.median(cpus)


def median_wall(cmd: list[str], reps: int) -> float:
    walls = []
    for _ in range(reps):
        w0 = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False, env=ENV)
        walls.append(time.perf_counter() - w0)
    return statistics.median(walls)


def peak_rss_mb(args: list[str]) -> float:
    """Peak RSS of one `factlint` process, read by a fresh parent through RUSAGE_CHILDREN."""
    probe = (
        "import resource, subprocess, sys\n"
        "subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)\n"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
    )
    out = subprocess.run([sys.executable, "-c", probe, *FACTLINT, *args], capture_output=True, text=True, check=True, env=ENV)
    return int(out.stdout.strip()) / 1024  # Linux: kilobytes


def _spin(n: int) -> int:
    total = 0
    for i in range(n):
        total += i
    return total


def machine_parallelism() -> float:
    """How much faster two processes finish two pure-Python loops than one process does: what the
    machine itself allows (a shared host may give less than its core count), to read --jobs by."""
    from concurrent.futures import ProcessPoolExecutor

    n = 5_000_000
    t = time.perf_counter()
    _spin(n)
    _spin(n)
    serial = time.perf_counter() - t
    with ProcessPoolExecutor(2) as pool:
        list(pool.map(_spin, [1, 1]))  # workers started before timing
        t = time.perf_counter()
        list(pool.map(_spin, [n, n]))
        parallel = time.perf_counter() - t
    return serial / parallel


def check_in_process(text: str, path: str = "bench.txt"):
    from factlint.engine import check_document
    from factlint.settings import Settings
    from factlint.source import SourceDocument

    return check_document(SourceDocument(path, text), Settings())


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true", help="small sizes and fewer repetitions")
    ap.add_argument("--reps", type=int, default=None, help="repetitions per timing (default 5, quick 2)")
    ap.add_argument("--output", default=str(HERE / "results.json"))
    opts = ap.parse_args()
    quick = opts.quick
    reps = opts.reps or (2 if quick else 5)
    pages = 100 if quick else 1000
    sizes = (20, 100, 300) if quick else (100, 1000, 3000)
    patho_bytes = 100_000 if quick else 1_000_000
    work = Path(tempfile.mkdtemp(prefix="factlint-bench-"))
    rows: list[tuple[str, str, str, bool | None]] = []
    data: dict = {"quick": quick, "reps": reps, "python": platform.python_version(),
                  "machine": f"{platform.machine()}, {os.cpu_count()} cores"}
    try:
        text = build_document(pages)
        book = work / "yearbook.txt"
        book.write_text(text, encoding="utf-8")
        n = len(text)
        data["document"] = {"pages": pages, "characters": n}
        print(f"document: {pages} pages, {n:,} characters ({book.stat().st_size:,} bytes); {reps} repetitions")

        say("throughput")
        # throughput: in-process check, the CLI, and cn2an.transform on the same text
        check_in_process(build_document(3))  # warm-up: rules, lexicons, compiled patterns
        warm = work / "warm.txt"  # … and for the CLI: bytecode and kept patterns written, as an installed
        warm.write_text(build_document(3), encoding="utf-8")  # factlint has them from its second run on
        run_cli(["check", "--no-cache", "--exit-zero", str(warm)])
        import cn2an

        def transform() -> None:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                cn2an.transform(text, "cn2an")

        checks, cns = in_turns([lambda: check_in_process(text), transform], reps)
        wall, cpu = statistics.median(w for w, _ in checks), statistics.median(c for _, c in checks)
        cn_wall = statistics.median(w for w, _ in cns)
        ratio = statistics.median(cw / w for (w, _), (cw, _) in zip(checks, cns))  # turn by turn
        findings = len(check_in_process(text).findings)
        # the CLI (a whole process) in turns with cn2an as well: its ratio is taken turn by turn
        cli_args = ["check", "--no-cache", "--exit-zero", "--format", "concise", str(book)]
        cli_runs: list[tuple[float, float]] = []
        _, cns_cli = in_turns([lambda: cli_runs.append(run_cli(cli_args)[:2]), transform], reps)
        cli_wall = statistics.median(w for w, _ in cli_runs)
        cli_cpu = statistics.median(c for _, c in cli_runs)
        cli_ratio = statistics.median(cw / w for (w, _), (cw, _) in zip(cli_runs, cns_cli))
        data["throughput"] = {"check_chars_per_s": n / wall, "check_cpu_s": cpu, "check_wall_s": wall,
                              "findings": findings, "cli_chars_per_s": n / cli_wall, "cli_wall_s": cli_wall,
                              "cli_cpu_s": cli_cpu, "ratio_cli_vs_cn2an": cli_ratio,
                              "cn2an_chars_per_s": n / cn_wall, "cn2an_wall_s": cn_wall,
                              "ratio_check_vs_cn2an": ratio}
        rows += [
            ("check (API), chars/s", f"{n / wall:,.0f}", "", None),
            ("check (CLI process), chars/s", f"{n / cli_wall:,.0f}", "", None),
            ("cn2an.transform, chars/s", f"{n / cn_wall:,.0f}", "", None),
            ("check ÷ cn2an.transform (API)", f"{ratio:.2f}×", "≥ 2×", ratio >= 2),
            ("check ÷ cn2an.transform (CLI)", f"{cli_ratio:.2f}×", "≥ 2×", cli_ratio >= 2),
            (f"{pages:,} pages: CPU (API / CLI)", f"{cpu:.2f} s / {cli_cpu:.2f} s", "< 2 s" if pages == 1000 else "",
             cpu < 2 if pages == 1000 else None),
            (f"findings on {pages:,} pages", f"{findings:,}", "", None),
        ]

        say("cost growth")
        # cost growth
        docs = [build_document(size) for size in sizes]
        turns = in_turns([lambda t=t: check_in_process(t) for t in docs], reps)
        growth = {size: statistics.median(c for _, c in got) for size, got in zip(sizes, turns)}
        lin = statistics.median(c3 / c1 for (_, c1), (_, c3) in zip(turns[1], turns[2]))  # turn by turn
        data["growth_cpu_s"] = {str(k): v for k, v in growth.items()}
        rows += [(f"CPU for {s:,} pages", f"{growth[s]:.2f} s", "", None) for s in sizes]
        rows.append((f"{sizes[2]:,} ÷ {sizes[1]:,} pages", f"{lin:.2f}×", "≤ 3.5×", lin <= 3.5))

        say("start-up")
        # start-up
        one = work / "one.txt"
        one.write_text("全县2,000名贫困群众脱贫。\n", encoding="utf-8")
        median_wall(FACTLINT + ["check", "--no-cache", str(one)], 1)  # writes the bytecode once
        runs, bares = in_turns([lambda: median_wall(FACTLINT + ["check", "--no-cache", str(one)], 1),
                                lambda: median_wall([sys.executable, "-c", "import regex"], 1)], max(9, reps))
        startup, bare = statistics.median(w for w, _ in runs), statistics.median(w for w, _ in bares)
        ratio = statistics.median(a / b for (a, _), (b, _) in zip(runs, bares))  # turn by turn
        data["startup"] = {"factlint_check_one_line_s": startup, "python_import_regex_s": bare, "ratio": ratio}
        rows += [("start-up: check one line", f"{startup * 1000:.0f} ms", "", None),
                 ("start-up: python -c 'import regex'", f"{bare * 1000:.0f} ms", "", None),
                 ("start-up ratio", f"{ratio:.2f}×", "< 4×", ratio < 4)]

        say("peak memory")
        # peak memory
        rss = peak_rss_mb(["check", "--no-cache", "--exit-zero", "--format", "concise", str(book)])
        data["peak_rss_mb"] = rss
        rows.append((f"peak RSS, {pages:,} pages (CLI)", f"{rss:.0f} MB", "< 400 MB" if pages == 1000 else "",
                     rss < 400 if pages == 1000 else None))

        say("parallel files")
        # parallel files: the book as 20 chapters
        chapters = work / "chapters"
        chapters.mkdir()
        all_pages = build_pages(pages)
        per = len(all_pages) // 20
        for i in range(20):
            (chapters / f"chapter-{i + 1:02d}.txt").write_text("\f".join(all_pages[i * per:(i + 1) * per]) + "\n",
                                                               encoding="utf-8")
        j1, _ = median_cli(["check", "--no-cache", "--exit-zero", "--format", "concise", "--jobs", "1", str(chapters)],
                           max(1, reps - 2))
        j2, _ = median_cli(["check", "--no-cache", "--exit-zero", "--format", "concise", "--jobs", "2", str(chapters)],
                           max(1, reps - 2))
        machine = machine_parallelism()
        data["jobs"] = {"files": 20, "jobs1_s": j1, "jobs2_s": j2, "speedup": j1 / j2, "machine_2_process_speedup": machine}
        rows += [("20 files, --jobs 1", f"{j1:.2f} s", "", None), ("20 files, --jobs 2", f"{j2:.2f} s", "", None),
                 ("--jobs 2 speed-up", f"{j1 / j2:.2f}×", "", None),
                 ("2 processes of plain Python on this machine, speed-up", f"{machine:.2f}×", "", None)]

        say("cache")
        # cache: a cold run (empty cache) against a warm one over the same unchanged files
        cache_dir = work / ".factlint_cache"
        args = ["check", "--exit-zero", "--format", "concise", "chapters"]
        cold, _ = median_cli(args, max(1, reps - 2), cwd=work, before=lambda: shutil.rmtree(cache_dir, ignore_errors=True))
        run_cli(args, cwd=work)
        warm, _ = median_cli(args, reps, cwd=work)
        data["cache"] = {"cold_s": cold, "warm_s": warm, "speedup": cold / warm}
        rows += [("cache: cold run, 20 files", f"{cold:.2f} s", "", None),
                 ("cache: warm run, 20 files", f"{warm:.2f} s", "", None),
                 ("cache speed-up", f"{cold / warm:.1f}×", "≥ 5×", cold / warm >= 5)]

        say("pathological inputs")
        # pathological lines: time must grow linearly (each line at a quarter, half and full size, in turns)
        patho = {}
        cases = {
            "1.1.1.1…": lambda k: ("1." * (k // 2 + 1))[:k],
            "一一一…": lambda k: "一" * (k // 3),  # 3 bytes a character in UTF-8
            "2,000,000,…": lambda k: ("2,000," * (k // 6 + 1))[:k],
            "digits and spaces": lambda k: ("1 " * (k // 2 + 1))[:k],
            "one-character lines": lambda k: "1\n一\n" * (k // 20),  # 100,000 lines at full size
            # a flattened table row: figures with only spaces between them (known quadratic, at 2% size)
            "figures and spaces (2%)": lambda k: ("2.000名 " * (k // 300 + 1))[:k // 50],
        }
        worst = 0.0
        for name, make in cases.items():
            lines = [make(k) for k in (patho_bytes // 4, patho_bytes // 2, patho_bytes)]
            turns = in_turns([lambda t=t: check_in_process(t) for t in lines], max(2, reps - 1))
            times = [statistics.median(c for _, c in got) for got in turns]
            patho[name] = times
            growth_ratio = statistics.median(c2 / max(c1, 1e-3) for (_, c1), (_, c2) in zip(turns[1], turns[2]))
            worst = max(worst, times[2])
            label = f"{len(make(patho_bytes)):,} chars" if name != "one-character lines" else f"{patho_bytes // 10:,} lines"
            say(f"  {name}: {times}")
            rows.append((f"pathological: {name} ({label})", f"{times[2]:.2f} s (½ size {times[1]:.2f} s)",
                         "linear", growth_ratio <= 2.6 or times[2] < 0.3))
        data["pathological_cpu_s"] = {k: dict(zip(("quarter", "half", "full"), v)) for k, v in patho.items()}
        data["pathological_bytes"] = patho_bytes
    finally:
        shutil.rmtree(work, ignore_errors=True)

    print()
    w = max(len(r[0]) for r in rows)
    print(f"| {'measure':<{w}} | result | target | |")
    print(f"|{'-' * (w + 2)}|---|---|---|")
    for name, value, target, ok in rows:
        mark = "" if ok is None else ("✓" if ok else "✗")
        print(f"| {name:<{w}} | {value} | {target} | {mark} |")
    data["table"] = [{"measure": r[0], "result": r[1], "target": r[2], "ok": r[3]} for r in rows]
    Path(opts.output).write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"\nwrote {opts.output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
