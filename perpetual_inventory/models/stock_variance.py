# Placeholder: the variance log is being written.
