from . import stock_kpi_backfill
from . import stock_reorder_suggestion_wizard
