"""Chinese, Arabic and mixed numerals → Decimal (factlint.numerals)."""

from decimal import Decimal

import pytest

from factlint.numerals import adjacent_pair, read_numeral

CASES = [
    ("零", "0", "1"),
    ("十", "10", "10"),
    ("一百零一", "101", "1"),
    ("一千零十", "1010", "10"),
    ("两千", "2000", "1000"),
    ("一百二十三万", "1230000", "10000"),
    ("二千四百万", "24000000", "1000000"),
    ("三百二十六亿", "32600000000", "100000000"),
    ("三亿零四百七十五万", "304750000", "10000"),
    ("四万万", "400000000", "100000000"),
    ("4万亿", "4000000000000", "1000000000000"),
    ("三万五", "35000", "1000"),
    ("一百二", "120", "10"),
    ("千一", "1100", "100"),
    ("五点二", "5.2", "0.1"),
    ("二十点一万", "201000", "1000"),
    ("1972.66万", "19726600", "100"),
    ("1.32亿", "132000000", "1000000"),
    ("1万600", "10600", "1"),
    ("5万4千6百", "54600", "100"),
    ("壹拾万零叁仟肆佰伍拾叁", "103453", "1"),
    ("十一亿零九千零三十二", "1100009032", "1"),
]


@pytest.mark.parametrize("text,value,precision", CASES, ids=[c[0] for c in CASES])
def test_read_numeral(text, value, precision):
    got = read_numeral(text)
    assert got is not None
    assert got.value == Decimal(value)
    assert got.precision == Decimal(precision)


@pytest.mark.parametrize("text", ["十三五", "万", "一二三四五六七八", "万一", "点五", "一千百"])
def test_not_a_numeral(text):
    got = read_numeral(text)
    assert got is None or got.digits


@pytest.mark.parametrize("text,year", [("二〇二〇", 2020), ("一九八○", 1980)], ids=["circle-zero", "white-circle"])
def test_digit_strings_read_as_digits(text, year):
    got = read_numeral(text)
    assert got.digits and got.value == year


def test_scale_of_arabic_with_scale_words():
    assert read_numeral("4.4万亿").scale == Decimal("1000000000000")
    assert read_numeral("1.32亿").scale == Decimal("100000000")
    assert read_numeral("一百二十三万").scale == Decimal("10000")


@pytest.mark.parametrize("text,low,high", [("三五百", "三百", "五百"), ("十七八万", "十七万", "十八万"),
                                           ("三四十万", "三十万", "四十万")], ids=["35-hundred", "17-18wan", "34-shiwan"])
def test_adjacent_pairs(text, low, high):
    _, lo, hi = adjacent_pair(text)
    assert (lo, hi) == (low, high)


def test_values_are_decimal_never_float():
    got = read_numeral("零点一")
    assert isinstance(got.value, Decimal) and got.value == Decimal("0.1")
