"""Writing a file whole or not at all: a temporary file in the target's folder, then one rename.

Readers see the old file or the new one, never a part. The one mechanism behind `--fix`
(`fixer.write_atomic`), cache entries (`cache.store`) and kept work (`kept`: rule tables,
compiled patterns).
"""

from __future__ import annotations

import os

TYPE_CHECKING = False  # as `typing.TYPE_CHECKING`: pathlib is not imported at run time (start-up)
if TYPE_CHECKING:
    from pathlib import Path


def replace_file(target: str | Path, data: bytes, prefix: str, suffix: str = ".tmp", mode: int | None = None,
                 durable: bool = False) -> None:
    """Write `data` to `target` atomically (`mode`: its permission bits; `durable`: on disk before
    the rename). On any error or interrupt the temporary file is removed and the error raised."""
    import tempfile  # (not at start-up)

    fd, tmp = tempfile.mkstemp(prefix=prefix, suffix=suffix, dir=os.path.dirname(target))
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            if durable:
                fh.flush()
                os.fsync(fh.fileno())
        if mode is not None:
            os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise

