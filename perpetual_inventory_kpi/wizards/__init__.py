from . import stock_kpi_backfill
