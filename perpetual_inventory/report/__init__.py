from . import stock_cogs_report
from . import product_label_report
from . import product_template_label_report
from . import location_label_report
