"""A per-file result cache, like ruff's and black's: unchanged files are not checked again.

Stage: beside the pipeline, used only by `factlint check` without --fix/--diff. An entry holds
what a check of the file reports (its findings and unused suppressions, pickled), stored under
`.factlint_cache/` in the current directory and keyed by a hash of everything the result depends
on (so the document itself, read again to compute the key, is not stored: `load` takes it):
- the file's content as read (`document_key`: decoded text, encoding, newline style, format) and
  its path as given (the path is printed in every finding and selects the per-file ignores);
- the factlint version, a fingerprint of the package's own code (name, size and mtime of every
  module, so an edited checkout never serves stale results), the Python version;
- the contents of every rule and lexicon file, and the settings.

Each entry starts with a magic line and a digest of its payload; an entry that is truncated,
corrupt, unreadable or from another build is ignored (and rewritten after the next check).
Entries are written to a temporary file in the same folder and renamed, so parallel runs never see
half an entry. Pickle is acceptable because the cache is local and ours: the folder holds a
`.gitignore` of `*` so it is never committed, and a `CACHEDIR.TAG` so backups skip it.
"""

from __future__ import annotations

import hashlib
import sys
from functools import cache
from pathlib import Path

from factlint import __version__

TYPE_CHECKING = False  # as `typing.TYPE_CHECKING`: typing is not imported at run time (start-up)
if TYPE_CHECKING:
    from factlint.engine import DocumentResult
    from factlint.settings import Settings
    from factlint.source import SourceDocument

CACHE_DIR = ".factlint_cache"
FORMAT = "v2"  # bump when the entry layout changes (v2: findings and unused suppressions only)
MAGIC = b"factlint-cache " + FORMAT.encode() + b"\n"
_DIGEST_SIZE = 32  # SHA-256
_GITIGNORE = "# Created by factlint automatically.\n*\n"
CACHEDIR_TAG = (
    "Signature: 8a477f597d28d172789f06886806bc55\n"
    "# This file is a cache directory tag created by factlint.\n"
    "# For information about cache directory tags see https://bford.info/cachedir/\n"
)


def _digest(data: bytes) -> bytes:
    """SHA-256, as every hash here: OpenSSL's, with the processor's SHA instructions where it has
    them (twice the speed of `hashlib.blake2b`, portable C, on the megabytes a warm run hashes)."""
    return hashlib.sha256(data).digest()


@cache
def _code_fingerprint() -> str:
    """Version, Python and the package's modules (by name, size and mtime): the code that ran."""
    h = hashlib.sha256()
    h.update(f"{__version__}\0{sys.implementation.cache_tag}\0{sys.version}\0".encode())
    package = Path(__file__).resolve().parent
    for module in sorted(package.rglob("*.py")):
        st = module.stat()
        h.update(f"{module.relative_to(package).as_posix()}\0{st.st_size}\0{st.st_mtime_ns}\0".encode())
    return h.hexdigest()


@cache
def _rules_fingerprint() -> str:
    """The contents of every rule and lexicon file."""
    from factlint.rulebook import rules_dir

    h = hashlib.sha256()
    root = rules_dir()
    for path in sorted(p for p in root.rglob("*.toml") if p.is_file()):
        h.update(path.relative_to(root).as_posix().encode() + b"\0")
        h.update(_digest(path.read_bytes()))
    return h.hexdigest()


def cache_key(data: bytes, settings: "Settings", path: str = "") -> str:
    """The key of a file's result: content, path, code, rules and settings (hex)."""
    h = hashlib.sha256()
    for part in (_code_fingerprint(), _rules_fingerprint(), repr(settings), path):
        h.update(part.encode("utf-8", "surrogatepass") + b"\0")
    h.update(_digest(data))
    return h.hexdigest()


def document_key(doc: "SourceDocument", settings: "Settings") -> str:
    """The key of a document as read: its decoded text plus how it was stored (encoding, newlines,
    format), which is everything of the file a result depends on (hashing the text read once, not
    the file read again, leaves no window for the file to change in between)."""
    head = f"{doc.encoding}\0{doc.newline}\0{doc.format}\0".encode()
    return cache_key(head + doc.text.encode("utf-8", "surrogatepass"), settings, doc.path)


def cache_dir() -> Path:
    """`.factlint_cache` in the working directory, or FACTLINT_CACHE_DIR when set."""
    import os

    override = os.environ.get("FACTLINT_CACHE_DIR")
    return Path(override) if override else Path.cwd() / CACHE_DIR


def _entry(key: str) -> Path:
    return cache_dir() / FORMAT / f"{key}.pickle"


def load(key: str, doc: "SourceDocument", settings: "Settings") -> "DocumentResult | None":
    """The stored result for `key` (`doc`'s key with `settings`), or None when there is none or it
    cannot be used. Lean, as a `--jobs` worker's: `doc` itself, no view, no mentions."""
    import pickle

    from factlint.engine import DocumentResult

    try:
        blob = _entry(key).read_bytes()
    except OSError:  # missing or unreadable: a miss
        return None
    head = len(MAGIC) + _DIGEST_SIZE
    if not blob.startswith(MAGIC) or blob[len(MAGIC):head] != _digest(blob[head:]):
        return None
    try:
        findings, unused = pickle.loads(blob[head:])
    except (pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError, IndexError, KeyError):
        return None  # written by code whose classes have since changed
    if type(findings) is not list or type(unused) is not list:
        return None
    return DocumentResult(doc, None, [], findings, unused, settings)


def _reducer(cls: type) -> tuple | None:
    """How a record of `cls` is pickled: (the constructor that rebuilds it, its field names in
    order); its unchecked constructor when it has one (`records.unchecked`: the values were valid
    when they were pickled, and it costs a third); None for other types. Found once per class."""
    if cls not in _REDUCERS:
        from factlint.records import fields, is_record

        ok = is_record(cls) and "__reduce__" not in cls.__dict__
        _REDUCERS[cls] = (cls.__dict__.get("_unchecked", cls), tuple(f.name for f in fields(cls))) if ok else None
    return _REDUCERS[cls]


_REDUCERS: dict[type, tuple | None] = {}


def _pickler_class():
    import pickle

    class FastPickler(pickle.Pickler):
        """Pickles a record as a call of its constructor (`_reducer`): unpickling a frozen slotted
        record the default way goes through `__setstate__` for every object, several times slower."""

        def reducer_override(self, obj):
            reducer = _reducer(type(obj))
            if reducer is None:
                return NotImplemented
            make, names = reducer
            return make, tuple(getattr(obj, n) for n in names)

    return FastPickler


def dumps(obj: object) -> bytes:
    """`obj` pickled with records as constructor calls (what `pickle.loads` reads back, at a
    third of the default cost): cache entries, and results sent back by `--jobs` workers."""
    import io
    import pickle

    buffer = io.BytesIO()
    _pickler_class()(buffer, protocol=pickle.HIGHEST_PROTOCOL).dump(obj)
    return buffer.getvalue()


def store(key: str, result: "DocumentResult") -> bool:
    """Write the entry atomically; False (and nothing left behind) when the cache cannot be written."""
    from factlint.atomic import replace_file

    payload = dumps((result.findings, result.unused_suppressions))
    target = _entry(key)
    try:
        _prepare(target.parent)
        replace_file(target, MAGIC + _digest(payload) + payload, prefix=f".{key[:16]}.")
    except OSError:  # read-only folder, full disk: run without a cache (nothing is left behind)
        return False
    return True


def _prepare(folder: Path) -> None:
    """Create the cache folder with its `.gitignore` and `CACHEDIR.TAG` (once)."""
    root = cache_dir()
    if folder.is_dir() and (root / "CACHEDIR.TAG").is_file():
        return
    folder.mkdir(parents=True, exist_ok=True)
    ignore = root / ".gitignore"
    if not ignore.exists():
        ignore.write_text(_GITIGNORE, encoding="utf-8")
    tag = root / "CACHEDIR.TAG"
    if not tag.exists():
        tag.write_text(CACHEDIR_TAG, encoding="utf-8")


def clean() -> tuple[Path, int]:
    """Empty the cache (`factlint clean`): the folder and the number of entries removed.

    Only what factlint writes goes: the files in its format folders (`v1/`, `v2/`, … — older
    formats' entries too, which no run reads any more), those folders, and the tag files when they
    hold what factlint wrote. The cache folder itself goes when nothing else is left in it."""
    import re

    root = cache_dir()
    removed = 0
    if not root.is_dir():
        return root, 0
    for folder in root.iterdir():
        if not (re.fullmatch(r"v[0-9]+", folder.name) and folder.is_dir() and not folder.is_symlink()):
            continue
        for entry in folder.iterdir():
            if entry.is_file() or entry.is_symlink():
                entry.unlink(missing_ok=True)
                removed += entry.suffix == ".pickle"
        _remove_empty(folder)
    for name, ours in ((".gitignore", _GITIGNORE), ("CACHEDIR.TAG", CACHEDIR_TAG)):
        tag = root / name
        try:
            if tag.is_file() and tag.read_text(encoding="utf-8") == ours:
                tag.unlink()
        except (OSError, UnicodeError):  # not factlint's: it stays
            pass
    _remove_empty(root)
    return root, removed


def _remove_empty(folder: Path) -> None:
    try:
        folder.rmdir()
    except OSError:  # not empty (someone else's files): it stays
        pass
