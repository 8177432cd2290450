"""The portal shell's pages for the search index (see ``ratusz.core.discovery``)."""

VIEWS = ["core:accessibility"]
