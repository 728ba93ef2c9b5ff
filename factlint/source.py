"""Reading input files: bytes → SourceDocument, with encoding and newline style kept for --fix.

Invariant: `SourceDocument.text` is the decoded file with nothing translated (CRLF stays CRLF),
so code-point offsets into it are offsets into the original file.
"""

from __future__ import annotations

import bisect
import codecs
import os
import sys

from factlint.patterncache import compile_pattern
from factlint.records import field, record
from factlint.spans import Span

TEXT_SUFFIXES = (".txt", ".md", ".markdown")
DOCX_SUFFIXES = (".docx",)  # read by factlint.wordfile (extra factlint[docx])
INPUT_SUFFIXES = TEXT_SUFFIXES + DOCX_SUFFIXES
# A 1,000-page yearbook is about 6 MB. Checking costs about 120 bytes of memory and 7 µs per
# character (bench/run.py), so a 50 MB file would need gigabytes: larger files are refused with
# one line (exit code 2) and should be split into chapters.
MAX_BYTES = 16 * 1024 * 1024
_NEWLINE = compile_pattern("\n")  # finditer: a third of the instructions of a loop of str.find


class InputError(Exception):
    """A problem with one input that the user must fix; reported as one line, exit code 2."""


@record(frozen=True, slots=True)
class Position:
    line: int  # 1-based
    column: int  # 1-based, code points


@record(slots=True)
class SourceDocument:
    path: str
    text: str
    encoding: str = "utf-8"
    newline: str = "\n"
    format: str = "text"  # text | markdown | docx (one line per Word paragraph)
    _line_starts: list[int] = field(default_factory=list, repr=False)

    def __post_init__(self) -> None:
        self._line_starts = [0, *[m.end() for m in _NEWLINE.finditer(self.text)]]

    @property
    def line_starts(self) -> list[int]:
        """Offsets where each line starts (the first is 0); ascending. Read-only."""
        return self._line_starts

    def position(self, offset: int) -> Position:
        """1-based line and column of a source offset (code points)."""
        line = bisect.bisect_right(self._line_starts, offset) - 1
        return Position(line + 1, offset - self._line_starts[line] + 1)

    def line_text(self, line: int) -> str:
        start = self._line_starts[line - 1]
        end = self._line_starts[line] - 1 if line < len(self._line_starts) else len(self.text)
        return self.text[start:end].rstrip("\r")

    def slice(self, span: Span) -> str:
        return self.text[span.start:span.end]

    def encode(self, text: str) -> bytes:
        """The file's bytes for `text`: same encoding (a UTF-8 BOM is written back)."""
        return text.encode(self.encoding)


def decode(data: bytes, path: str) -> tuple[str, str]:
    """Decode bytes as UTF-8 (BOM kept as encoding utf-8-sig) or GB18030; else InputError."""
    if b"\x00" in data[:8192]:
        raise InputError(f"{path}: looks like a binary file (NUL bytes); not checked")
    if data.startswith(codecs.BOM_UTF8):
        try:
            return data[len(codecs.BOM_UTF8):].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError as exc:
            raise InputError(f"{path}: invalid UTF-8 after a UTF-8 BOM at byte {exc.start + 3}") from None
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as utf8_error:
        try:
            return data.decode("gb18030"), "gb18030"
        except UnicodeDecodeError:
            raise InputError(
                f"{path}: cannot decode as UTF-8 (byte {utf8_error.start}) or GB18030; save it as UTF-8"
            ) from None


def detect_newline(text: str) -> str:
    i = text.find("\n")
    if i > 0 and text[i - 1] == "\r":
        return "\r\n"
    return "\n"


def format_of(path: str) -> str:
    lower = path.lower()
    if lower.endswith((".md", ".markdown")):
        return "markdown"
    return "text"


def document_from_bytes(data: bytes, path: str) -> SourceDocument:
    text, encoding = decode(data, path)
    return SourceDocument(path, text, encoding, detect_newline(text), format_of(path))


def read_document(path: str) -> SourceDocument:
    """Read one file (or `-` for stdin) into a SourceDocument; InputError on any problem."""
    if path == "-":
        data = sys.stdin.buffer.read(MAX_BYTES + 1)
        if len(data) > MAX_BYTES:
            raise InputError(f"-: standard input is over the {MAX_BYTES // (1024 * 1024)} MB limit; split it into smaller files")
        return document_from_bytes(data, "-")
    if os.path.splitext(path)[1].lower() in DOCX_SUFFIXES:
        from factlint.wordfile import read_docx

        return read_docx(path)
    try:
        size = os.stat(path).st_size
        if size > MAX_BYTES:
            raise InputError(f"{path}: file is {size // (1024 * 1024)} MB, over the {MAX_BYTES // (1024 * 1024)} MB limit; "
                             "split it into smaller files")
        with open(path, "rb") as fh:
            data = fh.read()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file or directory") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory") from None
    except PermissionError:
        raise InputError(f"{path}: permission denied") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror})") from None
    return document_from_bytes(data, path)


def expand_paths(paths: list[str], suffixes: tuple[str, ...] = INPUT_SUFFIXES) -> tuple[list[str], list[str]]:
    """Expand directories into their text files (sorted); return (files, errors)."""
    files: list[str] = []
    errors: list[str] = []
    for raw in paths:
        if raw == "-":
            files.append(raw)
            continue
        if os.path.isdir(raw or "."):  # ("" is the current folder, as for pathlib)
            from pathlib import Path  # (directories only: not at start-up)

            p, found = Path(raw), []  # walked as a Path: the names shown are normalised (./d/a.txt → d/a.txt)
            for root, dirs, names in os.walk(p):
                dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in ("node_modules", "__pycache__"))
                for name in names:
                    if name.lower().endswith(suffixes) and not name.startswith("~$"):  # ~$: Word lock files
                        found.append(os.path.join(root, name))
            files.extend(sorted(found))
        elif os.path.exists(raw):
            files.append(raw)
        else:
            errors.append(f"{raw}: no such file or directory")
    return files, errors
