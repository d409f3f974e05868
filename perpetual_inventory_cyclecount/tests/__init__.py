from . import test_install
from . import test_abc_class
from . import test_classification
from . import test_class_tolerance
from . import test_schedule
from . import test_exception_counts
from . import test_coverage
from . import test_demo_data
