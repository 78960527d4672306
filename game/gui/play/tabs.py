"""The right-hand panel of the game screen: a row of tabs (orders, region,
actor, talks, council) over the chosen tab's contents."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame
import pygame_gui

from game.gui.play.info import InfoTabs
from game.gui.play.orders import OrdersTab
from game.gui.play.panel import Panel
from game.gui.screen import oid

if TYPE_CHECKING:
    from game.gui.play.screen import PlayScreen

TABS = ("orders", "region", "actor", "talks", "council")
TAB_NAMES = {"orders": "Orders", "region": "Region", "actor": "Actor", "talks": "Talks", "council": "Council"}


class TabPanel(Panel):
    def __init__(self, play: "PlayScreen") -> None:
        super().__init__(play)
        self.rect = pygame.Rect(0, 0, 0, 0)
        self.tab_buttons: dict[str, pygame_gui.elements.UIButton] = {}
        self.content: pygame_gui.elements.UIPanel | None = None
        self.orders = OrdersTab(play)
        """The orders and council tabs' widgets."""
        self.info = InfoTabs(play)
        """The region, actor and talks tabs' widgets."""

    def build(self, rect: pygame.Rect) -> None:
        """The tab row and the current tab, in ``rect``."""
        s = self.s
        self.rect = rect
        self.tab_buttons = {}
        tw = (rect.width - s(8)) // len(TABS)
        for k, tab in enumerate(TABS):
            self.tab_buttons[tab] = self.button(
                (rect.x + s(4) + k * tw, rect.y + s(4), tw - s(2), s(34)),
                f"{TAB_NAMES[tab]}",
                lambda tab=tab: self.play.set_tab(tab),
                cls="tab_active" if tab == self.play.tab else "tab",
                tip=f"Key {k + 1}",
            )
        self.content = None
        self.show()

    def content_rect(self) -> pygame.Rect:
        s = self.s
        p = self.rect
        return pygame.Rect(p.x + s(4), p.y + s(42), p.width - s(8), p.height - s(46))

    def show(self) -> None:
        """Build the current tab's contents anew."""
        if self.content is not None:
            self.content.kill()
        rect = self.content_rect()
        self.content = pygame_gui.elements.UIPanel(rect, starting_height=1, manager=self.manager)
        self.orders.clear()
        build = {
            "orders": self.orders.build_orders,
            "region": self.info.build_region,
            "actor": self.info.build_actor,
            "talks": self.info.build_talks,
            "council": self.orders.build_council,
        }[self.play.tab]
        build(self.content, rect.width - self.s(4), rect.height - self.s(4))

    def highlight(self) -> None:
        """Mark the current tab's button."""
        for name, b in self.tab_buttons.items():
            b.change_object_id(oid("tab_active" if name == self.play.tab else "tab"))

    def handle(self, event: pygame.event.Event) -> bool:
        """Choices in the tab's list and drop-downs; True if the event was theirs."""
        return self.orders.handle(event) or self.info.handle(event)
