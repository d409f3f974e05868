"""A4 sheets of 3 x 8 labels of 70 x 37 mm, drawn with reportlab at true size.

The sheet is laid out in millimetres and every bar is a vector rectangle a whole number
of modules wide, so what prints does not depend on how an HTML-to-PDF converter scales
the page. Coordinates are PDF points (reportlab's ``mm`` converts), y growing upwards.
"""

import io
from collections import namedtuple

from reportlab.graphics import renderPDF
from reportlab.graphics.barcode.code128 import Code128
from reportlab.graphics.barcode.eanbc import Ean13BarcodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib.attrmap import AttrMap, AttrMapValue
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.lib.validators import isInt
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from odoo.tools.misc import file_path

PAGE_WIDTH, PAGE_HEIGHT = A4
COLUMNS = 3
ROWS = 8
LABEL_WIDTH = 70 * mm
LABEL_HEIGHT = 37 * mm
# Eight rows of 37 mm leave 1 mm of the A4 height: half of it goes above the first row.
SHEET_TOP = 0.5 * mm
PADDING_SIDE = 3 * mm
PADDING_TOP = 2.5 * mm
INNER_WIDTH = LABEL_WIDTH - 2 * PADDING_SIDE

EAN13_MODULE = 0.33 * mm  # GS1 nominal module: 100 % magnification
EAN13_QUIET_LEFT = 11  # modules
EAN13_QUIET_RIGHT = 7
CODE128_MODULE = 0.254 * mm
CODE128_MIN_MODULE = 0.19 * mm  # a long code is narrowed to fit the label, down to this
CODE128_QUIET = 10  # modules, on each side
CODE_FONT_SIZE = 9  # pt, the digits under an EAN-13 and the code under a Code 128
EPC_FONT_SIZE = 6  # pt, the RFID tag's EPC at the foot of a product label
ELLIPSIS = "\u2026"

# Fonts shipped with Odoo's web addon, so the sheet looks the same on every server.
SANS = "PerpetualLabelSans"
SANS_BOLD = "PerpetualLabelSansBold"
MONO = "PerpetualLabelMono"
FONT_FILES = {
    SANS: "web/static/fonts/google/Open_Sans/Open_Sans-Regular.ttf",
    SANS_BOLD: "web/static/fonts/google/Open_Sans/Open_Sans-Bold.ttf",
    MONO: "web/static/fonts/google/Fira_Mono/Fira_Mono-Regular.ttf",
}

# Where things sit on a label, measured from its top edge.
LabelStyle = namedtuple("LabelStyle", "title_size title_lines info_baseline bars_top bar_height")
STYLES = {
    "product": LabelStyle(
        title_size=10, title_lines=2, info_baseline=14 * mm, bars_top=15.6 * mm, bar_height=13 * mm
    ),
    "location": LabelStyle(
        title_size=12, title_lines=2, info_baseline=None, bars_top=14.2 * mm, bar_height=15 * mm
    ),
}


def register_fonts():
    registered = pdfmetrics.getRegisteredFontNames()
    for name, path in FONT_FILES.items():
        if name not in registered:
            pdfmetrics.registerFont(TTFont(name, file_path(path)))


def fits(text, font, size, width):
    return pdfmetrics.stringWidth(text, font, size) <= width


def truncate(text, font, size, width):
    """``text``, cut and ended with an ellipsis when it is wider than ``width``."""
    if fits(text, font, size, width):
        return text
    while text and not fits(text + ELLIPSIS, font, size, width):
        text = text[:-1]
    return text.rstrip() + ELLIPSIS


def wrap(text, font, size, width, max_lines):
    """``text`` broken between words into at most ``max_lines`` lines of ``width``;
    what does not fit is cut and ends in an ellipsis."""
    words = text.split()
    lines = []
    while words and len(lines) < max_lines:
        line = words.pop(0)
        while words and fits(f"{line} {words[0]}", font, size, width):
            line = f"{line} {words.pop(0)}"
        lines.append(line)
    if words:
        lines[-1] = " ".join([lines[-1], *words])
    return [truncate(line, font, size, width) for line in lines]


class Ean13(Ean13BarcodeWidget):
    """reportlab's EAN-13, with its quiet zones given in modules (GS1: 11 left, 7 right)
    rather than rounded from a length."""

    _attrMap = AttrMap(BASE=Ean13BarcodeWidget, lquiet=AttrMapValue(isInt), rquiet=AttrMapValue(isInt))

    def _calc_quiet(self, v):
        return v


def code128_module(code):
    """The module width that fits ``code`` in Code 128 across the label, quiet zones
    included, or None when even the narrowest allowed module does not fit it."""
    modules = Code128(code, barWidth=1, quiet=0).width + 2 * CODE128_QUIET
    module = min(CODE128_MODULE, INNER_WIDTH / modules)
    return module if module >= CODE128_MIN_MODULE else None


class LabelSheet:
    """A PDF of label pages. ``add_page`` takes rows of labels, each label a dict:
    ``style`` (a key of STYLES), ``title``, ``reference`` and ``price`` (product labels),
    ``code`` and ``symbology`` ("ean13", "code128", or False when the code cannot be drawn),
    ``epc`` (product labels: the RFID tag's EPC, or empty)."""

    def __init__(self, title, not_printable_text):
        register_fonts()
        self.not_printable_text = not_printable_text
        self.buffer = io.BytesIO()
        self.canvas = Canvas(self.buffer, pagesize=A4, pageCompression=1)
        self.canvas.setTitle(title)
        self.canvas.setCreator("Perpetual Inventory")

    def add_page(self, rows):
        for row_index, row in enumerate(rows):
            top = PAGE_HEIGHT - SHEET_TOP - row_index * LABEL_HEIGHT
            for column_index, label in enumerate(row):
                self._draw_label(column_index * LABEL_WIDTH, top, label)
        self.canvas.showPage()

    def pdf(self):
        self.canvas.save()
        return self.buffer.getvalue()

    def _draw_label(self, left, top, label):
        style = STYLES[label["style"]]
        canvas = self.canvas
        center = left + LABEL_WIDTH / 2
        size = style.title_size
        canvas.setFont(SANS_BOLD, size)
        lines = wrap(label["title"], SANS_BOLD, size, INNER_WIDTH, style.title_lines)
        for index, line in enumerate(lines):
            canvas.drawCentredString(center, top - PADDING_TOP - size * (1 + 1.2 * index), line)
        if style.info_baseline:
            self._draw_info(left, top - style.info_baseline, label)
        bars_bottom = top - style.bars_top - style.bar_height
        drawn = False
        if label["symbology"] == "ean13":
            drawn = self._draw_ean13(center, bars_bottom, style.bar_height, label["code"])
        elif label["symbology"] == "code128":
            drawn = self._draw_code128(center, bars_bottom, style.bar_height, label["code"])
        if not drawn:
            self._draw_not_printable(left, bars_bottom, style.bar_height)
        if not drawn or label["symbology"] != "ean13":  # the EAN-13 draws its own digits
            canvas.setFont(MONO, CODE_FONT_SIZE)
            code = truncate(label["code"], MONO, CODE_FONT_SIZE, INNER_WIDTH)
            canvas.drawCentredString(center, bars_bottom - 0.6 * mm - CODE_FONT_SIZE, code)
        if label.get("epc"):
            canvas.setFont(MONO, EPC_FONT_SIZE)
            canvas.drawCentredString(center, top - LABEL_HEIGHT + 1.5 * mm, f"EPC {label['epc']}")

    def _draw_info(self, left, baseline, label):
        """Internal reference on the left, price in bold on the right."""
        canvas = self.canvas
        price = label["price"]
        canvas.setFont(SANS_BOLD, 8)
        canvas.drawRightString(left + LABEL_WIDTH - PADDING_SIDE, baseline, price)
        room = INNER_WIDTH - pdfmetrics.stringWidth(price, SANS_BOLD, 8) - 2 * mm
        canvas.setFont(SANS, 8)
        canvas.drawString(left + PADDING_SIDE, baseline, truncate(label["reference"], SANS, 8, room))

    def _draw_ean13(self, center, bars_bottom, bar_height, code):
        # The digits sit in a band under the bars, between the longer guard bars.
        digits_band = 1.2 * CODE_FONT_SIZE
        symbol = Ean13(
            code[:12],
            barWidth=EAN13_MODULE,
            barHeight=bar_height + digits_band,
            lquiet=EAN13_QUIET_LEFT,
            rquiet=EAN13_QUIET_RIGHT,
            fontName=MONO,
            fontSize=CODE_FONT_SIZE,
        )
        drawing = Drawing(symbol.width, symbol.barHeight)
        drawing.add(symbol)
        renderPDF.draw(drawing, self.canvas, center - symbol.width / 2, bars_bottom - digits_band)
        return True

    def _draw_code128(self, center, bars_bottom, bar_height, code):
        module = code128_module(code)
        if not module:
            return False
        quiet = CODE128_QUIET * module
        symbol = Code128(code, barWidth=module, barHeight=bar_height, lquiet=quiet, rquiet=quiet)
        symbol.drawOn(self.canvas, center - symbol.width / 2, bars_bottom)
        return True

    def _draw_not_printable(self, left, bars_bottom, bar_height):
        canvas = self.canvas
        canvas.saveState()
        canvas.setLineWidth(0.5 * mm)
        canvas.setDash(1.5 * mm, 1 * mm)
        height = bar_height - 2 * mm
        canvas.rect(left + 4 * mm, bars_bottom, LABEL_WIDTH - 8 * mm, height, stroke=1, fill=0)
        canvas.setFont(SANS_BOLD, 10)
        text = truncate(self.not_printable_text.upper(), SANS_BOLD, 10, LABEL_WIDTH - 10 * mm)
        canvas.drawCentredString(left + LABEL_WIDTH / 2, bars_bottom + height / 2 - 3.5, text)
        canvas.restoreState()
