"""Brinkmanship: a turn-based strategy game of military operations and diplomacy."""

__version__ = "0.1.0"
