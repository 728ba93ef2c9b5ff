"""What checks produce (Violation, in view coordinates) and what users see (Finding, in source).

Checks never know about files or lines: they return Violations over the reading view. The engine
turns each into a Finding through the document's OffsetMap, the one place positions are mapped.
"""

from __future__ import annotations

from enum import StrEnum
from functools import partial

from factlint.records import field, record, unchecked
from factlint.spans import Span

TYPE_CHECKING = False  # as `typing.TYPE_CHECKING`: typing is not imported at run time (start-up)
if TYPE_CHECKING:
    from typing import Any


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        """0 info, 1 warning, 2 error: a finding fails a run when its rank reaches --fail-on's."""
        return _RANKS[self]


_RANKS = {Severity.INFO: 0, Severity.WARNING: 1, Severity.ERROR: 2}


class Applicability(StrEnum):
    SAFE = "safe"  # certain: applied by --fix
    UNSAFE = "unsafe"  # likely: applied with --unsafe-fixes
    DISPLAY = "display-only"  # shown, never applied


@record(frozen=True, slots=True)
class Edit:
    """Replace `span` with `text`; view coordinates in a Violation, source in a Finding."""

    span: Span
    text: str


@record(frozen=True, slots=True)
class Fix:
    title: str
    edits: tuple[Edit, ...]
    applicability: Applicability


@record(frozen=True, slots=True)
class Related:
    span: Span
    label: str


@record(frozen=True, slots=True)
class Violation:
    """A rule broken at `span` of the reading view.

    `message` is the full one-line message; `details` must be JSON-serialisable (Decimals become
    strings at the report edge). Fix edits are in view coordinates and must not overlap.
    `replacement`, when the check has it, is the view text of `span` after the fix's edits (the
    engine works it out from the edits otherwise).
    """

    code: str
    span: Span
    message: str
    severity: Severity | None = None  # None: the rule's configured severity
    related: tuple[Related, ...] = ()
    details: dict[str, Any] = field(default_factory=dict)
    fix: Fix | None = None
    replacement: str | None = None


@record(frozen=True, slots=True)
class Location:
    path: str
    span: Span  # source offsets
    line: int
    column: int
    end_line: int
    end_column: int


@record(frozen=True, slots=True)
class RelatedLocation:
    location: Location
    text: str
    label: str


@record(frozen=True, slots=True)
class Finding:
    """A Violation placed in the original file; what every reporter and the fixer consume."""

    code: str
    name: str
    severity: Severity
    message: str
    location: Location
    text: str  # the source text at the location (view text when the span crosses a seam)
    related: tuple[RelatedLocation, ...] = ()  # (may be given Later: see `Later`)
    details: dict[str, Any] = field(default_factory=dict)
    fix: Fix | None = None  # edits in source coordinates
    replacement: str | None = None  # what the fix makes of `text`
    context: str = ""  # the normalised sentence, for baselines (may be given Later)
    view_span: Span | None = None  # where the finding sits in the reading view (HTML report)


class Later(partial):
    """A field value worked out when first read: `Later(f, *args)(record)` is `f(*args, record)`.

    The engine gives `Finding.related` and `Finding.context` so (the concise and GitHub reports,
    for one, read neither); only the unchecked constructor `new_finding` takes one. The first read
    of the field stores the value in place of the Later, and every reader (eq, hash, repr,
    pickling, `replace`) reads through the attribute: none sees a Later, so a Finding compares,
    prints and pickles as if the value had been given."""

    __slots__ = ()


def _read_through_later(cls: type, name: str) -> None:
    """The field `name` of the frozen slotted record `cls` resolves a Later on first read."""
    slot = cls.__dict__[name]  # the slot's own descriptor
    get, put = slot.__get__, slot.__set__

    def read(self: Any) -> Any:
        value = get(self)
        if value.__class__ is Later:
            value = value(self)
            put(self, value)
        return value

    # The setter is what the checked constructor and unpickling call (`object.__setattr__`);
    # the record's frozen `__setattr__` still refuses plain assignment.
    type.__setattr__(cls, name, property(read, put, doc=f"{cls.__name__}.{name} (resolved on first read)"))


_read_through_later(Finding, "related")
_read_through_later(Finding, "context")

new_edit = unchecked(Edit)
new_fix = unchecked(Fix)
new_related = unchecked(Related)
new_violation = unchecked(Violation)
new_location = unchecked(Location)
new_related_location = unchecked(RelatedLocation)
new_finding = unchecked(Finding)
