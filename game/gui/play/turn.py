"""The turn resolving in a worker thread: the other actors decide inside
:meth:`Game.end_turn`, which may take a moment, while the window keeps drawing."""

from __future__ import annotations

import threading
import time

import pygame

from game.session.game import Game, TurnRecord


class TurnWorker:
    """One turn at a time, resolved in a thread; the main thread polls it."""

    def __init__(self, game: Game) -> None:
        self.game = game
        self.thread: threading.Thread | None = None
        self.result: TurnRecord | None = None
        self.error: BaseException | None = None
        self.started = 0.0
        """When the turn began resolving (``time.perf_counter``), for the spinner."""

    @property
    def running(self) -> bool:
        """True from :meth:`start` until :meth:`finish` has collected the result."""
        return self.thread is not None

    def start(self) -> None:
        self.result = None
        self.error = None
        self.started = time.perf_counter()
        self.thread = threading.Thread(target=self._work, name="brinkmanship-turn", daemon=True)
        self.thread.start()

    def done(self) -> bool:
        """Whether a turn has resolved and waits for :meth:`finish`."""
        return self.thread is not None and not self.thread.is_alive()

    def finish(self) -> TurnRecord | None:
        """The resolved turn's record (a failure in the thread is raised here, in the main thread)."""
        if self.thread is not None:
            self.thread.join()
        self.thread = None
        if self.error is not None:
            err, self.error = self.error, None
            raise err
        return self.result

    def join(self) -> None:
        if self.thread is not None:
            self.thread.join()

    def _work(self) -> None:
        try:
            self.result = self.game.end_turn()
        except BaseException as exc:  # noqa: BLE001 - the worker thread hands any failure to the main thread, which reports it
            self.error = exc
        pygame.event.post(pygame.event.Event(pygame.USEREVENT, {"brinkmanship": "turn-done"}))
