from . import stock_abc_class
from . import stock_abc_history
from . import res_company
from . import product_product
from . import product_template
from . import stock_count_line
