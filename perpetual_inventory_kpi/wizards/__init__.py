from . import stock_reorder_suggestion_wizard
