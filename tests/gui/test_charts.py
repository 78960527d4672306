"""Chart end labels shorten long names and always finish."""

from __future__ import annotations

import pygame

from game.gui.charts import end_label
from game.gui.theme import Theme


def test_end_labels_shorten_names_to_fit_and_keep_the_value():
    pygame.font.init()
    font = Theme(0.9).font("small")
    assert end_label("Iraq", 100, font, 400) == "Iraq 100"
    short = end_label("Saudi Arabia", 100, font, font.size("Saudi 100")[0])
    assert short.endswith("… 100") and font.size(short)[0] <= font.size("Saudi 100")[0]
    # Narrower than any name: the value alone (this used to loop for ever).
    assert end_label("Saudi Arabia", 100, font, 5) == "100"
