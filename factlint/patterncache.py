"""Compiled regular expressions kept between runs, as Python keeps bytecode.

`re` compiles a pattern in Python, and a class of Chinese characters alone costs it about a
million instructions: the ≈ 75 patterns a check uses cost ≈ 200 M instructions to compile, more
than the rest of a one-line check. `compile_pattern` gives what `re.compile` gives, but keeps the
`_sre` code it compiled a pattern to; `keep_patterns` (called by the command as it ends) keeps it
beside this module's bytecode (`kept`: `__pycache__/patterncache.<tag>.marshal`), and the next
process builds each pattern from that code with no compiling.

Invariants: a pattern built from the file equals `re.compile(pattern, flags)` (`==` compares the
code): the file is used only by the exact Python build that wrote it (`sys.version` and
`_sre.MAGIC`), `_sre` validates any code it is given, and on any error (no file, another build,
code refused, an interpreter without these internals) the pattern is compiled as `re` does.
Nothing is written when bytecode writing is off, and a write that fails is given up quietly.
"""

from __future__ import annotations

import re
import sys

from factlint.kept import keep, load_kept

try:
    import _sre
    from re import _compiler, _parser
except ImportError:  # another interpreter: compile as `re` does
    _sre = None

_STAMP = (sys.version, getattr(_sre, "MAGIC", None))  # the build whose code the file holds
_SOURCE = __file__  # the code is kept as made from this module
_MAX_KEPT = 400  # more kept patterns than the package has (old versions' left behind): keep this run's only
_kept: dict[tuple[str, int], tuple] | None = None  # (pattern, flags) → `_sre.compile`'s other arguments
_used: set[tuple[str, int]] = set()  # the patterns this process asked for
_added = False  # a pattern was compiled that the file did not hold


def compile_pattern(pattern: str, flags: int = 0) -> re.Pattern:
    """`re.compile(pattern, flags)`, built from kept code when there is some."""
    global _added
    flags = int(flags)  # a RegexFlag is kept as the int it is
    if _sre is None:
        return re.compile(pattern, flags)
    kept = _load() if _kept is None else _kept
    key = (pattern, flags)
    _used.add(key)
    args = kept.get(key)
    if args is not None:
        try:
            return _sre.compile(pattern, *args)
        except Exception:  # refused by `_sre`: compile it again below
            pass
    try:
        args = _compiled_args(pattern, flags)
        compiled = _sre.compile(pattern, *args)
    except Exception:  # a bad pattern (re.error, as `re` words it) or changed internals
        return re.compile(pattern, flags)
    kept[key] = args
    _added = True
    return compiled


def _compiled_args(pattern: str, flags: int) -> tuple:
    """What `re._compiler.compile` passes to `_sre.compile` after the pattern (Python 3.11–3.13)."""
    parsed = _parser.parse(pattern, flags)
    code = list(map(int, _compiler._code(parsed, flags)))  # (its opcodes are int subclasses)
    state = parsed.state
    indexgroup: list[str | None] = [None] * state.groups
    for name, i in state.groupdict.items():
        indexgroup[i] = name
    return flags | state.flags, code, state.groups - 1, dict(state.groupdict), tuple(indexgroup)


def keep_patterns() -> None:
    """Keep the code if this process compiled a pattern the kept file lacked (the command calls
    this as it ends; the library never writes)."""
    if not _added or _kept is None:
        return
    kept = _kept if len(_kept) <= _MAX_KEPT else {key: _kept[key] for key in _used if key in _kept}
    keep(_SOURCE, _STAMP, kept)


def _load() -> dict[tuple[str, int], tuple]:
    global _kept
    kept = load_kept(_SOURCE, _STAMP)
    _kept = kept if isinstance(kept, dict) else {}
    return _kept
