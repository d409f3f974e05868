"""Checks shared by the company settings, the ABC classes and the suggestion wizard."""

from statistics import NormalDist

from odoo import _
from odoo.exceptions import ValidationError

SERVICE_LEVEL_MIN = 50.0
SERVICE_LEVEL_MAX = 99.9


def check_service_level(level):
    if not SERVICE_LEVEL_MIN <= level <= SERVICE_LEVEL_MAX:
        raise ValidationError(
            _(
                "A service level lies between %(low)s %% and %(high)s %%, not %(level)s %%.",
                low=SERVICE_LEVEL_MIN,
                high=SERVICE_LEVEL_MAX,
                level=level,
            )
        )


def check_lead_time(days):
    if days < 0:
        raise ValidationError(
            _("A lead time or review period cannot be negative (%(days)s days).", days=days)
        )


def service_factor(level):
    """z: how many standard deviations of demand the safety stock covers for ``level`` %."""
    check_service_level(level)
    return NormalDist().inv_cdf(level / 100.0)
