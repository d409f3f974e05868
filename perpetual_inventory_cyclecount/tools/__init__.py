from . import planning
