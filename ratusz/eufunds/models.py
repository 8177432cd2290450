"""Models of the eufunds app."""
