"""Number mentions (factlint.mentions.find_mentions): values, units, precision, kinds, repairs."""

from decimal import Decimal

import pytest

from factlint.mentions import Kind, Qualifier, find_mentions

# The seed page's damaged figures in a view-like excerpt (the layout stage joins 1.000万\n元).
SEED = (
    "带动全县12个乡镇2.000名贫困群众脱贫。共投入财政资金1.32亿元,建档立卡的2.245户8.564人贫困群众全部脱贫。"
    "累计投入规划外财政资金1.972.66万元,丹巴县GDP从2017年的15.31亿元增长至2020年的21.91亿元,年均增长10.8%;"
    "捐款、捐物累计达2.460万元;贫困发生率从2018年的0.52%下降至零,累计引进10家企业赴丹投资5.640万元;"
    "捐赠安装价值200万元的悬浮式塑胶操场5.500平方米;引进企业在丹投资1.000万元,已资助救助3.400人次。"
    "按上年度收入的0.5%现金方式投入。"
)


def _find(text: str, raw: str):
    hits = [m for m in find_mentions(text) if m.raw == raw]
    assert hits, f"{raw!r} not found in {[m.raw for m in find_mentions(text)]}"
    return hits[0]


def test_n101_on_document_evidence_alone_is_unsafe():
    """2.461万元 could be a genuine decimal; the document's other artefact only makes it likely."""
    text = "带动2.000名群众脱贫,捐款2.461万元。"
    m = _find(text, "2.461万元")
    assert m.value == Decimal("24610000")
    assert _codes(m) == (("N101", False),)


def test_n101_needs_evidence_for_amounts():
    text = "捐款2.460万元。"
    m = _find(text, "2.460万元")
    assert m.value == Decimal("24600")
    assert _codes(m) == ()


def _codes(m):
    return tuple((r.code, r.safe) for r in m.repairs)


SEED_FIGURES = [
    # raw, value, unit, precision, repairs
    ("2.000名", "2000", "名", "1", (("N101", True),)),
    ("2.245户", "2245", "户", "1", (("N101", True),)),
    ("8.564人", "8564", "人", "1", (("N101", True),)),
    ("1.972.66万元", "19726600", "元", "100", (("N101", True),)),
    ("2.460万元", "24600000", "元", "10000", (("N101", True),)),
    ("5.640万元", "56400000", "元", "10000", (("N101", True),)),
    ("5.500平方米", "5500", "平方米", "1", (("N101", True),)),
    ("1.000万元", "10000000", "元", "10000", (("N101", True),)),
    ("3.400人次", "3400", "人次", "1", (("N101", True),)),
    ("1.32亿元", "132000000", "元", "1000000", ()),
    ("15.31亿元", "1531000000", "元", "1000000", ()),
    ("21.91亿元", "2191000000", "元", "1000000", ()),
    ("0.52%", "0.52", "%", "0.01", ()),
    ("0.5%", "0.5", "%", "0.1", ()),
    ("10.8%", "10.8", "%", "0.1", ()),
    ("200万元", "2000000", "元", "10000", ()),
    ("12个", "12", "个", "1", ()),
]


@pytest.mark.parametrize("raw,value,unit,precision,repairs", SEED_FIGURES, ids=[f[0] for f in SEED_FIGURES])
def test_seed_figures(raw, value, unit, precision, repairs):
    m = _find(SEED, raw)
    assert (m.value, m.unit, m.precision, _codes(m)) == (Decimal(value), unit, Decimal(precision), repairs)


def test_seed_n101_edits_are_minimal():
    m = _find(SEED, "1.972.66万元")
    (repair,) = m.repairs
    (span, text), = repair.edits
    assert SEED[span.start:span.end] == "." and text == ","
    assert span.start == m.span.start + 1  # the first period only


def test_without_evidence_a_three_decimal_amount_is_a_decimal():
    (m,) = find_mentions("投资2.460万元")
    assert m.value == Decimal("24600") and not m.repairs


NO_NUMBERS = ["四川", "三岔河", "一把手", "一对一", "之一", "一线", "十分", "万一", "一些", "统一",
              "一芯六线五区", "华润999", "我家在四川", "海陆空部队", "十三五规划期间获得了十几万和几十万的投资",
              "负增长", "小明每天收拾房间", "五角大楼宣布了作战计划", "一户一策", "进一步加强", "一次性补助",
              "引进四川省地坪协会", "乱七八糟", "https://www.test.com/search?q=30%25%2020%", "千方百计", "万物"]


@pytest.mark.parametrize("text", NO_NUMBERS, ids=NO_NUMBERS)
def test_words_that_are_not_numbers(text):
    assert find_mentions(text) == []


CASES = [
    # text, raw, value, unit, kind, precision, approx, repairs
    ("共2,245户", "2,245户", "2245", "户", Kind.QUANTITY, "1", False, ()),
    ("1,972.66万元", "1,972.66万元", "19726600", "元", Kind.QUANTITY, "100", False, ()),
    ("4.4万亿元", "4.4万亿元", "4400000000000", "元", Kind.QUANTITY, "100000000000", False, ()),
    ("下降了-3.8%", "-3.8%", "-3.8", "%", Kind.PERCENT, "0.1", False, ()),
    ("增长77．7％", "77．7％", "77.7", "%", Kind.PERCENT, "0.1", False, (("N102", True),)),
    ("百分之五点二", "百分之五点二", "5.2", "%", Kind.PERCENT, "0.1", False, ()),
    ("千分之三", "千分之三", "3", "‰", Kind.PERMILLE, None, False, ()),
    ("出生率10.06‰", "10.06‰", "10.06", "‰", Kind.PERMILLE, "0.01", False, ()),
    ("高于全国1.7个百分点", "1.7个百分点", "1.7", "百分点", Kind.POINTS, "0.1", False, ()),
    ("三成", "三成", "30", "%", Kind.PERCENT, "10", False, ()),
    ("增长2.5倍", "2.5倍", "2.5", "倍", Kind.MULTIPLE, "0.1", False, ()),
    ("一百二十三万元", "一百二十三万元", "1230000", "元", Kind.QUANTITY, "10000", False, ()),
    ("两千人", "两千人", "2000", "人", Kind.QUANTITY, "1000", False, ()),
    ("连续四年", "四年", "4", "年", Kind.QUANTITY, None, False, ()),
    ("编制五年规划", "五年", "5", "年", Kind.QUANTITY, None, False, ()),
    ("三百二十六亿元", "三百二十六亿元", "32600000000", "元", Kind.QUANTITY, "100000000", False, ()),
    ("二千四百万人", "二千四百万人", "24000000", "人", Kind.QUANTITY, "1000000", False, ()),
    ("2020年", "2020年", "2020", "年", Kind.YEAR, None, False, ()),
    ("2018年底", "2018年", "2018", "年", Kind.YEAR, None, False, ()),
    ("二〇二〇年", "二〇二〇年", "2020", "年", Kind.YEAR, None, False, ()),
    ("一九八○年", "一九八○年", "1980", "年", Kind.YEAR, None, False, ()),
    ("３月", "３月", "3", "月", Kind.DATE, None, False, (("N102", True),)),
    ("约700万元", "700万元", "7000000", "元", Kind.QUANTITY, "10000", True, ()),
    ("450余名", "450余名", "450", "名", Kind.QUANTITY, "1", True, ()),
    ("900多万吨", "900多万吨", "9000000", "吨", Kind.QUANTITY, "10000", True, ()),
    ("第二轮", "第二轮", "2", None, Kind.ORDINAL, None, False, ()),
    # corpus excerpts (../shared/corpus)
    ("粮食产量33，212万吨，比", "33，212万吨", "332120000", "吨", Kind.QUANTITY, "10000", False, (("N102", True),)),
    ("国内生产总值7 4 7 7 2 亿元", "7 4 7 7 2 亿元", "7477200000000", "元", Kind.QUANTITY, "100000000", False,
     (("N104", True),)),
    ("增长8 ．8 ％", "8 ．8 ％", "8.8", "%", Kind.PERCENT, "0.1", False, (("N102", True), ("N104", True))),
    ("达到１０９２０亿元", "１０９２０亿元", "1092000000000", "元", Kind.QUANTITY, "100000000", False, (("N102", True),)),
    ("1 9 9 7 年", "1 9 9 7 年", "1997", "年", Kind.YEAR, None, False, (("N104", True),)),
    # OCR look-alikes
    ("2O20年", "2O20年", "2020", "年", Kind.YEAR, None, False, (("N103", True),)),
    ("1l5个", "1l5个", "115", "个", Kind.QUANTITY, "1", False, (("N103", False),)),
    ("投资120方元", "120方元", "1200000", "元", Kind.QUANTITY, "10000", False, (("N103", True),)),
    ("装机500干瓦", "500干瓦", "500", "千瓦", Kind.QUANTITY, "1", False, (("N103", True),)),
    ("死亡率6.5%o，", "6.5%o", "6.5", "‰", Kind.PERMILLE, "0.1", False, (("N103", False),)),
]


@pytest.mark.parametrize("text,raw,value,unit,kind,precision,approx,repairs", CASES, ids=[c[0] for c in CASES])
def test_mentions(text, raw, value, unit, kind, precision, approx, repairs):
    m = _find(text, raw)
    got = (m.value, m.unit, m.kind, m.precision, m.approx, _codes(m))
    want = (Decimal(value), unit, kind, None if precision is None else Decimal(precision), approx, repairs)
    assert got == want


def test_clause_comma_is_not_a_separator():
    ms = find_mentions("增长8%，达到120万元")
    assert [m.raw for m in ms] == ["8%", "120万元"]


RANGES = [
    ("2017—2020年", [("2017", "2017", "年", Kind.YEAR), ("2020年", "2020", "年", Kind.YEAR)]),
    ("2017-2020年", [("2017", "2017", "年", Kind.YEAR), ("2020年", "2020", "年", Kind.YEAR)]),
    ("5%～10%", [("5%", "5", "%", Kind.PERCENT), ("10%", "10", "%", Kind.PERCENT)]),
    ("两到三万港元", [("两", "20000", "港元", Kind.QUANTITY), ("三万港元", "30000", "港元", Kind.QUANTITY)]),
    ("1万-5万元", [("1万", "10000", "元", Kind.QUANTITY), ("5万元", "50000", "元", Kind.QUANTITY)]),
]


@pytest.mark.parametrize("text,ends", RANGES, ids=[r[0] for r in RANGES])
def test_ranges(text, ends):
    ms = find_mentions(text)
    assert [(m.raw, m.value, m.unit, m.kind, m.range_role) for m in ms] == [
        (raw, Decimal(v), u, k, role) for (raw, v, u, k), role in zip(ends, ("low", "high"))]


def test_qualifiers():
    assert _find("超过10万人", "10万人").qualifier is Qualifier.GT
    assert _find("50万元以上", "50万元").qualifier is Qualifier.GE
    assert _find("不到1.9万元", "1.9万元").qualifier is Qualifier.LT
    assert _find("3000人左右", "3000人").qualifier is Qualifier.APPROX


def test_spans_are_sorted_and_disjoint_and_raw_matches_view():
    ms = find_mentions(SEED)
    for a, b in zip(ms, ms[1:]):
        assert a.span.end <= b.span.start
    for m in ms:
        assert SEED[m.span.start:m.span.end] == m.raw
        for r in m.repairs:
            for span, _ in r.edits:
                assert m.span.contains(span)


@pytest.mark.parametrize("line", ["1.1" * 70000, "一" * 200000, "2,000" * 40000, "1 " * 100000, "１，" * 50000],
                         ids=["periods", "yi", "commas", "spaced", "fullwidth-commas"])
def test_long_lines_scan_in_linear_time(line):
    find_mentions(line)  # finishes (no timing assert); quadratic scanning would hang here


@pytest.mark.parametrize("text", ["０分之1", "零分之一", "吨5万元零", "以八万元零‰毛,$年．１％万元分",
                                  ".2020年o港上點３五/９０方三几倍成四", "—9(第五点倍2萬一/3左(公里", "０千分之九下８"])
def test_degenerate_fractions_and_money_tails_read_without_error(text):
    """Found by fuzzing: a zero denominator, 元零 with nothing after it, a slash after a lone point."""
    for m in find_mentions(text):
        assert m.value == m.value  # a real Decimal, not NaN


def test_figures_longer_than_the_default_decimal_precision_read_without_error():
    """Found by hypothesis: a 29-digit figure overflowed the default 28-digit context."""
    (m,) = find_mentions("10000000000000000000000000000")
    assert m.value == Decimal("1E+28")
