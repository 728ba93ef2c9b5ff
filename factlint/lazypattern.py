"""A regex compiled on its first use, for the patterns that only some inputs reach.

`re` compiles in Python, and a class of Chinese characters alone costs it about a million
instructions: a short run spends most of its time compiling. A pattern that a document never
uses is not compiled for it.
"""

from __future__ import annotations

from factlint.patterncache import compile_pattern


class LazyPattern:
    """Stands for `re.compile(pattern, flags)` (compiled by `patterncache`). `pattern` is there at
    once; any other attribute is the compiled pattern's, compiled on the first access and then kept
    on the instance, so later accesses (`X.match`) cost what they cost on the pattern itself."""

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.pattern = pattern
        self._flags = flags

    def __getattr__(self, name: str):  # only for attributes not yet kept
        if name.startswith("__"):  # copy and pickle probe for these on a bare instance
            raise AttributeError(name)
        value = getattr(compile_pattern(self.pattern, self._flags), name)
        setattr(self, name, value)
        return value
