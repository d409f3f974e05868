from . import res_company
from . import res_config_settings
from . import stock_kpi_snapshot
from . import stock_kpi_shrinkage
