"""Work kept between runs beside Python's bytecode: a value made from a source file (a rule table
parsed from its TOML, the patterns a module compiled) is kept where that file's bytecode would be,
in `__pycache__` (or under PYTHONPYCACHEPREFIX), as `<name>.<tag>.marshal`, with a stamp naming
what it was made from.

Invariants: a kept value comes back only with the stamp it was kept with; nothing is written when
bytecode writing is off; an error reading gives None and an error writing gives up quietly, as
Python does with bytecode (these files only save work). Written whole or not at all (`atomic`),
with the source file's permission bits.
"""

from __future__ import annotations

import marshal
import os
import sys
from importlib.util import cache_from_source

TYPE_CHECKING = False  # as `typing.TYPE_CHECKING`: typing is not imported at run time (start-up)
if TYPE_CHECKING:
    from typing import Any


def load_kept(source: str, stamp: Any) -> Any:
    """The value kept for `source` with `stamp`; None when there is none."""
    target = kept_path(source)
    if target is None:
        return None
    try:
        with open(target, "rb") as fh:  # read whole: `marshal.load` on a file reads it piece
            kept_stamp, value = marshal.loads(fh.read())  # by piece, ten times slower here
    except Exception:  # missing, unreadable or from other code
        return None
    return value if kept_stamp == stamp else None


def keep(source: str, stamp: Any, value: Any) -> None:
    """Keep `value` (made of what `marshal` writes; anything else is not kept) for `source`."""
    target = kept_path(source)
    if target is None or sys.dont_write_bytecode:
        return
    try:
        blob = marshal.dumps((stamp, value))
    except ValueError:
        return
    from factlint.atomic import replace_file

    try:
        mode = os.stat(source).st_mode & 0o666
        os.makedirs(os.path.dirname(target), exist_ok=True)
        replace_file(target, blob, prefix=os.path.basename(target), mode=mode)
    except OSError:
        pass


def kept_path(source: str) -> str | None:
    """Where the value made from `source` is kept: its bytecode path with `.marshal` for `.pyc`
    (None in an interpreter without a bytecode cache)."""
    try:
        pyc = cache_from_source(os.path.splitext(source)[0] + ".py")
    except (NotImplementedError, ValueError):
        return None
    return os.path.splitext(pyc)[0] + ".marshal"
