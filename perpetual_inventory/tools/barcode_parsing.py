"""What a scanned GS1-128 / GS1 DataMatrix code says, as plain data (no ORM).

A GS1 code is a chain of Application Identifiers (AI) and their values: fixed-length
values follow each other directly, variable-length ones end with the FNC1 separator
(ASCII 29, or ``#`` / ``Alt029`` as some keyboard-wedge scanners type it) or at the
end of the code. The human-readable form ``(01)…(10)…`` is read as well.

``parse_gs1(barcode)`` returns ``{}`` for a code that is not GS1 (or holds no GTIN);
a GS1 code whose parts are malformed (a date that does not exist, a measure that is
not a number) raises ``Gs1Error``.
"""

import calendar
import re
from datetime import date

FNC1 = "\x1d"
SEPARATORS = (FNC1, "#", "Alt029")
# Symbology identifiers some scanners and camera libraries put before the data.
SYMBOLOGY_PREFIXES = ("]C1", "]e0", "]d2", "]Q3", "]J1")

# AI -> (key, kind, length): fixed length, or the maximum length of a variable one.
FIXED_AIS = {
    "00": ("sscc", "identifier", 18),
    "01": ("gtin", "identifier", 14),
    "02": ("content_gtin", "identifier", 14),
    "11": ("production_date", "date", 6),
    "13": ("pack_date", "date", 6),
    "15": ("best_before", "date", 6),
    "16": ("sell_by", "date", 6),
    "17": ("expiry", "date", 6),
    "410": ("ship_to", "identifier", 13),
    "414": ("location_gln", "identifier", 13),
}
VARIABLE_AIS = {
    "10": ("lot", "text", 20),
    "21": ("serial", "text", 20),
    "22": ("variant", "text", 20),
    "30": ("quantity", "count", 8),
    "37": ("quantity", "count", 8),
    "240": ("additional_id", "text", 30),
    "241": ("customer_part", "text", 30),
    "250": ("secondary_serial", "text", 30),
    "400": ("order_number", "text", 30),
    **{f"9{digit}": ("internal", "text", 90) for digit in "123456789"},
}
# Variable measure trade items: net weight (kg), length (m), volume (l)… with the
# number of decimals as the AI's last digit; read as the quantity.
MEASURE_PREFIXES = ("310", "311", "314", "315", "316", "320", "357", "360", "361")
TEXT_VALUE = re.compile(r"^[!\"%-/0-9:-?A-Z_a-z]*$")
HUMAN_READABLE = re.compile(r"\((\d{2,4})\)([^(]*)")


class Gs1Error(ValueError):
    """A GS1 code whose part ``ai`` holds ``value``, which cannot be what the AI says."""

    def __init__(self, ai, value):
        super().__init__(f"AI {ai}: {value!r}")
        self.ai = ai
        self.value = value


def gtin_check_digit(digits):
    """The GS1 check digit of ``digits`` (GTIN-8/12/13/14, SSCC, GLN without their last digit)."""
    total = sum(int(digit) * (3 if index % 2 == 0 else 1) for index, digit in enumerate(reversed(digits)))
    return str((10 - total % 10) % 10)


def is_valid_gtin(code):
    return code.isdigit() and len(code) in (8, 12, 13, 14, 18) and gtin_check_digit(code[:-1]) == code[-1]


def gtin_candidates(barcode):
    """The product barcodes a GTIN may stand for: itself, and the EAN-13 / UPC-A inside a
    GTIN-14 with indicator 0 (and the UPC-A inside an EAN-13 starting with 0)."""
    candidates = [barcode]
    if barcode and barcode.isdigit():
        if len(barcode) == 14 and barcode.startswith("0"):
            candidates.append(barcode[1:])
            barcode = barcode[1:]
        if len(barcode) == 13 and barcode.startswith("0"):
            candidates.append(barcode[1:])
    return candidates


def gs1_date(ai, value):
    """A GS1 date YYMMDD (day 00: the last day of the month), in the century GS1 says:
    within 49 years back and 50 years ahead of today."""
    if len(value) != 6 or not value.isdigit():
        raise Gs1Error(ai, value)
    today = date.today()
    year = today.year // 100 * 100 + int(value[:2])
    if year - today.year > 50:
        year -= 100
    elif today.year - year > 49:
        year += 100
    month, day = int(value[2:4]), int(value[4:])
    if not 1 <= month <= 12:
        raise Gs1Error(ai, value)
    if day == 0:
        day = calendar.monthrange(year, month)[1]
    try:
        return date(year, month, day)
    except ValueError:
        raise Gs1Error(ai, value) from None


def _strip_prefix(barcode):
    for prefix in (*SYMBOLOGY_PREFIXES, FNC1):
        if barcode.startswith(prefix):
            return barcode[len(prefix) :]
    return barcode


def _split_separator(rest):
    """(value, remainder) of a variable-length value: up to the next separator."""
    positions = [(rest.find(separator), separator) for separator in SEPARATORS]
    found = [(position, separator) for position, separator in positions if position >= 0]
    if not found:
        return rest, ""
    position, separator = min(found)
    return rest[:position], rest[position + len(separator) :]


def _skip_separator(rest):
    for separator in SEPARATORS:
        if rest.startswith(separator):
            return rest[len(separator) :]
    return rest


def _elements(barcode):
    """[(ai, value)] of a GS1 code, or None when it does not read as one."""
    if barcode.startswith("("):
        pairs = HUMAN_READABLE.findall(barcode)
        if "".join(f"({ai}){value}" for ai, value in pairs) != barcode:
            return None
        return pairs
    elements = []
    rest = barcode
    while rest:
        for length in (2, 3, 4):
            ai = rest[:length]
            if ai in FIXED_AIS:
                size = FIXED_AIS[ai][2]
                value = rest[length : length + size]
                if len(value) != size:
                    return None
                rest = _skip_separator(rest[length + size :])
                break
            if ai in VARIABLE_AIS or (length == 4 and ai[:3] in MEASURE_PREFIXES):
                if ai in VARIABLE_AIS:
                    value, rest = _split_separator(rest[length:])
                else:
                    value, rest = rest[length : length + 6], _skip_separator(rest[length + 6 :])
                break
        else:
            return None
        elements.append((ai, value))
    return elements


def _read(ai, value):
    """(key, python value) of one element."""
    if ai in FIXED_AIS:
        key, kind, size = FIXED_AIS[ai]
        if kind == "date":
            return key, gs1_date(ai, value)
        if len(value) != size or not value.isdigit() or gtin_check_digit(value[:-1]) != value[-1]:
            raise Gs1Error(ai, value)
        return key, value
    if ai in VARIABLE_AIS:
        key, kind, size = VARIABLE_AIS[ai]
        if not value or len(value) > size:
            raise Gs1Error(ai, value)
        if kind == "count":
            if not value.isdigit():
                raise Gs1Error(ai, value)
            return key, float(int(value))
        if not TEXT_VALUE.match(value):
            raise Gs1Error(ai, value)
        return key, value
    # A variable measure: six digits, the AI's last digit places the decimal point.
    decimals = int(ai[3])
    if len(value) != 6 or not value.isdigit() or decimals > 5:
        raise Gs1Error(ai, value)
    return "quantity", int(value) / 10**decimals


def parse_gs1(barcode):
    """{'gtin', 'lot', 'serial', 'expiry', 'quantity', 'sscc', ...} read from a GS1 code.

    ``{}`` when ``barcode`` is not a GS1 code holding a GTIN or an SSCC (a plain EAN,
    a location, a lot name): the caller reads it another way.
    """
    if not isinstance(barcode, str):
        return {}
    barcode = _strip_prefix(barcode.strip())
    if not barcode[:2].isdigit() and not barcode.startswith("("):
        return {}
    elements = _elements(barcode)
    if not elements or not any(ai in ("00", "01", "02") for ai, _value in elements):
        return {}
    parsed = {}
    for ai, value in elements:
        key, read = _read(ai, value)
        parsed.setdefault(key, read)
    if "gtin" not in parsed and "content_gtin" in parsed:
        parsed["gtin"] = parsed["content_gtin"]
    return parsed
