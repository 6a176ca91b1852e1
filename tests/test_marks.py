"""Footnote marks (answer_parser.marks): raised small digits kept apart from the word they follow."""

from __future__ import annotations

import io
from typing import Any

import pdfplumber
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from answer_parser.pdf.marks import drop_marks, lift_marks, plain_marks, split_marks


def char(
    text: str, x0: float, size: float = 10.0, bottom: float = 100.0, width: float = 5.0
) -> dict[str, Any]:
    return {
        "text": text,
        "x0": x0,
        "x1": x0 + width * size / 10,
        "top": bottom - size,
        "bottom": bottom,
        "size": size,
    }


def word_chars(text: str, x0: float = 50.0) -> list[dict[str, Any]]:
    return [char(c, x0 + 5 * i) for i, c in enumerate(text)]


def test_a_raised_smaller_digit_after_a_number_is_a_mark_with_the_numbers_box() -> None:
    chars = word_chars("2022")
    chars.append(char("4", 70.0, size=6.0, bottom=96.0, width=5.0))  # 60 %, raised 40 %
    lifted = lift_marks(chars)
    assert "".join(c["text"] for c in lifted) == "2022⁴"
    assert lifted[-1]["bottom"] == 100.0 and lifted[-1]["size"] == 10.0


def test_a_mark_of_two_digits_after_a_full_stop() -> None:
    chars = word_chars("2018.")
    chars += [char("1", 75.0, 6.0, 96.0, 5.0), char("2", 78.0, 6.0, 96.0, 5.0)]
    assert "".join(c["text"] for c in lift_marks(chars)) == "2018.¹²"


def test_digits_of_the_same_size_or_on_the_baseline_stay_text() -> None:
    same_size_raised = [*word_chars("CO"), char("2", 60.0, 10.0, 96.0)]
    smaller_on_baseline = [*word_chars("2022"), char("4", 70.0, 6.0, 100.0)]
    lowered = [*word_chars("CO"), char("2", 60.0, 6.0, 102.0)]  # a subscript
    after_space = [*word_chars("zie"), char(" ", 65.0), char("3", 70.0, 6.0, 96.0)]
    for chars in (same_size_raised, smaller_on_baseline, lowered, after_space):
        assert lift_marks(chars) == chars


def test_a_small_digit_far_to_the_right_is_no_mark() -> None:
    chars = [*word_chars("2022"), char("4", 90.0, 6.0, 96.0)]
    assert lift_marks(chars) == chars


def test_split_drop_and_plain() -> None:
    assert split_marks("2.954⁵") == ("2.954", ("5",))
    assert split_marks("2025⁵⁵") == ("2025", ("55",))
    assert split_marks("1.234") == ("1.234", ())
    assert split_marks("12 m²") == ("12 m²", ()) and split_marks("1 m²³") == ("1 m²³", ())
    assert drop_marks("uit 2022⁴ en NIS2³", {4}) == "uit 2022 en NIS2³"
    assert plain_marks("uit 2022⁴") == "uit 20224"


def _pdf_with_superscript() -> bytes:
    """'uit 2022' with a footnote mark '4' drawn 3.5 pt higher in 6 pt type right after it."""
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, invariant=1)
    text = c.beginText(72, 700)
    text.setFont("Times-Roman", 10)
    text.textOut("De signaalrapportage uit 2022")
    text.setFont("Times-Roman", 6)
    text.setRise(3.5)
    text.textOut("4")
    text.setRise(0)
    text.setFont("Times-Roman", 10)
    text.textOut(" waaruit blijkt")
    c.drawText(text)
    c.showPage()
    c.save()
    return buf.getvalue()


def test_on_a_drawn_page_the_mark_is_lifted_and_the_line_keeps_its_baseline() -> None:
    with pdfplumber.open(io.BytesIO(_pdf_with_superscript())) as pdf:
        chars = pdf.pages[0].chars
    lifted = lift_marks(chars)
    text = "".join(c["text"] for c in lifted)
    assert "uit 2022⁴ waaruit" in text
    assert len({round(c["bottom"], 1) for c in lifted}) == 1
