"""The portal shell's pages for the search index (see ``ratusz.core.discovery``)."""

VIEWS = ["core:accessibility"]

# Saves of these records change what these pages show (a count, a phase, a list):
# their index entries are re-rendered soon after (ratusz.search.signals).
VIEWS_DEPEND_ON = {"core.AccessibilityStatement": ["core:accessibility"]}
