"""Voting models of the participatory budget."""
