"""The game window: pygame-ce with pygame_gui widgets.

Only this package imports pygame. :func:`game.gui.app.run_gui` opens it.
"""
