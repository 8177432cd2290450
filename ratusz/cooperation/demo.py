"""Demo content for Mysłowice (`manage.py demo`)."""


def load(stdout=None):
    """Load this app's demo content idempotently."""
