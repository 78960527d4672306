"""Debrief reports: one self-contained HTML file per game, comparisons of a
class's games, and per-turn values as CSV or JSON."""
