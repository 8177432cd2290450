"""Permissions of search (see ``ratusz.core.roles``)."""

from ratusz.core.roles import crud

GRANTS = {"Moderator": crud("search", "synonymrule", actions=("add", "change", "delete", "view"))}
