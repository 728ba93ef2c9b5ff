"""Interval arithmetic: printed figures become intervals; operations are sound and monotone."""

from decimal import Context, Decimal as D
from fractions import Fraction

import pytest
from hypothesis import given, settings, strategies as st

from factlint.intervals import Interval, from_printed, last_nonzero_place

decimals = st.decimals(min_value=D("-1000"), max_value=D("1000"), allow_nan=False, allow_infinity=False, places=3)
positives = st.decimals(min_value=D("0.01"), max_value=D("1000"), allow_nan=False, allow_infinity=False, places=3)


@st.composite
def intervals_with_point(draw, elems=decimals):
    a, b, t = draw(elems), draw(elems), draw(st.integers(0, 10))
    lo, hi = min(a, b), max(a, b)
    return Interval(lo, hi), lo + (hi - lo) * t / 10


@pytest.mark.parametrize(
    "value, precision, kw, lo, hi",
    [
        (D("132000000"), D("1000000"), {}, D("131500000"), D("132500000")),  # 1.32亿
        (D("10.8"), D("0.1"), {}, D("10.75"), D("10.85")),
        (D("132"), D("1"), {"count": True}, D("132"), D("132")),  # 132个 is exact
        (D("4"), None, {}, D("4"), D("4")),  # 四年
        (D("100"), D("1"), {"count": True, "approx": "about"}, D("95"), D("105")),
        (D("4900"), D("1"), {"count": True, "approx": "over"}, D("4900"), D("5145")),
        (D("37"), D("1"), {"approx": "under"}, D("34.675"), D("37.5")),
    ],
    ids=["1.32亿", "10.8%", "count-132个", "四年", "约100", "4900多", "近37%"],
)
def test_from_printed(value, precision, kw, lo, hi):
    iv = from_printed(value, precision, **kw)
    assert (iv.lo, iv.hi) == (lo, hi)


def test_last_nonzero_place():
    assert last_nonzero_place(D("49000000")) == D("1000000")
    assert last_nonzero_place(D("0.52")) == D("0.01")


def test_empty_interval_rejected():
    with pytest.raises(ValueError):
        Interval(D(2), D(1))


def test_floats_rejected():
    with pytest.raises(TypeError):
        Interval(1.0, 2.0)  # type: ignore[arg-type]


def test_root_contains_true_cagr():
    ratio = Interval(D("21.905"), D("21.915")) / Interval(D("15.305"), D("15.315"))
    cagr = (ratio.root(3) - 1) * 100
    assert cagr.contains(D("12.7")) and not cagr.contains(D("10.8"))
    assert D("12.6") < cagr.lo < cagr.hi < D("12.8")


@settings(max_examples=200, deadline=None)
@given(intervals_with_point(), intervals_with_point())
def test_add_sub_mul_sound(a, b):
    (A, x), (B, y) = a, b
    assert (A + B).contains(x + y)
    assert (A - B).contains(x - y)
    assert (A * B).contains(x * y)


@settings(max_examples=200, deadline=None)
@given(intervals_with_point(), intervals_with_point(positives))
def test_div_sound(a, b):
    (A, x), (B, y) = a, b
    q = A / B  # exact rational comparison: the test must not round either
    assert Fraction(q.lo) <= Fraction(x) / Fraction(y) <= Fraction(q.hi)


@settings(max_examples=200, deadline=None)
@given(intervals_with_point(), st.integers(0, 4))
def test_pow_sound(a, n):
    A, x = a
    assert (A ** n).contains(x ** n if n else D(1))


@settings(max_examples=100, deadline=None)
@given(intervals_with_point(positives), st.integers(1, 10))
def test_root_sound_and_monotone(a, n):
    A, x = a
    r = A.root(n)
    assert r.contains(Interval.point(x).root(n).lo) or r.contains(Interval.point(x).root(n).hi)
    assert r.root(1).lo <= r.hi


@settings(max_examples=100, deadline=None)
@given(intervals_with_point(), intervals_with_point())
def test_monotone_add(a, b):
    (A, _), (B, _) = a, b
    wide = A.widen(D(1))
    assert (wide + B).contains(A + B)
    assert A.intersects(A.hull(B)) and A.hull(B).contains(B)



@settings(max_examples=200, deadline=None)
@given(positives, st.integers(1, 9))
def test_root_bounds_exact_and_tight(x, n):
    r = Interval.point(x).root(n)
    # compared as exact fractions: lo^n ≤ x ≤ hi^n, and the bounds are one unit of the 40th digit apart at most
    assert Fraction(r.lo) ** n <= Fraction(x) <= Fraction(r.hi) ** n
    assert r.hi - r.lo <= r.hi.scaleb(-38)


@settings(max_examples=300, deadline=None)
@given(st.integers(1, 10 ** 60), st.integers(-80, 80), st.integers(1, 9))
def test_root_bounds_are_the_40_digit_floor_and_ceiling(coefficient, exponent, n):
    # any positive Decimal (up to 60 digits, far from 1): lo is the greatest number with the
    # root's decimal places whose n-th power is <= x, hi the least whose n-th power is >= x
    x = D(coefficient).scaleb(exponent, Context(prec=100))
    r = Interval.point(x).root(n)
    exponent = r.lo.as_tuple().exponent
    assert r.hi.as_tuple().exponent == exponent
    lo, hi, ulp, exact = Fraction(r.lo), Fraction(r.hi), Fraction(10) ** exponent, Fraction(x)
    assert lo ** n <= exact < (lo + ulp) ** n
    assert hi == (lo if lo ** n == exact else lo + ulp)


def test_root_of_exact_power_is_exact():
    assert Interval.point(D("1.4641")).root(4) == Interval.point(D("1.1"))


def test_negation_is_exact_at_full_precision():
    # bounds of 40 significant digits, as the exact roots of annual growth give: the default
    # decimal context (28 digits) must not round them, or the interval could shrink
    lo, hi = D("0.1234567890123456789012345678901234567891"), D("0.1234567890123456789012345678901234567899")
    neg = -Interval(lo, hi)
    assert str(neg.lo) == "-0.1234567890123456789012345678901234567899"
    assert str(neg.hi) == "-0.1234567890123456789012345678901234567891"


_TIES = [D("0"), D("-0"), D("1.0"), D("1.00"), D("2E+3"), D("2000"), D("7"),
         D("0.1234567890123456789012345678901234567890123"), D("-3.25")]


@pytest.mark.parametrize("c", [D("100"), D("0.01"), D("3"), D("1"), D("7E-5")])
def test_positive_scalar_keeps_the_bounds_of_all_corners(c):
    """`x * c` and `x / c` for c > 0 (two products) give the bounds the min and max of the corner
    products give, with their exponents and signs of zero on ties between equal bounds."""
    from factlint.intervals import _DOWN, _UP

    for a in _TIES:
        for b in _TIES:
            if a > b:
                continue
            x = Interval(a, b)
            for got, down, up in ((x * c, _DOWN.multiply, _UP.multiply), (x / c, _DOWN.divide, _UP.divide)):
                want = (min(down(a, c), down(b, c)), max(up(a, c), up(b, c)))
                assert [str(got.lo), str(got.hi)] == [str(v) for v in want]


@settings(max_examples=100, deadline=None)
@given(st.lists(intervals_with_point(), max_size=6))
def test_interval_sum_is_the_sum_from_zero(terms):
    """`interval_sum` gives the bounds, exponents and signs of zero of `0 + t₁ + t₂ + …`."""
    from factlint.intervals import interval_sum

    want = Interval.point(D(0))
    for t, _ in terms:
        want = want + t
    got = interval_sum(t for t, _ in terms)
    assert [str(got.lo), str(got.hi)] == [str(want.lo), str(want.hi)]
