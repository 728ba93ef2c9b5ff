"""What checks produce (Violation, in view coordinates) and what users see (Finding, in source).

Checks never know about files or lines: they return Violations over the reading view. The engine
turns each into a Finding through the document's OffsetMap, the one place positions are mapped.
"""

from __future__ import annotations

from enum import StrEnum

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
    related: tuple[RelatedLocation, ...] = ()
    details: dict[str, Any] = field(default_factory=dict)
    fix: Fix | None = None  # edits in source coordinates
    replacement: str | None = None  # what the fix makes of `text`
    context: str = ""  # the normalised sentence, for baselines
    view_span: Span | None = None  # where the finding sits in the reading view (HTML report)


new_edit = unchecked(Edit)
new_fix = unchecked(Fix)
new_related = unchecked(Related)
new_violation = unchecked(Violation)
new_location = unchecked(Location)
new_related_location = unchecked(RelatedLocation)
new_finding = unchecked(Finding)
