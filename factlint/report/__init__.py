"""The report layer: the only code that writes to stdout/stderr.

`Report` owns the exit code (0 clean, 1 findings at or above fail-on, 2 input/usage errors);
each format module turns DocumentResults into a string.
"""

from __future__ import annotations

import os
import sys
from collections import Counter
from operator import attrgetter

from factlint.findings import Severity
from factlint.records import field, record

TYPE_CHECKING = False  # as `typing.TYPE_CHECKING`: typing is not imported at run time (start-up)
if TYPE_CHECKING:
    from typing import TextIO

FORMATS = ("text", "concise", "json", "sarif", "github", "html")


def jsonable(value):
    """json.dumps default: Decimals and other numbers as strings, sets/tuples as lists."""
    from decimal import Decimal

    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, (set, frozenset, tuple)):
        return list(value)
    if hasattr(value, "value"):  # enums
        return value.value
    return str(value)


def use_color(stream: TextIO) -> bool:
    if os.environ.get("NO_COLOR") or os.environ.get("CI"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return hasattr(stream, "isatty") and stream.isatty()


@record()
class Report:
    """Counts what happened in a run and decides the exit code."""

    exit_zero: bool = False
    errors: list[str] = field(default_factory=list)
    failing: int = 0

    def error(self, message: str) -> None:
        """A one-line input or usage error on stderr (the run goes on with other files)."""
        self.errors.append(message)
        print(f"factlint: error: {message}", file=sys.stderr)

    def count(self, findings, fail_on: Severity = Severity.INFO) -> None:
        """Count the findings at or above `fail_on` (the file's own setting)."""
        by_severity = Counter(map(attrgetter("severity"), findings))
        self.failing += sum(n for severity, n in by_severity.items() if severity.rank >= fail_on.rank)

    def out(self, *texts: str, path: str | None = None) -> None:
        """Write the texts to `path`, else to stdout, each ending with a newline (one is written
        after a text without it; an empty text writes nothing). Written one by one, never joined:
        a large report is not copied."""
        if path:
            from factlint.source import InputError

            try:
                with open(path, "w", encoding="utf-8") as fh:
                    _write(fh, texts)
            except OSError as exc:
                raise InputError(f"{path}: cannot write the report ({exc.strerror})") from None
            return
        _write(sys.stdout, texts)

    def note(self, text: str) -> None:
        print(text, file=sys.stderr)

    @property
    def exit_code(self) -> int:
        if self.errors:
            return 2
        if self.failing and not self.exit_zero:
            return 1
        return 0


def _write(stream: TextIO, texts: tuple[str, ...]) -> None:
    for text in texts:
        if text:
            stream.write(text)
            if not text.endswith("\n"):
                stream.write("\n")
