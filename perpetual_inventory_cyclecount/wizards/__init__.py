from . import stock_abc_override_wizard
from . import stock_abc_share_wizard
from . import stock_abc_share_wizard_line
