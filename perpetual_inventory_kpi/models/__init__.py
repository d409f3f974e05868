from . import res_company
from . import res_config_settings
from . import stock_abc_class
from . import stock_variance_review
from . import stock_variance_review_line
from . import stock_variance_review_action
from . import stock_reorder_suggestion
from . import stock_warehouse_orderpoint
