"""Line and column of a source offset: lines end at "\n" only (CRLF keeps its CR on the line)."""

from factlint.source import Position, SourceDocument


def test_line_starts_follow_newlines_only():
    doc = SourceDocument("a.txt", "一\r\n二\r三\n\n四")
    assert doc.line_starts == [0, 3, 7, 8]
    assert [doc.line_text(n) for n in (1, 2, 3, 4)] == ["一", "二\r三", "", "四"]
    assert doc.position(4) == Position(2, 2)


def test_empty_text_and_final_newline():
    assert SourceDocument("a.txt", "").line_starts == [0]
    doc = SourceDocument("a.txt", "甲\n")
    assert doc.line_starts == [0, 2]
    assert doc.position(2) == Position(2, 1)
