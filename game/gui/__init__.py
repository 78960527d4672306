"""The game window: pygame-ce with pygame_gui widgets.

Only this package imports pygame. :func:`game.gui.app.run_gui` opens it.
"""

import os

# pygame prints a banner when imported; the game's own output is enough.
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
