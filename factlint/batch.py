"""Checking files for `factlint check`: one file (from the cache, or checked and maybe fixed) or
many, in worker processes with --jobs. Returns results and error messages for cli.py to report;
writes only fixed files (and a fixed standard input to standard output).
"""

from __future__ import annotations

import argparse
import os
import sys

from factlint.records import replace
from factlint.rulebook import RuleError
from factlint.settings import Settings
from factlint.source import InputError

MAX_FIX_ROUNDS = 8


def settings_from(args: argparse.Namespace, path: str | None = None) -> Settings:
    from factlint.config import load_settings

    base = load_settings(path, getattr(args, "config", None), getattr(args, "isolated", False))
    overrides = {}
    for attr, key in (("select", "select"), ("ignore", "ignore"), ("layout", "layout"), ("fail_on", "fail_on"),
                      ("separator_style", "separator_style"), ("language", "language")):
        value = getattr(args, attr, None)
        if value is not None:
            overrides[key] = value
    return replace(base, **overrides)


def check_one(args: argparse.Namespace, path: str):
    """Check (and fix) one file. Returns (result or None, errors, fixed count, diff text)."""
    from factlint.engine import check_document
    from factlint.fixer import apply_fixes, write_atomic
    from factlint.source import SourceDocument, read_document

    try:
        settings = settings_from(args, path)
        doc = read_document(path)
    except (InputError, RuleError) as exc:
        return None, [str(exc)], 0, ""
    key = None
    if _uses_cache(args, path):
        from factlint import cache

        key = cache.document_key(doc, settings)
        cached = cache.load(key, doc, settings)
        if cached is not None:
            return _served(args, cached), [], 0, ""
    result = check_document(doc, settings)
    if key is not None:
        cache.store(key, result)
    fixed_total, diff = 0, ""
    if (args.fix or args.diff) and doc.format != "docx":  # a .docx is never modified (see run_check)
        text, unfixed = doc.text, result
        for _ in range(MAX_FIX_ROUNDS):
            new_text, fixed = apply_fixes(text, result.findings, args.unsafe_fixes)
            if not fixed or new_text == text:
                break
            fixed_total += len(fixed)
            text = new_text
            result = check_document(SourceDocument(doc.path, text, doc.encoding, doc.newline, doc.format), settings)
        if text != doc.text:
            if args.diff:
                import difflib

                diff = "".join(difflib.unified_diff(
                    doc.text.splitlines(keepends=True), text.splitlines(keepends=True),
                    fromfile=f"a/{path}", tofile=f"b/{path}"))
            elif path == "-":
                sys.stdout.write(text)
            else:
                try:
                    write_atomic(doc, text)
                except OSError as exc:  # the original is intact (atomic write); the other files go on
                    return unfixed, [f"{path}: cannot write the fixes ({exc.strerror or exc}); file left unchanged"], 0, ""
    return result, [], fixed_total, diff


def _uses_cache(args: argparse.Namespace, path: str) -> bool:
    """Whether the result of `path` may come from (and go to) the cache: fixes always re-check."""
    return path != "-" and not (args.fix or args.diff or getattr(args, "no_cache", False))


def _cached(args: argparse.Namespace, path: str):
    """check_one's answer for `path` when the cache holds it, else None (also for a file that
    cannot be read: check_one reports that)."""
    if not _uses_cache(args, path):
        return None
    from factlint import cache
    from factlint.source import read_document

    try:
        settings = settings_from(args, path)
        doc = read_document(path)
    except (InputError, RuleError):
        return None
    result = cache.load(cache.document_key(doc, settings), doc, settings)
    return None if result is None else (_served(args, result), [], 0, "")


def _shows_view(args: argparse.Namespace) -> bool:
    """Whether the report shows the reading view (the HTML report): results served from the cache
    or sent back by `--jobs` workers carry one only then."""
    return getattr(args, "format", "text") == "html"


def _served(args: argparse.Namespace, result):
    """A result from the cache, which holds no view, with the view the HTML report shows (built
    again from the document: what the check saw)."""
    if _shows_view(args):
        from factlint.layout import build_view

        result.view = build_view(result.doc, result.settings.layout)
    return result


def check_all(args: argparse.Namespace, files: list[str]):
    """Results in file order. With --jobs N > 1 the cache hits are served here and only the files
    that need a check go to N worker processes (none are started when fewer than two do)."""
    jobs = max(1, args.jobs or 1)
    if jobs == 1 or len(files) < 2 or "-" in files:
        yield from (check_one(args, p) for p in _progress(files))
        return
    hits = {i: got for i, p in enumerate(files) if (got := _cached(args, p)) is not None}
    misses = [p for i, p in enumerate(files) if i not in hits]
    if len(misses) < 2:
        checked = iter([check_one(args, p) for p in misses])
        yield from (hits[i] if i in hits else next(checked) for i in range(len(files)))
        return
    import pickle
    from concurrent.futures import ProcessPoolExecutor

    _warm_up(settings_from(args, misses[0]))
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        sent = pool.map(_check_one_lean, [args] * len(misses), _progress(misses),
                        chunksize=max(1, len(misses) // (jobs * 8)))
        checked = map(pickle.loads, sent)
        yield from (hits[i] if i in hits else next(checked) for i in range(len(files)))


_WARM_UP_TEXT = "2020年全县地区生产总值1.32亿元,比上年增长5.2%,其中农业0.50亿元;共有2,000名职工。\n"


def _warm_up(settings: Settings) -> None:
    """Load the rules and compile the lexicon and claim patterns here, before the pool forks, so
    each worker starts warm instead of doing it again (reads a built-in passage; checks no file)."""
    from factlint.claims import extract_claims
    from factlint.engine import active_rules, extract_mentions
    from factlint.source import SourceDocument

    active_rules(settings)
    extract_claims(*extract_mentions(SourceDocument("<warm-up>", _WARM_UP_TEXT), settings))


def _check_one_lean(args: argparse.Namespace, path: str):
    """check_one in a worker process: the mentions (and the view, unless the HTML report shows it)
    are dropped before the result is sent back, since only the findings are reported."""
    from factlint.cache import dumps

    result, errors, fixed, diff = check_one(args, path)
    if result is not None:
        result.mentions = []
        if not _shows_view(args):
            result.view = None
    return dumps((result, errors, fixed, diff))  # pickled here, the fast way (the pool would not)


def _progress(files: list[str]):
    """A progress bar on stderr for long runs in a terminal; never in pipes or CI."""
    if len(files) < 20 or not sys.stderr.isatty() or os.environ.get("CI"):
        return files
    from rich.console import Console
    from rich.progress import track

    return track(files, description="checking", console=Console(stderr=True), transient=True)
