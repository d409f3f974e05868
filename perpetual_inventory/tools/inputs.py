"""One guard for the numbers and dates that clients send.

Odoo converts what a client writes with ``float()``, ``int()`` and ``strptime``: text,
NaN, infinities and numbers too large for the column surface as Python or PostgreSQL
exceptions. These checks turn them into a ValidationError that names the field in the
user's terms, before anything is written.

- ``check_field_values(records, vals)``: every number and date of ``vals`` (the model's
  Integer, Float, Monetary, Date and Datetime fields), as ``create``/``write`` receive them;
  the ``perpetual.input.guard`` mixin calls it.
- ``check_number``, ``check_date``, ``check_record_id``: one argument of a method.
"""

import contextlib
import math
from datetime import date

from odoo import _, fields
from odoo.exceptions import ValidationError

# A PostgreSQL integer column (int4).
MAX_INTEGER = 2**31 - 1
# Significant digits a float keeps exactly enough to be stored and shown: the limit of
# Float fields without digits, and of Monetary fields (cents included).
FLOAT_DIGITS = 16
MONETARY_SCALE = 2
NUMBER_TYPES = ("integer", "float", "monetary")
DATE_TYPES = ("date", "datetime")


def check_number(value, label, integer=False, limit=None):
    """``value`` as an int (``integer``) or a float, refused in the user's words when it is
    not a finite number of at most ``limit`` (absolute value). False and None stay empty."""
    if value is None or value is False:
        return value
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        raise ValidationError(_("%(field)s takes a number, not “%(value)s”.", field=label, value=value))
    try:
        number = float(value)
    except ValueError:
        raise ValidationError(
            _("%(field)s takes a number, not “%(value)s”.", field=label, value=value)
        ) from None
    if not math.isfinite(number):
        raise ValidationError(_("%(field)s takes a number, not “%(value)s”.", field=label, value=value))
    if integer and not number.is_integer():
        raise ValidationError(_("%(field)s takes a whole number, not %(value)s.", field=label, value=value))
    limit = limit if limit is not None else (MAX_INTEGER if integer else 10**FLOAT_DIGITS)
    if abs(number) > limit:
        raise ValidationError(
            _(
                "%(field)s lies between -%(limit)s and %(limit)s, not %(value)s.",
                field=label,
                limit=limit,
                value=value,
            )
        )
    return int(number) if integer else number


def check_date(value, label):
    """``value`` as a date; a real calendar date written YYYY-MM-DD, or False."""
    if value is None or value is False:
        return False
    if isinstance(value, date):
        return fields.Date.to_date(value)
    if isinstance(value, str):
        with contextlib.suppress(ValueError):  # not a real date: said below
            return fields.Date.to_date(value)
    raise ValidationError(
        _("%(field)s takes a date (YYYY-MM-DD), not “%(value)s”.", field=label, value=value)
    )


def check_datetime(value, label):
    if value is None or value is False:
        return False
    if isinstance(value, date):
        return fields.Datetime.to_datetime(value)
    if isinstance(value, str):
        with contextlib.suppress(ValueError):  # not a real date and time: said below
            return fields.Datetime.to_datetime(value)
    raise ValidationError(
        _("%(field)s takes a date and time (YYYY-MM-DD HH:MM:SS), not “%(value)s”.", field=label, value=value)
    )


def check_record_id(value, label):
    """One record id (a positive integer), or False for none."""
    if value is None or value is False:
        return False
    if isinstance(value, bool) or not isinstance(value, int) or not 0 < value <= MAX_INTEGER:
        raise ValidationError(_("%(field)s takes one record, not “%(value)s”.", field=label, value=value))
    return value


def field_limit(field, env):
    """The largest absolute value ``field`` holds: its column's, or what its digits show."""
    if field.type == "integer":
        return MAX_INTEGER
    if field.type == "monetary":
        return 10 ** (FLOAT_DIGITS - MONETARY_SCALE)
    digits = field.get_digits(env)
    if digits:
        precision, scale = digits
        return 10 ** (precision - scale) - 10**-scale if scale else 10**precision - 1
    return 10**FLOAT_DIGITS


def check_field_values(records, vals):
    """Refuse the numbers and dates of ``vals`` that ``records``' fields cannot hold."""
    env = records.env
    for name, value in vals.items():
        field = records._fields.get(name)
        if field is None or field.type not in NUMBER_TYPES + DATE_TYPES:
            continue
        label = field._description_string(env)
        if field.type == "date":
            check_date(value, label)
        elif field.type == "datetime":
            check_datetime(value, label)
        else:
            check_number(value, label, integer=field.type == "integer", limit=field_limit(field, env))
