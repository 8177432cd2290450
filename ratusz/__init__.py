"""Ratusz — an open-source portal platform for Polish cities."""
