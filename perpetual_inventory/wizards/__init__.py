from . import stock_valuation_conversion
from . import stock_valuation_conversion_line
