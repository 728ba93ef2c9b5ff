"""Records behave as the dataclasses they replace: construction, equality, hashing, ordering,
frozenness, pickling, and the `dataclasses` functions."""

from __future__ import annotations

import dataclasses
import pickle

import pytest

from factlint.records import FrozenInstanceError, field, fields, record, replace, unchecked


def _pair(**options):
    """The same declaration as a record and as a dataclass."""
    def declare(decorate, make_field):
        class Point:
            x: int
            y: int = 0
            tags: list = make_field(default_factory=list)
            note: str = make_field(default="", compare=False, repr=False)
        return decorate(Point)
    return (declare(record(**options), field),
            declare(dataclasses.dataclass(**options), dataclasses.field))


@pytest.mark.parametrize("options", [dict(frozen=True, slots=True, order=True), dict(frozen=True, slots=True),
                                     dict(slots=True), dict()])
def test_record_matches_dataclass(options):
    rec, dc = _pair(**options)
    for args, kwargs in [((1,), {}), ((1, 2), {"note": "n"}), ((3,), {"tags": [1]})]:
        r, d = rec(*args, **kwargs), dc(*args, **kwargs)
        assert repr(r) == repr(d)
        assert [getattr(r, n) for n in rec.__match_args__] == [getattr(d, n) for n in dc.__match_args__]
        assert (r == rec(*args, **kwargs)) is (d == dc(*args, **kwargs))
        assert (r == rec(*args, note="other")) is (d == dc(*args, note="other"))  # note is not compared
        assert r != d and r.__eq__(d) is NotImplemented
        if options.get("frozen"):
            r, d = rec(*args), dc(*args)
            r = replace(r, tags=())
            d = dataclasses.replace(d, tags=())
            assert hash(r) == hash(d)
    if not options.get("frozen"):
        assert rec.__hash__ is None and dc.__hash__ is None
    assert rec(1).tags is not rec(1).tags
    with pytest.raises(TypeError):
        rec()


def test_ordering_and_frozen():
    rec, dc = _pair(frozen=True, slots=True, order=True)
    values = [(2, 1), (1, 5), (1, 2), (0, 9)]
    assert [(p.x, p.y) for p in sorted(rec(*v, tags=()) for v in values)] == \
        [(p.x, p.y) for p in sorted(dc(*v, tags=()) for v in values)]
    p = rec(1)
    with pytest.raises(FrozenInstanceError):
        p.x = 2
    with pytest.raises(AttributeError):
        del p.y
    assert not hasattr(p, "__dict__")


def test_post_init_unchecked_and_pickle():
    @record(frozen=True, slots=True)
    class Span:
        start: int
        end: int

        def __post_init__(self) -> None:
            if self.start > self.end:
                raise ValueError("bad")

    with pytest.raises(ValueError):
        Span(2, 1)
    fast = unchecked(Span)
    s = fast(1, 2)
    assert type(s) is Span and s == Span(1, 2) and fast(3, 4) == Span(3, 4)
    from factlint.spans import Span as Shipped

    for protocol in range(pickle.HIGHEST_PROTOCOL + 1):  # frozen and slotted: through __setstate__
        assert pickle.loads(pickle.dumps(Shipped(1, 2), protocol)) == Shipped(1, 2)
    assert [f.name for f in fields(s)] == ["start", "end"]


def test_dataclasses_functions_see_records():
    rec, _ = _pair(frozen=True, slots=True)
    p = rec(1, 2, note="n")
    assert dataclasses.is_dataclass(p)
    assert [f.name for f in dataclasses.fields(rec)] == ["x", "y", "tags", "note"]
    assert dataclasses.asdict(p) == {"x": 1, "y": 2, "tags": [], "note": "n"}
    assert dataclasses.replace(p, y=5) == rec(1, 5)


def test_unchecked_records_are_plain_frozen_records():
    @record(frozen=True, slots=True)
    class Box:
        width: int
        label: str = ""

    raw = Box.__dict__["label"]  # a property over one slot, as findings puts over Finding's lazy fields
    type.__setattr__(Box, "label", property(lambda self: raw.__get__(self).upper(), raw.__set__))
    fast = unchecked(Box)
    assert Box._unchecked is fast
    b = fast(3, "x")
    assert type(b) is Box and not hasattr(b, "__dict__") and raw.__get__(b) == "x" and b.label == "X"
    assert b == Box(3, "x") and hash(b) == hash(Box(3, "x")) and repr(b).endswith("Box(width=3, label='X')")
    with pytest.raises(FrozenInstanceError):
        b.width = 4
    with pytest.raises(FrozenInstanceError):
        del b.width
    with pytest.raises(TypeError):
        fast(3)  # every field, positionally
    assert replace(b, width=5) == Box(5, "x") and dataclasses.replace(b, width=5) == Box(5, "x")
    from factlint.spans import Span, trusted_span

    assert pickle.loads(pickle.dumps(trusted_span)) is trusted_span is Span._unchecked  # pickled by name
