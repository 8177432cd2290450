"""Models of the ngo app."""
