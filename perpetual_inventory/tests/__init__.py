from . import test_security_and_menus
from . import test_settings
from . import test_demo_data
from . import test_valuation_conversion
from . import test_cogs_at_delivery
from . import test_stock_gl_reconciliation
from . import test_cogs_pos
