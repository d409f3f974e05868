from . import stock_valuation_conversion
from . import stock_valuation_conversion_line
from . import stock_count_baseline_wizard
from . import stock_count_baseline_wizard_zone
from . import stock_return_picking
from . import product_barcode_generator
from . import stock_variance_bulk_approval
from . import stock_picking_scan_override
