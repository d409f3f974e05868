from . import test_install
from . import test_kpi_access
from . import test_kpi_dashboard
from . import test_kpi_runs
from . import test_kpi_snapshot
from . import test_kpi_demo
