"""Command line: parse arguments, run the pipeline, hand results to the report layer.

Exit codes: 0 clean, 1 findings (at or above --fail-on), 2 usage, input or internal error.
"""

from __future__ import annotations

import argparse
import os
import sys

from factlint import __version__
from factlint.batch import check_all, settings_from
from factlint.findings import Severity
from factlint.report import FORMATS, Report
from factlint.rulebook import RuleError
from factlint.source import InputError


class UsageError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line, exit 2
        raise UsageError(message)


def _codes(value: str) -> tuple[str, ...]:
    return tuple(c.strip().upper() for c in value.split(",") if c.strip())


def build_parser() -> argparse.ArgumentParser:
    p = _Parser(prog="factlint", description="Lint Chinese statistical prose: damaged figures and wrong arithmetic.")
    p.add_argument("--version", action="version", version=f"factlint {__version__}")
    sub = p.add_subparsers(dest="command", parser_class=_Parser)

    common = _Parser(add_help=False)
    common.add_argument("paths", nargs="*", default=[], help="files or directories (.txt, .md, .docx); - for stdin")
    common.add_argument("--layout", choices=("auto", "plain", "columns"), default=None, help="reading-order detection")
    common.add_argument("--config", help="configuration file (factlint.toml or pyproject.toml)")
    common.add_argument("--isolated", action="store_true", help="ignore all configuration files")

    c = sub.add_parser("check", parents=[common], help="report findings (and fix them)")
    c.add_argument("--format", choices=FORMATS, default="text")
    c.add_argument("--output", "-o", help="write the report to a file")
    c.add_argument("--select", type=_codes, default=None, help="codes or prefixes to check, e.g. N,C303")
    c.add_argument("--ignore", type=_codes, default=None, help="codes or prefixes to skip")
    c.add_argument("--fix", action="store_true", help="apply safe fixes")
    c.add_argument("--unsafe-fixes", action="store_true", help="also apply unsafe fixes")
    c.add_argument("--diff", action="store_true", help="print the fixes as a unified diff; write nothing")
    c.add_argument("--exit-zero", action="store_true", help="exit 0 even when there are findings")
    c.add_argument("--statistics", action="store_true", help="count findings per rule")
    c.add_argument("--fail-on", choices=("error", "warning", "info"), default=None)
    c.add_argument("--separator-style", choices=("comma", "none"), default=None, help="what N101 restores")
    c.add_argument("--language", choices=("zh", "en"), default=None, help="message language")
    c.add_argument("--baseline", help="hide the findings recorded in this baseline file")
    c.add_argument("--write-baseline", metavar="FILE", help="record the current findings as a baseline")
    c.add_argument("--jobs", "-j", type=int, default=1, help="check files in N parallel processes")
    c.add_argument("--no-cache", action="store_true", help="do not read or write the .factlint_cache folder")
    c.add_argument("--annotate", metavar="FILE",
                   help="with one .docx input: write a copy with a Word comment on each finding")

    e = sub.add_parser("extract", parents=[common], help="list every figure with value, unit and precision")
    e.add_argument("--format", choices=("json", "text"), default="json")
    e.add_argument("--output", "-o")

    v = sub.add_parser("view", parents=[common], help="print the reading-order text the checks see")
    v.add_argument("--show-blocks", action="store_true", help="mark block kinds, including left-out blocks")

    sub.add_parser("clean", help="empty the result cache (.factlint_cache, or FACTLINT_CACHE_DIR)")
    sub.add_parser("rules", help="list the rules")
    x = sub.add_parser("explain", help="print a rule's documentation")
    x.add_argument("code")
    return p


def _load(path: str, report: Report):
    from factlint.source import read_document

    try:
        return read_document(path)
    except InputError as exc:
        report.error(str(exc))
        return None


def _files(args: argparse.Namespace, report: Report) -> list[str]:
    from factlint.source import expand_paths

    if not args.paths:
        raise UsageError("no paths given (use - to read standard input)")
    files, errors = expand_paths(args.paths)
    for message in errors:
        report.error(message)
    return files


def run_check(args: argparse.Namespace) -> int:
    from factlint.suppression import filter_baseline, read_baseline, write_baseline

    report = Report(exit_zero=args.exit_zero)
    files = _files(args, report)
    _check_annotate_args(args, files)
    if args.fix or args.diff:
        for path in files:
            if path.lower().endswith(".docx"):
                report.note(f"{path}: a .docx is never modified; --{'fix' if args.fix else 'diff'} skipped it "
                            "(use --annotate FILE for a commented copy)")
    known = read_baseline(args.baseline) if args.baseline else None
    results, diffs, fixed_total = [], [], 0
    for path, (result, errors, fixed, diff) in zip(files, check_all(args, files)):
        for message in errors:
            report.error(message)
        if result is None:
            continue
        fixed_total += fixed
        if diff:
            diffs.append(diff)
        if known is not None:
            result.findings = filter_baseline(result.findings, known)
        for s in result.unused_suppressions:
            report.note(f"{path}:{s.line}: unused suppression {s.describe()}")
        results.append(result)
    args.held.append(results)  # freed by the process exit when run from the command (see `run`)
    for result in results:
        report.count(result.findings, Severity(result.settings.fail_on))
    if known is not None:
        from factlint.suppression import stale_entries

        stale = stale_entries(known, [r.doc.path for r in results])
        for e in stale:
            report.note(f"{e['path']}: stale baseline entry {e['code']} {e['text']} (no longer found in: {e['sentence']})")
        if stale:
            report.note(f"{len(stale)} baseline {'entries no longer match' if len(stale) != 1 else 'entry no longer matches'} any finding "
                        "(rewrite the baseline with --write-baseline)")
    if args.write_baseline:
        n = write_baseline(args.write_baseline, [f for r in results for f in r.findings])
        report.note(f"Wrote {n} finding{'s' if n != 1 else ''} to baseline {args.write_baseline}.")
        return 2 if report.errors else 0
    if args.diff:
        report.out("".join(diffs))
        report.note(f"Would fix {fixed_total} finding{'s' if fixed_total != 1 else ''}.")
        return report.exit_code
    _emit(args, results, report)
    if args.annotate and results:
        from factlint.wordfile import annotate

        try:
            n = annotate(files[0], args.annotate, results[0].findings)
        except InputError as exc:
            report.error(str(exc))
        else:
            report.note(f"Wrote {args.annotate} with {n} comment{'s' if n != 1 else ''}.")
    if args.fix and fixed_total:
        report.note(f"Fixed {fixed_total} finding{'s' if fixed_total != 1 else ''}.")
    return report.exit_code


def _check_annotate_args(args: argparse.Namespace, files: list[str]) -> None:
    """--annotate needs exactly one .docx input and an output that is another .docx file."""
    if not args.annotate:
        return
    if len(args.paths) != 1 or (files and (len(files) != 1 or not files[0].lower().endswith(".docx"))):
        raise UsageError("--annotate needs exactly one .docx file to check")
    if not files:  # the missing input was already reported
        return
    if not args.annotate.lower().endswith(".docx"):
        raise UsageError(f"--annotate {args.annotate}: the annotated copy must be a .docx file")
    if os.path.abspath(args.annotate) == os.path.abspath(files[0]) or (
            os.path.exists(args.annotate) and os.path.samefile(args.annotate, files[0])):
        raise UsageError("--annotate must name a new file; the checked .docx is never modified")
    if args.fix or args.diff:
        raise UsageError("--annotate cannot be combined with --fix or --diff")


def _emit(args: argparse.Namespace, results, report: Report) -> None:
    from factlint.report import use_color

    if args.statistics:
        from factlint.report.text import render_statistics

        report.out(render_statistics(results), path=args.output)
        return
    fmt = args.format
    if fmt == "text":
        from factlint.report.text import render

        report.out(render(results, color=not args.output and use_color(sys.stdout), unsafe=args.unsafe_fixes), path=args.output)
    elif fmt == "concise":
        from factlint.report.text import render_concise, summary

        report.out(render_concise(results), summary(results), path=args.output)
    elif fmt == "json":
        from factlint.report.jsonfmt import render_check

        report.out(render_check(results), path=args.output)
    else:
        import importlib

        module = importlib.import_module(f"factlint.report.{fmt}")
        report.out(module.render(results), path=args.output)


def run_extract(args: argparse.Namespace) -> int:
    from factlint.engine import extract_mentions

    report = Report()
    items = []
    for path in _files(args, report):
        doc = _load(path, report)
        if doc is None:
            continue
        view, mentions = extract_mentions(doc, settings_from(args, path))
        items.append((doc, view, mentions))
    args.held.append(items)  # as in run_check
    if args.format == "json":
        from factlint.report.jsonfmt import render_extract

        report.out(render_extract(items), path=args.output)
    else:
        from factlint.report.jsonfmt import render_extract_text

        report.out(render_extract_text(items), path=args.output)
    return report.exit_code


def run_view(args: argparse.Namespace) -> int:
    from factlint.layout import build_view, render_view

    report = Report()
    for path in _files(args, report):
        doc = _load(path, report)
        if doc is None:
            continue
        view = build_view(doc, settings_from(args, path).layout)
        if len(args.paths) > 1 or os.path.isdir(args.paths[0]):
            report.out(f"==> {path} <==")
        report.out(render_view(view, args.show_blocks))
    return report.exit_code


def run_rules(args: argparse.Namespace) -> int:
    from factlint.rulebook import load_rules

    lines = [f"{r.code}  {r.name:<32} {r.severity.value:<8} {r.summary}" for r in load_rules().values()]
    Report().out("\n".join(lines))
    return 0


def run_explain(args: argparse.Namespace) -> int:
    from factlint.rulebook import load_rules
    from factlint.rules_doc import explain

    rules = load_rules()
    code = args.code.upper()
    rule = rules.get(code) or next((r for r in rules.values() if r.name == args.code), None)
    if rule is None:
        raise UsageError(f"unknown rule {args.code!r} (see `factlint rules`)")
    Report().out(explain(rule))
    return 0


def run_clean(args: argparse.Namespace) -> int:
    from factlint import cache

    report = Report()
    try:
        folder, removed = cache.clean()
    except OSError as exc:
        report.error(f"cannot empty the cache: {exc.filename or cache.cache_dir()}: {exc.strerror or exc}")
        return report.exit_code
    report.note(f"Removed {removed} cache entr{'y' if removed == 1 else 'ies'} from {folder}.")
    return 0


COMMANDS = {"check": run_check, "extract": run_extract, "view": run_view, "clean": run_clean, "rules": run_rules,
            "explain": run_explain}


def main(argv: list[str] | None = None, held: list | None = None) -> int:
    """Run one command; its exit code. The results the command reports go into `held` (when
    given) and stay alive after the return, for `run` to leave without freeing them."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
        args.held = [] if held is None else held
        if not args.command:
            parser.print_help()
            return 2
        return COMMANDS[args.command](args)
    except UsageError as exc:
        print(f"factlint: error: {exc}", file=sys.stderr)
        return 2
    except (RuleError, InputError) as exc:
        print(f"factlint: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("factlint: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # a bug: one line, never a traceback (FACTLINT_DEBUG=1 shows it)
        if os.environ.get("FACTLINT_DEBUG"):
            raise
        print(f"factlint: internal error: {type(exc).__name__}: {exc} (set FACTLINT_DEBUG=1 for a traceback)", file=sys.stderr)
        return 2


def run() -> None:
    """The `factlint` command (and `python -m factlint`): `main()`, then a fast exit.

    Once the standard streams are flushed the process leaves with `os._exit`, as mypy does: the
    results of a big check (≈ 330,000 objects for 1,000 pages) are not freed one by one and the
    modules are not torn down, work nobody waits for (≈ 3% of a 1,000-page run). Before that, the
    patterns compiled in this run are kept for the next (`patterncache`). Nothing is lost:
    reports and fixed files are written and closed before `main` returns (atomic writes for
    fixes), worker processes are joined, and factlint registers no exit handlers."""
    held: list = []
    code = main(sys.argv[1:], held)
    try:
        sys.stdout.flush()
    except BrokenPipeError:  # the reader left early (`factlint check … | head`): as main treats it
        pass
    except OSError as exc:  # e.g. a full disk under a redirected report: the report is incomplete
        print(f"factlint: error: cannot write the report ({exc.strerror or exc})", file=sys.stderr)
        code = 2
    try:
        sys.stderr.flush()
    except OSError:
        pass
    from factlint.patterncache import keep_patterns

    keep_patterns()  # after the output: the compiled patterns, for the next run (as bytecode is kept)
    os._exit(code)
