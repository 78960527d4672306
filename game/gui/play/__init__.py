"""The game screen: the map, the dashboard, orders, news and "why".

Layout (it scales with the window and the UI-scale setting): a top bar with
the date, the player's headline values (click one: why it changed) and the
end-turn button (:mod:`.topbar`); the map in the middle; a right panel with
tabs (:mod:`.tabs`: orders and the Security Council in :mod:`.orders`, the
selected region, the selected actor and the talks in :mod:`.info`); the news
of the turn below the map (:mod:`.news`). Windows open over it
(:mod:`.overlays`): the causal ledger ("why"), the turn report, the charts,
the briefing, the game menu; their texts are built in :mod:`.html`.

:class:`~game.gui.play.screen.PlayScreen` owns the state (whose turn, the
selection, the open window) and composes these parts; each part keeps its
own widgets. The other actors decide inside :meth:`Game.end_turn`, which runs
in a worker thread (:mod:`.turn`) while the screen shows that they are thinking.

Hot-seat (several human roles at one computer): ending the turn seals the
role's orders and lowers a curtain (:mod:`.curtain`), a full-screen hand-over
that shows nothing of that role (no map, no orders, no values), until the
next role presses Ready. The turn resolves once every human role has ended;
the curtain then shows what everyone may know (the orders carried out and the
news), and each role reads its own report after its own hand-over.
"""
