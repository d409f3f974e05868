"""RFID tags as a handheld reader in keyboard-wedge mode types them: EPCs in hexadecimal,
one or a burst of many. Decoded with epcpy (GS1 EPC Tag Data Standard), free of the
database: SGTIN-96 and SGTIN-198 are products (GTIN-14 + serial), SSCC-96 packages,
any other scheme is listed as not a product tag.
"""

import re
from collections import namedtuple

from epcpy import ConvertException, hex_to_tag_encodable
from epcpy.epc_schemes.sgtin import SGTIN, SGTINFilterValue
from epcpy.epc_schemes.sscc import SSCC

# kind: "product" (SGTIN), "package" (SSCC), "other" (a scheme that is not a product's),
# "invalid" (not an EPC); ``problem`` says why, for "other" and "invalid".
Tag = namedtuple("Tag", "epc kind gtin serial sscc problem")

HEX_DIGITS = re.compile(r"[0-9A-F]+")
SEPARATORS = re.compile(r"[\s,;]+")
# EPC banks hold 96 bits and more, in 16-bit words.
SHORTEST_EPC = 24
# Many more tags than a pallet or a shelf holds in one read is not a read: a reader left
# on, or text pasted by mistake.
MAX_TAGS_PER_READ = 5000
# SGTIN-96 serials are whole numbers of 38 bits.
MAX_SGTIN96_SERIAL = 2**38 - 1


class ReadError(ValueError):
    """A read that is not a list of EPCs (too many, or empty)."""


def split_read(text):
    """The EPCs of a read, in the order read, each once, upper case: the reader repeats
    a tag many times a second, separated by line breaks (or spaces, commas)."""
    if not isinstance(text, str):
        raise ReadError("not text")
    epcs = list(dict.fromkeys(token.upper() for token in SEPARATORS.split(text) if token))
    if not epcs:
        raise ReadError("empty")
    if len(epcs) > MAX_TAGS_PER_READ:
        raise ReadError("too many")
    return epcs


def decode(epc):
    """The Tag an EPC in hexadecimal (upper case) stands for."""
    if not HEX_DIGITS.fullmatch(epc):
        return Tag(epc, "invalid", None, None, None, "not hexadecimal")
    if len(epc) < SHORTEST_EPC or len(epc) % 4:
        return Tag(epc, "invalid", None, None, None, "wrong length")
    try:
        tag = hex_to_tag_encodable(epc)
    except (ConvertException, ValueError) as error:
        # epcpy says "Unknown header" for a scheme it does not know; a bad partition (how
        # the company prefix and the item reference share the bits) is a malformed EPC.
        problem = "unknown header" if str(error).lower().startswith("unknown header") else "malformed"
        return Tag(epc, "invalid", None, None, None, problem)
    if isinstance(tag, SGTIN):
        serial = tag.gs1_element_string().split("(21)", 1)[1]
        return Tag(epc, "product", tag.gtin(), serial, None, None)
    if isinstance(tag, SSCC):
        return Tag(epc, "package", None, None, tag.gs1_key(), None)
    return Tag(epc, "other", None, None, None, type(tag).__name__)


def gtin14(barcode):
    """A product barcode (EAN-8, UPC-A, EAN-13, GTIN-14) as a GTIN-14, or None."""
    if not barcode or not barcode.isdigit() or len(barcode) not in (8, 12, 13, 14):
        return None
    return barcode.zfill(14)


def sgtin96(gtin, serial, company_prefix, filter_value=SGTINFilterValue.POS_ITEM):
    """The SGTIN-96 EPC (hexadecimal) a printer encodes for a product of GTIN ``gtin`` and
    the numeric ``serial``, the GTIN being of the GS1 company prefix ``company_prefix``.
    A ValueError says which part does not fit."""
    gtin = gtin14(gtin)
    if not gtin:
        raise ValueError("gtin")
    if not (company_prefix and company_prefix.isdigit() and 6 <= len(company_prefix) <= 12):
        raise ValueError("company prefix")
    if not gtin[1:].startswith(company_prefix):
        raise ValueError("gtin of another company prefix")
    if not 0 <= int(serial) <= MAX_SGTIN96_SERIAL:
        raise ValueError("serial")
    sgtin = SGTIN.from_gtin_plus_serial(gtin, str(int(serial)), len(company_prefix))
    return sgtin.hex(binary_coding_scheme=SGTIN.BinaryCodingScheme.SGTIN_96, filter_value=filter_value)
