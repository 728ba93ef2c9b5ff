"""Reading order: columns, furniture, hard line breaks, Markdown — input text → view text and positions.

Golden files: tests/golden/<sample>.view.txt hold `factlint view --show-blocks` output for every
sample; `FACTLINT_REGEN=1 pytest tests/test_layout.py` rewrites them (review the diff by eye).
"""

from __future__ import annotations

import os
import random
import unicodedata
from pathlib import Path

import pytest

from factlint.layout import LAYOUTS, BlockKind, build_view, render_view
from factlint.lines import _FEW_CHARS, Cells, display_width
from factlint.source import SourceDocument, read_document
from factlint.spans import Span

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
GOLDEN = Path(__file__).resolve().parent / "golden"
SEED = SAMPLES / "chenghua-yearbook-2021-p124.txt"


def view_of(text: str, layout: str = "auto", fmt: str = "text"):
    return build_view(SourceDocument("t", text, format=fmt), layout)


def cells(s: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)


def wrap(text: str, n: int, indent: str = "　　") -> list[str]:
    """Hard-wrap every n code points ('¦' forces a line end); the first line indented."""
    out: list[str] = []
    for i, part in enumerate(text.split("¦")):
        cur = indent if i == 0 and part else ""
        for ch in part:
            cur += ch
            if len(cur) >= n:
                out.append(cur)
                cur = ""
        if cur:
            out.append(cur)
    return out


def compose(left: list[str], right: list[str], left_at: int = 4, gutter: int = 6, metric: str = "cells") -> str:
    """Two columns side by side, the right one starting at the same cell (or code point) on every line."""
    width = cells if metric == "cells" else len
    w = max(width(line) for line in left)
    out = []
    for i in range(max(len(left), len(right))):
        l = left[i] if i < len(left) else ""
        r = right[i] if i < len(right) else ""
        out.append((" " * left_at + l + " " * (w - width(l) + gutter) + r).rstrip())
    return "\n".join(out)


# --- the seed page -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed():
    doc = read_document(str(SEED))
    return doc, build_view(doc)


@pytest.mark.parametrize(
    "phrase",
    [
        "将对口帮扶工作列为全区19项重点工程之一",
        "累计投入规划外财政资金1.972.66万元",
        "引进四川省地坪协会",
        "在丹投资1.000万元,打造高端精品民宿",
        "成华区为全面改善丹巴县生产生活条件",
        "丹巴县GDP从2017年的15.31亿元增长至2020年的21.91亿元,年均增长10.8%",
        "农村居民人均年收入从2017年的1.31万元增长至2020年的1.58万元,年均增长5.2%",
    ],
)
def test_seed_sentences_are_whole(seed, phrase: str) -> None:
    _, view = seed
    assert phrase in view.text


@pytest.mark.parametrize("furniture", ["Page 124", "P. 124", "SPECIAL RECORDS", "特载", "119", "129"])
def test_seed_furniture_is_left_out(seed, furniture: str) -> None:
    _, view = seed
    assert furniture not in view.text


def test_seed_furniture_blocks_are_kept_with_their_source(seed) -> None:
    doc, view = seed
    left_out = [(b.kind, doc.slice(b.source[0])) for b in view.blocks if b.view is None]
    assert left_out == [
        (BlockKind.RUNNING_HEAD, "Page 124 - 成华年鉴2021"),
        (BlockKind.RUNNING_HEAD, "P. 124"),
        (BlockKind.RUNNING_HEAD, "特载  ┃ SPECIAL RECORDS ┃"),
        (BlockKind.PAGE_NUMBER, "6"),
        (BlockKind.NAVIGATION, doc.line_text(58).strip()),
    ]


def test_seed_reads_left_column_then_right(seed) -> None:
    _, view = seed
    t = view.text
    assert view.layout == "columns"
    assert t.index("对口支援丹巴县") < t.index("一、总体情况") < t.index("困县先进集体") < t.index("二、主要工作")
    assert t.index("二、主要工作") < t.index("为全区19项") < t.index("(二)强化资金保障") < t.index("(三)强化项目推动")


def test_seed_headings_and_paragraphs(seed) -> None:
    _, view = seed
    headings = [view.text[b.view.start:b.view.end] for b in view.blocks if b.kind is BlockKind.HEADING]
    assert headings == [
        "坚持精准帮扶,助推脱贫攻坚迈上新台阶",
        "Adhering to the Targeted Poverty Alleviation to Push the Battle Against Poverty to a New Stage",
        "对口支援丹巴县",
        "一、总体情况",
        "二、主要工作",
    ]
    paragraphs = [view.text[b.view.start:b.view.end] for b in view.blocks if b.kind is BlockKind.PARAGRAPH]
    assert [p[:5] for p in paragraphs] == ["成华区自2", "(一)强化", "(二)强化", "(三)强化"]
    assert view.text.count("\n") == len(headings) + len(paragraphs) - 1


def test_seed_figure_maps_to_its_place_in_the_file(seed) -> None:
    doc, view = seed
    at = view.text.index("1.000万元")
    src = view.map.to_source(Span(at, at + 1))
    pos = doc.position(src.start)
    assert (pos.line, pos.column) == (41, 86)
    assert doc.slice(view.map.to_source(Span(at, at + len("1.000万")))) == "1.000万"


def test_every_literal_view_character_equals_its_source(seed) -> None:
    doc, view = seed
    for v, ch in enumerate(view.text):
        if view.map.is_literal(Span(v, v + 1)):
            assert doc.text[view.map.source_offset(v)] == ch
        else:
            assert ch == "\n"  # the seed page needs no joining spaces


def test_forced_plain_layout_reads_line_by_line(seed) -> None:
    doc, _ = seed
    view = build_view(doc, "plain")
    assert view.layout == "plain"
    assert "将对口帮扶工作列为全区19项" not in view.text
    assert "Page 124" not in view.text


def test_unknown_layout_is_an_error(seed) -> None:
    doc, _ = seed
    assert LAYOUTS == ("auto", "plain", "columns")
    with pytest.raises(ValueError, match="layout"):
        build_view(doc, "three")


def test_render_view(seed) -> None:
    _, view = seed
    assert render_view(view) == view.text + "\n"
    shown = render_view(view, show_blocks=True).splitlines()
    assert shown[0] == "[running-head] Page 124 - 成华年鉴2021"
    assert "[heading] 一、总体情况" in shown
    assert "[page-number] 6" in shown
    assert shown[-1].startswith("[navigation] 119")


# --- golden files -------------------------------------------------------------------------


def _samples() -> list[Path]:
    return sorted(p for p in SAMPLES.iterdir() if p.suffix in (".txt", ".md"))


@pytest.mark.parametrize("sample", _samples(), ids=lambda p: p.name)
def test_golden_reading_order(sample: Path) -> None:
    rendered = render_view(build_view(read_document(str(sample))), show_blocks=True)
    golden = GOLDEN / f"{sample.name}.view.txt"
    if os.environ.get("FACTLINT_REGEN"):
        GOLDEN.mkdir(exist_ok=True)
        golden.write_text(rendered, encoding="utf-8")
    assert golden.exists(), f"no golden file; run FACTLINT_REGEN=1 pytest {Path(__file__).name}"
    assert rendered == golden.read_text(encoding="utf-8")


# --- two-column pages built here ------------------------------------------------------------

P1 = "全年完成水利投资3.26亿元，比上年增长9.4%。其中，中央资金1.10亿元，省级资金0.96亿元，县级资金1.20亿元。新建改建渠道46公里，新增有效灌溉面积1.8万亩。"
P2A = "全县实施农村饮水安全巩固提升工程12处，受益人口5.6万人，自来水普及率达到93.5%。引进社会资本在城区投资1.000万¦元，建成智慧"
P2B = "水务平台，实现四川省内首个县级全域覆盖。"
P3 = "（一）深化河长制。全县设立县、乡、村三级河长268名，其中县级12名、乡级56名、村级200名，全年巡河1.42万人次。"


def _two_column_page(width: int, left_at: int, gutter: int, metric: str) -> str:
    left = ["", "", "      水利建设", "", "一、工程建设"] + wrap(P1, width) + wrap(P2A, width)
    right = wrap(P2B, width, indent="") + ["", "二、管理改革"] + wrap(P3, width)
    right = ["", "", ""] + right
    head = "石泉县年鉴2022 · 水利"
    return head + "\n\n" + compose(left, right, left_at, gutter, metric) + "\n\n" + " " * 30 + "— 77 —\n"


@pytest.mark.parametrize(
    "width, left_at, gutter, metric",
    [
        (18, 4, 6, "cells"),
        (24, 0, 3, "cells"),
        (22, 8, 20, "cells"),
        (20, 2, 4, "cp"),
        (26, 6, 10, "cp"),
    ],
    ids=["w18-gutter6-cells", "w24-gutter3-flush", "w22-gutter20", "w20-gutter4-codepoints", "w26-gutter10-codepoints"],
)
@pytest.mark.parametrize("newline", ["\n", "\r\n"], ids=["lf", "crlf"])
def test_composed_two_column_page(width: int, left_at: int, gutter: int, metric: str, newline: str) -> None:
    text = _two_column_page(width, left_at, gutter, metric).replace("\n", newline)
    view = view_of(text)
    lines = view.text.split("\n")
    assert view.layout == "columns"
    assert lines == [
        "水利建设",
        "一、工程建设",
        P1,
        P2A.replace("¦", "") + P2B,
        "二、管理改革",
        P3,
    ]
    kinds = [b.kind for b in view.blocks]
    assert kinds == [BlockKind.RUNNING_HEAD, BlockKind.HEADING, BlockKind.HEADING, BlockKind.PARAGRAPH,
                     BlockKind.PARAGRAPH, BlockKind.HEADING, BlockKind.PARAGRAPH, BlockKind.PAGE_NUMBER]
    at = view.text.index("1.000万元")
    pieces = view.map.source_pieces(Span(at, at + len("1.000万元")))
    assert len(pieces) >= 2  # the figure crosses a line end in the file
    assert "".join(text[s.start:s.end] for _, s in pieces) == "1.000万元"


def test_two_column_page_with_a_title_spanning_both_columns() -> None:
    left = wrap(P1, 20)
    right = wrap(P3, 20)
    title = " " * 14 + "石泉县水利发展情况概述（二〇二一年度）"
    page = title + "\n\n" + compose(left, right, 2, 5)
    view = view_of(page)
    assert view.text.split("\n") == ["石泉县水利发展情况概述（二〇二一年度）", P1, P3]
    assert view.blocks[0].kind is BlockKind.HEADING


def test_columns_can_be_forced_and_a_table_is_not_taken_for_columns() -> None:
    table = "指标      2020年      2021年\n人口      5.62        5.71\n产值      32.6        35.1\n"
    assert view_of(table).layout == "plain"
    assert view_of(table, "columns").layout == "columns"


# --- single column ------------------------------------------------------------------------

PA = "二〇二一年，全县完成固定资产投资86.4亿元，比上年增长10.2%，其中工业投资31.5亿元，基础设施投资27.8亿元。"
PB = "全年社会消费品零售总额达到64.3亿元，增长12.6%；限额以上企业实现零售额21.9亿元。"
PC = "年末金融机构各项存款余额315.2亿元。"


@pytest.mark.parametrize(
    "text",
    [
        "\n".join(wrap(PA, 30) + wrap(PB, 30) + wrap(PC, 30)),
        "\n\n".join("\n".join(wrap(p, 28, indent="")) for p in (PA, PB, PC)),
        "\n".join(wrap(PA, 26, "") + wrap(PB, 26, "") + wrap(PC, 26, "")),
        "\n".join(wrap(PA, 30, "  ") + wrap(PB, 30, "  ") + wrap(PC, 30, "  ")) + "\n",
    ],
    ids=["fullwidth-indent", "blank-lines", "short-last-lines", "space-indent"],
)
def test_hard_wrapped_ocr_joins_into_paragraphs(text: str) -> None:
    view = view_of(text)
    assert view.layout == "plain"
    assert view.text.split("\n") == [PA, PB, PC]


def test_one_paragraph_per_line_stays_as_is() -> None:
    lines = [PA, PB, PC, "全县森林覆盖率达到61.3%。", "城区空气质量优良天数比例为92.1%。"]
    assert view_of("\n".join(lines)).text.split("\n") == lines


def test_blank_lines_separate_paragraphs_even_without_a_full_stop() -> None:
    view = view_of("全县新建公路12公里，改建\n桥梁3座\n\n全年接待游客\n8.6万人次")
    assert view.text == "全县新建公路12公里，改建桥梁3座\n全年接待游客8.6万人次"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The county built 46 km of\nchannels in 2021.", "The county built 46 km of channels in 2021."),
        ("投资1.000万\n元", "投资1.000万元"),
        ("引进四\n川省地坪协会", "引进四川省地坪协会"),
        ("资金1.972.\n66万元", "资金1.972.66万元"),
        ("丹巴县GDP\n增长10.8%", "丹巴县GDP增长10.8%"),
        ("well-\nknown", "well-known"),
    ],
    ids=["latin-words", "figure-and-unit", "place-name", "figure-split", "latin-then-han", "hyphen"],
)
def test_joining_wrapped_lines(text: str, expected: str) -> None:
    view = view_of(text)
    assert view.text == expected
    for v, ch in enumerate(view.text):
        if not view.map.is_literal(Span(v, v + 1)):
            assert ch == " "


def test_headings_in_single_column_text() -> None:
    text = "\n".join(["一、综合", "　　" + PA, "", "交通运输", "", "　　" + PB])
    view = view_of(text)
    assert [(b.kind, view.text[b.view.start:b.view.end]) for b in view.blocks] == [
        (BlockKind.HEADING, "一、综合"),
        (BlockKind.PARAGRAPH, PA),
        (BlockKind.HEADING, "交通运输"),
        (BlockKind.PARAGRAPH, PB),
    ]


def test_sentence_running_on_to_the_next_page_is_joined() -> None:
    page1 = "\n".join(wrap("全年新增城镇就业5.400人，城镇登记失业率控制在3.2%以内。年末公路通车里程2846公里，比上年末增加", 30))
    page2 = "126公里。\n\n　　全年城乡居民储蓄存款余额215.3亿元。"
    text = f"P. 12\n\n{page1}\n\n12\n\fP. 13\n\n{page2}\n\n13\n"
    view = view_of(text)
    assert view.text.split("\n") == [
        "全年新增城镇就业5.400人，城镇登记失业率控制在3.2%以内。年末公路通车里程2846公里，比上年末增加126公里。",
        "全年城乡居民储蓄存款余额215.3亿元。",
    ]
    assert [b.page for b in view.blocks if b.view is None] == [1, 1, 2, 2]


@pytest.mark.parametrize(
    "line, kind",
    [
        ("Page 124 - 成华年鉴2021", BlockKind.RUNNING_HEAD),
        ("P. 124", BlockKind.RUNNING_HEAD),
        ("第 37 页", BlockKind.PAGE_NUMBER),
        ("— 58 —", BlockKind.PAGE_NUMBER),
        ("6", BlockKind.PAGE_NUMBER),
        ("119   120   121   122", BlockKind.NAVIGATION),
        ("特载  ┃ SPECIAL RECORDS ┃", BlockKind.RUNNING_HEAD),
    ],
)
def test_furniture_at_the_top_of_a_page(line: str, kind: BlockKind) -> None:
    view = view_of(f"{line}\n\n{PA}\n{PB}\n{PC}\n")
    assert view.blocks[0].kind is kind and view.blocks[0].view is None
    assert view.text.split("\n") == [PA, PB, PC]


@pytest.mark.parametrize("row", ["²121   ¹22   123", "①   ②   ③", "１１９   １２０   １２１"])
def test_rows_of_digit_like_tokens_at_a_page_edge(row: str) -> None:
    """Superscript and circled digits are digits to `isdigit` but not numbers: such a row is no
    navigation row (and once crashed the layout); full-width page numbers still are."""
    view = view_of(f"{row}\n\n{PA}\n{PB}\n{PC}\n")
    navigation = view.blocks[0].kind is BlockKind.NAVIGATION
    assert navigation == row.startswith("１")
    assert PA in view.text


def test_stray_control_characters_never_make_lines() -> None:
    view = view_of("增长\x0b至\u2028零\r结束。\x85好")
    assert "\n" not in view.text and view.text.replace(" ", "") == "增长至零结束。好"


# --- Markdown -----------------------------------------------------------------------------

MD = """# 一、经济运行

全镇地区生产总值**32.6亿元**，
增长7.4%，详见 `sheet_2021_v3` 和 https://example.org/2020/12.3.html 说明。
<!-- 2020年为12.3亿元，待核 -->

```
total = 4.1 + 13.8  # 17.9
```

    indented = 26 + 99

- 新增就业2.000人。
- 发放救助资金1.972.66万元，
  惠及3.420人次。
1. 新建幼儿园3所。
"""


def test_markdown_reading_view() -> None:
    view = view_of(MD, fmt="markdown")
    assert view.text.split("\n") == [
        "一、经济运行",
        "全镇地区生产总值32.6亿元，增长7.4%，详见   和   说明。",
        "新增就业2.000人。",
        "发放救助资金1.972.66万元，惠及3.420人次。",
        "新建幼儿园3所。",
    ]
    kinds = [b.kind for b in view.blocks]
    assert kinds[0] is BlockKind.HEADING and kinds.count(BlockKind.CODE) == 3
    for digits in ("2021", "2020", "12.3", "4.1", "26"):
        assert digits not in view.text


def test_markdown_positions_point_into_the_file() -> None:
    view = view_of(MD, fmt="markdown")
    at = view.text.index("1.972.66")
    src = view.map.to_source(Span(at, at + 8))
    assert MD[src.start:src.end] == "1.972.66"


# --- speed --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    ["成华区投资1.000万元，" * 100_000, "\n".join("字" for _ in range(100_000))],
    ids=["1MB-single-line", "100k-one-char-lines"],
)
def test_pathological_layout_inputs_finish(text: str) -> None:
    """Completes and keeps every character (speed itself is measured by bench/run.py)."""
    view = view_of(text)
    assert view.text.replace("\n", "") == text.replace("\n", "")


def test_word_paragraphs_are_never_joined() -> None:
    """A .docx is read one Word paragraph per line: each line stays its own block."""
    from factlint.source import SourceDocument

    doc = SourceDocument("draft.docx", "一、总体情况\n全县共有学校\n12所。\n表格单元格", format="docx")
    assert build_view(doc).text.split("\n") == ["一、总体情况", "全县共有学校", "12所。", "表格单元格"]


@pytest.mark.parametrize("size", [40, _FEW_CHARS + 10])
@pytest.mark.parametrize("pool", ["全县贫困群众脱贫。，（）、２０ ab1.%‰─①Ωé가\u3000",  # common: fast on long texts
                                  "全县ｶﾞ\u303f\u4dc0ｱ\U00020000\u2e80、2"])  # rare: measured char by char
def test_cells_widths_whatever_the_text(size, pool):
    """Display widths do not depend on which way `Cells` measures a text (short, long, common, rare)."""
    rng = random.Random(size)
    text = "".join(rng.choice(pool) for _ in range(size))
    starts = sorted(rng.randrange(size) for _ in range(50))
    ends = [min(size, s + rng.randrange(30)) for s in starts]
    assert Cells(text).widths(starts, ends) == [display_width(text[a:b]) for a, b in zip(starts, ends)]


def test_display_width_counts_east_asian_wide_characters_as_two_cells() -> None:
    """The regex fast path of display_width only ever counts W/F characters as wide."""
    import re
    import unicodedata

    from factlint.lines import _KNOWN_WIDE, display_width

    wide = re.compile(_KNOWN_WIDE)
    codes = [*range(0x2F00, 0x10000), *range(0x20000, 0x40000, 97)]
    chars = [chr(c) for c in codes if not 0xD800 <= c <= 0xDFFF]
    assert all(unicodedata.east_asian_width(ch) in "WF" for ch in chars if wide.fullmatch(ch))
    for start in range(0, len(chars), 1000):
        sample = "".join(chars[start:start + 40]) + "ab 1,2“”—·é" + "".join(chars[start + 500:start + 530])
        assert display_width(sample) == sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in sample)
