"""A deterministic yearbook-like document for the benchmark, built from the bundled sample page.

Two kinds of pages, separated by form feeds:
- two-column pages: the sample page (`samples/chenghua-yearbook-2021-p124.txt`) with every figure
  varied digit for digit, so the columns stay aligned and damaged figures stay damaged
  (`2.000名` → `7.381名`, `1.972.66万元` → `4.518.27万元`);
- plain pages: yearbook prose made from templates — totals with parts, growth from one year to
  another with an annual rate, comparisons with last year, shares, percentage points, multiples,
  year spans, Chinese numerals and words that are not numbers — about one figure in six damaged
  and about one relation in five wrong; half of the plain pages hard-wrapped like OCR output.

`build_document(pages, seed)` is a pure function of its arguments (a seeded `random.Random`).
"""

from __future__ import annotations

import random
import re
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

SAMPLE = Path(__file__).resolve().parent.parent / "samples" / "chenghua-yearbook-2021-p124.txt"
TWO_COLUMN_SHARE = 0.4

_NUMBER = re.compile(r"\d+")
_YEAR_AFTER = ("年", "—", "-")
_FULLWIDTH = str.maketrans("0123456789.,%", "０１２３４５６７８９．，％")

AREAS = ["全区", "全县", "全市", "城区", "开发区", "高新区", "经开区", "新区"]
TOWNS = ["龙潭街道", "青龙街道", "府青路街道", "猛追湾街道", "双桥子街道", "二仙桥街道", "保和街道", "白莲池街道"]
INDICATORS = [("地区生产总值", "亿元"), ("一般公共预算收入", "亿元"), ("社会消费品零售总额", "亿元"),
              ("固定资产投资", "亿元"), ("农村居民人均可支配收入", "元"), ("城镇居民人均可支配收入", "元"),
              ("外贸进出口总额", "万美元"), ("规模以上工业增加值", "亿元")]
COUNTS = [("新建学校", "所"), ("培训农民工", "人次"), ("新增就业岗位", "个"), ("实施项目", "个"),
          ("接待游客", "人次"), ("新增市场主体", "户"), ("救助困难群众", "人"), ("建成安置房", "套")]
PARTS = [("第一产业", "第二产业", "第三产业"), ("城镇", "农村", None), ("规划内", "规划外", None),
         ("中央资金", "省级资金", "市级资金")]
PROSE = [
    "坚持以人民为中心的发展思想，统筹推进疫情防控和经济社会发展，各项事业取得新进展。",
    "党委或政府“一把手”深入一线调研，推动“一对一”帮扶落到实处，为全省树立了标杆。",
    "引进四川省知名企业参与三岔河片区综合开发，打造“一芯六线五区”全域旅游发展格局。",
    "持续深化“放管服”改革，优化营商环境，市场主体活力进一步增强，群众满意度明显提升。",
    "统一规划、分步实施，之一的重点工程已投入使用，十分注重项目质量和资金使用效益。",
]


def _q(value: Decimal, places: int) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def _money(rng: random.Random, lo: int, hi: int, places: int = 2) -> Decimal:
    return _q(Decimal(rng.randint(lo * 100, hi * 100)) / 100, places)


def _damaged(value: int) -> str:
    """An integer ≥ 1000 printed with a period as thousands separator (`2.000`)."""
    return f"{value:,}".replace(",", ".")


def _count(rng: random.Random) -> str:
    n = rng.randint(1000, 99999) if rng.random() < 0.5 else rng.randint(12, 999)
    r = rng.random()
    if n >= 1000 and r < 0.16:
        return _damaged(n)
    if r < 0.22:
        return str(n).translate(_FULLWIDTH)
    return f"{n:,}" if n >= 1000 and r < 0.6 else str(n)


def _vary(match: re.Match, rng: random.Random, text: str) -> str:
    digits = match.group()
    after = text[match.end():match.end() + 1]
    if len(digits) == 4 and digits[:2] in ("19", "20") and after in _YEAR_AFTER:
        return digits  # a year: keep it
    first = digits[0] if digits[0] == "0" else str(rng.randint(1, 9))
    return first + "".join(str(rng.randint(0, 9)) for _ in digits[1:])


def two_column_page(template: str, number: int, rng: random.Random) -> str:
    lines = template.split("\n")
    body = "\n".join(lines[2:-1])
    body = _NUMBER.sub(lambda m: _vary(m, rng, body), body)
    nav = "".join(f"{n:>6}" for n in range(max(1, number - 5), number + 6))
    return "\n".join([f"Page {number} - 成华年鉴2021", f"P. {number}", body, nav])


def _total_parts(rng: random.Random, area: str) -> str:
    names = [p for p in rng.choice(PARTS) if p]
    parts = [_money(rng, 5, 400) for _ in names]
    total = sum(parts)
    if rng.random() < 0.2:
        total += _money(rng, 1, 30)  # a wrong sum
    listed = "，".join(f"{n}投入{v}亿元" for n, v in zip(names, parts))
    return f"{area}全年共投入资金{total}亿元，其中{listed}。"


def _from_to(rng: random.Random, area: str) -> str:
    name, unit = rng.choice(INDICATORS)
    y1 = rng.randint(2010, 2018)
    years = rng.randint(2, 5)
    base = _money(rng, 10, 900)
    rate = Decimal(rng.randint(20, 150)) / 10  # % a year
    current = _q(base * ((1 + rate / 100) ** years), 2)
    stated = rate if rng.random() >= 0.2 else _q((current / base - 1) * 100 / years, 1)  # wrong: simple mean
    return f"{area}{name}从{y1}年的{base}{unit}增长至{y1 + years}年的{current}{unit}，年均增长{stated}%。"


def _compare(rng: random.Random, area: str) -> str:
    name, unit = rng.choice(INDICATORS)
    base = _money(rng, 10, 900)
    rate = Decimal(rng.randint(-50, 200)) / 10
    current = _q(base * (1 + rate / 100), 2)
    if rng.random() < 0.2:
        rate += Decimal(rng.randint(5, 30)) / 10  # a wrong rate
    verb = "增长" if rate >= 0 else "下降"
    return f"{area}{name}达到{current}{unit}，比上年的{base}{unit}{verb}{abs(rate)}%。"


def _share(rng: random.Random, area: str) -> str:
    whole = _money(rng, 50, 900)
    part = _q(whole * Decimal(rng.randint(50, 900)) / 1000, 2)
    share = _q(part / whole * 100, 1)
    if rng.random() < 0.2:
        share += Decimal(rng.randint(11, 90)) / 10
    return f"{area}常住人口{whole}万人，其中城镇人口{part}万人，占{share}%。"


def _points(rng: random.Random, area: str) -> str:
    before = Decimal(rng.randint(300, 800)) / 10
    step = Decimal(rng.randint(1, 30)) / 10
    return (f"{area}城镇化率由上年的{before}%提高到{before + step}%，"
            f"提高{step if rng.random() >= 0.2 else step + 1}个百分点。")


def _count_sentence(rng: random.Random, area: str) -> str:
    (a, ua), (b, ub) = rng.sample(COUNTS, 2)
    return f"{area}{a}{_count(rng)}{ua}，{b}{_count(rng)}{ub}，比上年多{rng.randint(2, 40)}{ub}。"


def _span(rng: random.Random, area: str) -> str:
    y1 = rng.randint(2010, 2018)
    n = rng.randint(2, 6)
    said = "一二三四五六七八九"[n - 1 if rng.random() >= 0.2 else n]
    return f"{y1}—{y1 + n - 1}年，{area}连续{said}年被评为全省先进集体，累计获得奖励资金{_money(rng, 1, 90)}万元。"


def _damaged_money(rng: random.Random, area: str) -> str:
    a, b = rng.randint(1, 9), rng.randint(100, 999)
    return f"{rng.choice(TOWNS)}筹集社会资金{a}.{b}.{rng.randint(10, 99)}万元，发动社会各界捐款、捐物累计达{_damaged(rng.randint(1000, 9999))}万元。"


def _multiple(rng: random.Random, area: str) -> str:
    base = _money(rng, 10, 300)
    times = Decimal(rng.randint(11, 40)) / 10
    return f"{area}税收收入达到{_q(base * times, 2)}亿元，是2015年{base}亿元的{times}倍。"


SENTENCES = [_total_parts, _from_to, _compare, _share, _points, _count_sentence, _span, _damaged_money, _multiple]


def plain_page(number: int, rng: random.Random) -> str:
    area = rng.choice(AREAS)
    paragraphs = []
    while sum(len(p) for p in paragraphs) < 1150:
        sentences = [rng.choice(SENTENCES)(rng, area) for _ in range(rng.randint(2, 4))]
        sentences.insert(rng.randint(0, len(sentences)), rng.choice(PROSE))
        paragraphs.append("　　" + "".join(sentences))
    if rng.random() < 0.5:  # hard line breaks, as OCR output has them
        paragraphs = ["\n".join(p[i:i + 38] for i in range(0, len(p), 38)) for p in paragraphs]
    head = f"成华年鉴2021 · {rng.choice(['经济', '社会', '民生', '城市建设'])}"
    return "\n".join([head, "", *paragraphs, "", str(number)])


def build_pages(pages: int, seed: int = 2021) -> list[str]:
    rng = random.Random(seed)
    template = SAMPLE.read_text(encoding="utf-8").rstrip("\n")
    return [two_column_page(template, n, rng) if rng.random() < TWO_COLUMN_SHARE else plain_page(n, rng)
            for n in range(1, pages + 1)]


def build_document(pages: int, seed: int = 2021) -> str:
    return "\f".join(build_pages(pages, seed)) + "\n"


if __name__ == "__main__":
    import sys

    sys.stdout.write(build_document(int(sys.argv[1]) if len(sys.argv) > 1 else 3))
