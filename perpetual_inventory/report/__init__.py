from . import stock_cogs_report
