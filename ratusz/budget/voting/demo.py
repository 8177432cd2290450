"""Demo of a finished edition with results (`manage.py demo`)."""


def load(stdout=None):
    """Load this app's demo content idempotently."""
