"""The offset map between a reading view and its source: built pieces, lookups, properties."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factlint.layout import build_view
from factlint.offsets import OffsetMap, Piece, ViewBuilder
from factlint.source import SourceDocument
from factlint.spans import Span

SOURCE = "第一行文字\n第二行1.000万\n元，结束。"


def _joined() -> tuple[str, OffsetMap]:
    b = ViewBuilder(SOURCE)
    b.copy(0, 5)  # 第一行文字
    b.insert("\n", 5)
    b.copy(6, 15)  # 第二行1.000万
    b.copy(16, 21)  # 元，结束。 (the line end is dropped)
    return b.build()


def test_builder_joins_pieces_and_maps_back() -> None:
    text, m = _joined()
    assert text == "第一行文字\n第二行1.000万元，结束。"
    one = text.index("1.000万元")
    src = m.to_source(Span(one, one + len("1.000万元")))
    assert SOURCE[src.start] == "1" and SOURCE[src.end - 1] == "元"
    assert not m.is_literal(Span(one, one + len("1.000万元")))  # crosses the line end
    assert m.is_literal(Span(one, one + len("1.000万")))


def test_source_pieces_split_a_span_at_seams() -> None:
    text, m = _joined()
    one = text.index("1.000万元")
    pieces = m.source_pieces(Span(one, one + len("1.000万元")))
    assert [SOURCE[s.start:s.end] for _, s in pieces] == ["1.000万", "元"]


@pytest.mark.parametrize(
    "offset, expected",
    [(0, 0), (5, 5), (6, 6), (15, 16)],
    ids=["first-char", "separator-maps-to-line-end", "second-line", "after-seam"],
)
def test_source_offset(offset: int, expected: int) -> None:
    _, m = _joined()
    assert m.source_offset(offset) == expected


def test_to_view_of_left_out_character_is_none() -> None:
    _, m = _joined()
    assert m.to_view(15) is None  # the '\n' inside 1.000万|元
    assert m.to_view(16) == 15


def test_builder_rejects_copy_outside_source() -> None:
    with pytest.raises(ValueError):
        ViewBuilder("abc").copy(2, 5)


def test_pieces_property_and_identity() -> None:
    m = OffsetMap.identity(4)
    assert m.pieces == (Piece(Span(0, 4), Span(0, 4), True),)
    assert m.to_source(Span(1, 3)) == Span(1, 3)
    assert OffsetMap.identity(0).to_source(Span(0, 0)) == Span(0, 0)


@st.composite
def _plans(draw):
    """A source text and a plan of disjoint copies (in any order, as columns give) and inserts."""
    source = draw(st.text(min_size=1, max_size=60))
    cuts = sorted(draw(st.lists(st.integers(0, len(source)), max_size=10)))
    ranges = [(a, b) for a, b in zip(cuts[::2], cuts[1::2])]
    order = draw(st.permutations(ranges))
    steps = []
    for a, b in order:
        steps.append(("copy", a, b))
        if draw(st.booleans()):
            steps.append(("insert", draw(st.sampled_from(["\n", " ", "", "·"])), draw(st.integers(0, len(source)))))
    return source, steps


def _built(plan) -> tuple[str, OffsetMap]:
    """The view text and map a plan's steps build from its source."""
    source, steps = plan
    b = ViewBuilder(source)
    for step in steps:
        if step[0] == "copy":
            b.copy(step[1], step[2])
        else:
            b.insert(step[1], step[2])
    return b.build()


@given(_plans())
@settings(max_examples=150, deadline=None)
def test_literal_pieces_equal_source_and_round_trip(plan) -> None:
    source, (text, m) = plan[0], _built(plan)
    for p in m.pieces:
        if p.literal:
            assert text[p.view.start:p.view.end] == source[p.source.start:p.source.end]
            for v in range(p.view.start, p.view.end):
                assert m.is_literal(Span(v, v + 1))
                src = m.source_offset(v)
                assert source[src] == text[v]
                back = m.to_view(src)
                assert back is not None and source[src] == text[back]


@given(_plans())
@settings(max_examples=100, deadline=None)
def test_locate_is_to_source_and_is_literal(plan) -> None:
    """`locate(span)` gives the source span `to_source` gives and `is_literal`'s answer, for every
    span of the view (empty ones and those past its end included)."""
    text, m = _built(plan)
    for a in range(len(text) + 2):
        for e in range(a, len(text) + 3):
            span = Span(a, e)
            assert m.locate(span) == (m.to_source(span), m.is_literal(span))


_CHARS = st.sampled_from(list("成华区投资1.000万元，。！？ab Z9 \u3000\t\r\n\f\x0b\x1c\x85\u2028一、（二）#-*`|>") + ["  ", "\r\n", "    "])


@given(st.lists(_CHARS, max_size=120).map("".join), st.sampled_from(["auto", "plain", "columns"]),
       st.sampled_from(["text", "markdown"]))
@settings(max_examples=250, deadline=None)
def test_build_view_never_fails_and_maps_inside_the_file(text: str, layout: str, fmt: str) -> None:
    view = build_view(SourceDocument("x", text, format=fmt), layout)
    for v, ch in enumerate(view.text):
        src = view.map.source_offset(v)
        assert 0 <= src <= len(text)
        if view.map.is_literal(Span(v, v + 1)):
            assert text[src] == ch
            assert view.map.to_view(src) == v
        else:
            assert ch in "\n "  # synthetic: block separators and joining spaces only
    assert "\n\n" not in view.text and not view.text.startswith("\n") and not view.text.endswith("\n")
    for line in view.text.split("\n"):
        assert line == line.strip(" \u3000\t") or line.strip() == ""


@given(st.text(max_size=200), st.sampled_from(["text", "markdown"]))
@settings(max_examples=150, deadline=None)
def test_build_view_on_any_unicode(text: str, fmt: str) -> None:
    view = build_view(SourceDocument("x", text, format=fmt))
    assert len(view.text.splitlines()) == (view.text.count("\n") + 1 if view.text else 0)
    for v in range(len(view.text)):
        assert 0 <= view.map.source_offset(v) <= len(text)
