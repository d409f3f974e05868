from . import test_install
from . import test_reorder_suggestions
from . import test_reorder_alerts
from . import test_variance_review
from . import test_kpi_access
from . import test_kpi_tours
