"""The classroom pages in headless Chromium (Debian's package, driven by
Playwright), by real clicks: a team page, the teacher's dashboard, the
projector view, and a whole two-team game over the network."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
from nethelpers import PASSPHRASE, host
from windowclient import Window, pygame

from game.report.data import from_save
from game.report.html import render_summary
from game.session import messages
from game.session.save import load_game

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

sync_api = pytest.importorskip("playwright.sync_api")


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.fail("Chromium is missing: apt-get install chromium (.ci/run installs it)")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


def test_a_team_plays_a_turn_from_its_page(tmp_path, browser):
    hosted = host(tmp_path)
    laptop = browser.new_context()
    page = laptop.new_page()
    try:
        page.goto(hosted.url + "/")
        page.fill("#code", "NOT-A-CODE")
        page.click("#join button")
        page.wait_for_selector("#loginerror:has-text('no team has that code')")
        page.fill("#code", hosted.code("southland").lower())
        page.click("#joinform button")
        page.wait_for_selector("#play:not(.hidden)")
        assert "Blue" in page.inner_text("#team")
        page.click("[data-slug='crisis_response harbour'] button")
        page.wait_for_selector("#queued li")
        assert hosted.game().pending[0] == [hosted.game().find_option(0, "crisis_response harbour")]
        page.click("#queued li button")
        page.wait_for_selector("#queued p:has-text('No orders queued')")
        assert hosted.game().pending[0] == []
        page.click("[data-slug='humanitarian harbour'] button")
        page.select_option("#to", "northland")
        page.fill("#text", "A private word for Northland")
        page.click("#say button")
        page.wait_for_selector(".msg.private")
        page.click("#values a:has-text('Leverage')")
        page.wait_for_selector("#why strong:has-text('Why leverage of Southland')")
        page.click("#end")
        page.wait_for_selector("#end:has-text('orders sealed')")
        assert hosted.game().sealed == {0}
        assert page.is_disabled("[data-slug='summit un'] button")
        assert messages.visible_to(hosted.game(), 1)[0]["text"] == "A private word for Northland"
        # The tab is closed; a new one on the same laptop finds the code filled in and goes on.
        again = laptop.new_page()
        page.close()
        again.goto(hosted.url + "/")
        assert again.input_value("#code") == hosted.code("southland").lower()
        again.click("#join button")
        again.wait_for_selector("#end:has-text('orders sealed')")
    finally:
        laptop.close()
        hosted.stop()


def red_plays(page, turn: int) -> None:
    """Red queues the first order it may give and ends the turn, by clicks."""
    page.wait_for_selector(f"#turn:has-text('Turn {turn} of')")
    page.wait_for_selector("#end:not([disabled])")
    page.click(".option button:not([disabled]) >> nth=0")
    page.wait_for_selector("#queued li")
    page.click("#end")
    # Red ends last: the turn resolves at once (the next turn, or the end of the game).
    page.wait_for_function(
        f"""() => !document.querySelector('#turn').textContent.startsWith('Turn {turn} of')
            || document.querySelector('#state').textContent.includes('over')"""
    )


def blue_plays(blue: Window, turn: int, why: str) -> None:
    """Blue chooses its first order with the arrow key, queues it with Space and ends the turn with Enter,
    answering "Why did you choose this?" in the window."""
    blue.pump(lambda: blue.screen.seat["turn"] == turn and blue.screen.can_act())
    blue.click("Orders")
    blue.press(pygame.K_DOWN)
    chosen = blue.screen.chosen()
    assert chosen is not None and chosen["label"] in blue.texts()  # its cost and predicted effect show
    if chosen["legal"]:
        blue.press(pygame.K_SPACE)
        blue.pump(lambda: [q["label"] for q in blue.screen.seat["queued"]] == [chosen["label"]])
        assert f"1. {chosen['label']}" in blue.texts()
    blue.press(pygame.K_RETURN)
    blue.pump(lambda: blue.screen.reflect_entry is not None)
    blue.type(why)
    blue.press(pygame.K_RETURN)
    blue.pump(lambda: blue.screen.seat["ended"] or blue.screen.seat["turn"] != turn)


def test_a_whole_two_team_game_over_the_network(tmp_path, browser):
    """Blue plays in the game's window (the network client of 'brinkmanship join'), Red in the browser; the
    teacher pauses, injects an event and runs a turn on the timer from the dashboard; a message goes each
    way; Blue's connection drops and comes back by itself; Red's page is reloaded. Each team sees only its
    own view, the save is the game, and its debrief puts the teams' decisions first on a two-page summary."""
    hosted = host(tmp_path, latecomers="ai", reflect=True)
    blue = Window(hosted.address, hosted.code("southland"))
    red = browser.new_page()
    teacher = browser.new_page()
    projector = browser.new_page()
    try:
        assert "Blue (Southland)" in blue.texts() and "Lev 40" in blue.texts()
        red.goto(hosted.url + "/team#" + hosted.code("northland"))
        red.wait_for_selector("#play:not(.hidden)")
        teacher.goto(hosted.url + "/teacher")
        teacher.fill("#passphrase", PASSPHRASE)
        teacher.click("#loginform button")
        teacher.wait_for_selector("[data-game='1']")
        projector.goto(hosted.url + "/projector?game=1")
        projector.wait_for_selector("#regions tr")
        red_html: list[str] = []
        limit = hosted.game().rules.turn_limit
        event_name = ""
        for turn in range(1, limit + 1):
            if hosted.game().over:
                break
            blue.pump(lambda turn=turn: blue.screen.seat["turn"] == turn and not blue.screen.seat["ended"])
            if turn == 1:
                # Blue writes to Red (private) and to everyone from the Messages tab; only teams are offered
                # (the actors the AI plays read no messages).
                blue.click("Messages")
                assert list(blue.screen.recipients) == ["Everyone (public)", "Northland · team Red (private)"]
                for to, text in (
                    ("Northland · team Red (private)", "Blue to Red: shall we talk?"),
                    ("Everyone (public)", "Blue to everyone: calm heads."),
                ):
                    blue.click_at(blue.screen.to_menu.rect.center)
                    blue.click(to)
                    blue.click_at(blue.screen.message_entry.rect.center)
                    blue.type(text)
                    blue.click("Send")
                    blue.pump(lambda text=text: any(m["text"] == text for m in blue.screen.seat["messages"]))
                assert red.eval_on_selector_all("#to option", "os => os.map(o => o.value)") == ["", "southland"]
                red.fill("#text", "r" * 480)
                assert red.inner_text("#count").startswith("480 / 500")
                red.select_option("#to", "")
                red.fill("#text", "Red to everyone: we hold the Harbour.")
                red.click("#say button")
                red.wait_for_selector(".msg:has-text('Blue to Red: shall we talk?')")
                blue.pump(lambda: "Red to everyone: we hold the Harbour." in blue.texts())
                # Why: a value on the top bar opens the server's answer.
                blue.click("Lev ")
                blue.pump(lambda: "Why leverage of Southland" in blue.texts())
                blue.press(pygame.K_ESCAPE)
            if turn == 2:
                # The teacher pauses: the window says so and the turn cannot end; then the game goes on.
                teacher.click("#pauseall")
                blue.pump(lambda: blue.screen.seat["paused"])
                assert "paused" in blue.screen.status_text() and not blue.button("Paused").is_enabled
                teacher.click("#resumeall")
                blue.pump(lambda: not blue.screen.seat["paused"])
                event = teacher.eval_on_selector("#event", "e => e.options[e.selectedIndex].text")
                event_name = event.rsplit(" (", 1)[0]
                teacher.fill("#injectnote", "a surprise for every group")
                teacher.click("#injectform button")
                blue.pump(lambda: any(i["kind"] == "inject" for i in hosted.game().interventions))
            if turn == 3:
                # Blue's connection drops (the server is busy a moment, as on a flaky network): the window says
                # so, joins again with its code by itself and goes on.
                seat = hosted.server.rooms[0].seats[0]
                hosted.call(seat.ws.close())
                hosted.loop.call_soon_threadsafe(time.sleep, 1.5)
                blue.pump(lambda: "Connection lost" in blue.texts(), timeout=10)
                blue.pump(lambda: blue.link.state == "online" and blue.link.reconnects == 1)
                red.reload()
                red.wait_for_selector("#play:not(.hidden)")
            blue_plays(blue, turn, f"Turn {turn}: calm the harbour first")
            if not hosted.game().over and hosted.game().turn == turn:
                assert "Waiting for other teams: Red" in blue.texts()
            if turn == 4:
                # Red does not end: the teacher's timer runs out and the AI plays Red's turn.
                teacher.fill("#timerall", "0.05")  # minutes: 3 seconds
                teacher.click("#settimer")
                blue.pump(lambda: blue.screen.timer_label.text.endswith(" left"))
                red.wait_for_selector("#turn:has-text('Turn 5 of')", timeout=30_000)
                teacher.fill("#timerall", "0")
                teacher.click("#settimer")
                red_html.append(red.content())
                continue
            red_plays(red, turn)
            red_html.append(red.content())
        blue.pump(lambda: blue.screen.seat["over"])
        blue.pump(lambda: "The game is over" in blue.texts() and "Results" in blue.texts())
        red.wait_for_selector("#lastturn h2:has-text('Results')")
        red_html.append(red.content())
        game = hosted.game()
        assert game.over
        # The inject reached the news of the game and the record.
        assert [i["kind"] for i in game.interventions] == ["pause", "resume", "inject"]
        assert event_name
        # Turn 4 was resolved by the timer, with the AI's orders for Red.
        assert 1 in game.log[3].orders
        # Blue's reasons, typed in the window, are kept with its turns.
        assert [r["text"] for r in game.reflections if r["actor"] == "southland"][:2] == [
            "Turn 1: calm the harbour first",
            "Turn 2: calm the harbour first",
        ]
        # The messages are in the game, by turn.
        assert sorted(m["text"] for m in messages.by_turn(game)[1]) == sorted(
            [
                "Blue to Red: shall we talk?",
                "Blue to everyone: calm heads.",
                "Red to everyone: we hold the Harbour.",
            ]
        )
        # The private message reached Red and no one else.
        assert any("Blue to Red: shall we talk?" in h for h in red_html)
        assert "Blue to Red: shall we talk?" not in projector.content()
        # Turn 4's orders for Red were the AI's: the save says so.
        assert game.played_by_ai == [{"turn": 4, "actor": "northland"}]
        # The teacher's dashboard says the game is over, offers its debrief and no more actions.
        teacher.wait_for_selector("[data-game='1'] .over")
        card = teacher.inner_text("[data-game='1']")
        assert "Game over" in card and "finished" in card and "playing" not in card
        assert "brinkmanship report" in card and teacher.is_disabled("#injectform button")
        with teacher.expect_popup() as popup:
            teacher.click("[data-game='1'] a:has-text('Debrief')")
        debrief = popup.value
        debrief.wait_for_load_state()
        assert "The decisions that mattered most" in debrief.content()
        assert "played by the AI: the team had not ended the turn" in debrief.content()
        debrief.close()
        # The autosave is the game: the same orders, messages and interventions.
        path = hosted.server.rooms[0].save_path
        saved = load_game(path)
        assert [t.orders for t in saved.log] == [t.orders for t in game.log]
        assert saved.messages == game.messages
        assert saved.over and float(saved.scores()[0]) == float(game.scores()[0])
        # The debrief ranks the teams' own decisions (with agreements, events and the teacher's), the AI's apart;
        # its summary prints on two pages at most.
        d = from_save(path)
        assert any(x.kind == "team" for x in d.decisions)
        assert all(x.kind in ("team", "agreement", "event", "facilitator") for x in d.decisions)
        summary = browser.new_page()
        summary.set_content(render_summary(d))
        pdf = summary.pdf(format="A4")
        summary.close()
        assert 1 <= len(re.findall(rb"/Type\s*/Page[^s]", pdf)) <= 2
    finally:
        blue.close()
        for p in (red, teacher, projector):
            p.close()
        hosted.stop()


def test_the_projector_shows_only_what_is_public(tmp_path, browser):
    hosted = host(tmp_path, timer=300)
    page = browser.new_page()
    try:
        game = hosted.game()
        messages.send(game, 0, 1, "private-between-teams")
        messages.send(game, 0, None, "Public statement by Southland")
        game.queue(0, game.find_option(0, "crisis_response harbour"))
        page.goto(hosted.url + "/projector?game=1")
        page.wait_for_selector("#messages .msg")
        text = page.inner_text("body")
        assert "Public statement by Southland" in text
        assert "private-between-teams" not in text
        assert "Crisis response" not in text
        # No team has joined yet: the turn's clock waits for them.
        assert page.inner_text("#timer") == "Waiting for the teams: 5:00"
        assert "Harbour Province" in page.inner_text("#regions")
    finally:
        page.close()
        hosted.stop()


OVERFLOW = """() => [...document.querySelectorAll('section')].filter(
    (s) => s.offsetParent !== null && s.getBoundingClientRect().right > window.innerWidth + 1).length
    + (document.scrollingElement.scrollWidth > window.innerWidth + 1 ? 1 : 0)"""
"""Panels that stick out of the window, and 1 if the page scrolls sideways."""
WIDEST = """() => [...document.querySelectorAll('body *')].filter((e) => e.scrollWidth > window.innerWidth + 1
    ).slice(0, 5).map((e) => e.tagName + e.className + e.scrollWidth + ' ' + e.getBoundingClientRect().right)"""
"""What sticks out (for the message of a failed check)."""
SCROLLED = """() => [...document.querySelectorAll('.scroll')].filter((e) => e.scrollWidth > e.clientWidth + 1)
    .map((e) => e.firstElementChild.id + ' ' + e.scrollWidth + '>' + e.clientWidth)"""
"""Tables that scroll sideways in their panel."""


def test_the_pages_fit_a_tablet_and_a_phone_and_the_team_page_asks_why(tmp_path, browser):
    hosted = host(tmp_path, reflect=True, timer=300)
    ctx = browser.new_context(viewport={"width": 768, "height": 1024})
    try:
        team = ctx.new_page()
        team.goto(hosted.url + "/team#" + hosted.code("southland"))
        team.wait_for_selector("#play:not(.hidden)")
        teacher = ctx.new_page()
        teacher.goto(hosted.url + "/teacher")
        teacher.fill("#passphrase", PASSPHRASE)
        teacher.click("#loginform button")
        teacher.wait_for_selector("[data-game='1']")
        # The prepared injects come first, marked.
        assert teacher.eval_on_selector("#event", "e => e.options[0].text").startswith("★ ")
        # The game's timer counts down on the dashboard between the server's updates.
        shown = teacher.inner_text("[data-game='1'] .timer")
        assert shown.startswith("time left ")
        teacher.wait_for_function(
            f"() => document.querySelector(\"[data-game='1'] .timer\").textContent !== {shown!r}", timeout=5000
        )
        # A value that cannot be set: the reason shows where the teacher is looking, not at the top of the page.
        card = teacher.locator("[data-game='1']")
        card.locator("select").first.select_option("stability")
        card.locator("select").nth(1).select_option("southland")
        card.locator("input[type=number]").fill("50")
        card.locator("button:has-text('Set value')").click()
        teacher.wait_for_selector("#error:not(:empty)")
        assert teacher.locator("#error").is_visible()
        box = teacher.locator("#error").bounding_box()
        assert box["y"] + box["height"] <= 1024
        # What the teacher is typing in a card survives the updates a team's moves bring.
        card.locator("input[type=text]").fill("half a no")
        team.click(".option button:not([disabled]) >> nth=0")
        team.wait_for_selector("#queued li")
        teacher.wait_for_selector("[data-game='1'] td.dim:not(:empty)")  # the dashboard shows the queued order
        assert card.locator("input[type=text]").input_value() == "half a no"
        assert card.locator("select").first.input_value() == "stability"
        team.click("#queued li button")
        team.wait_for_selector("#queued p")
        projector = ctx.new_page()
        projector.goto(hosted.url + "/projector?game=1")
        projector.wait_for_selector("#regions tr")
        for width in (768, 390):
            for page in (team, teacher, projector):
                page.set_viewport_size({"width": width, "height": 900})
                assert page.evaluate(OVERFLOW) == 0, (page.url, width, page.evaluate(WIDEST))
        # On a laptop or a projector's 1280 pixels (less a scroll bar) no table scrolls sideways in its panel.
        for page in (team, teacher, projector):
            page.set_viewport_size({"width": 1265, "height": 800})
            assert page.evaluate(SCROLLED) == [], page.url
        # Orders not available now are folded away; the timer stays in view while the team scrolls.
        folded = team.locator("details.fold .option")
        assert folded.count() > 0 and not folded.first.is_visible()
        team.evaluate("window.scrollTo(0, document.body.scrollHeight)")
        assert team.locator("#timer").is_visible()
        team.fill("#why-answer", "Calm the harbour before talking.")
        team.click("#end")
        team.wait_for_selector("#end:has-text('orders sealed')")
        assert team.locator("#why-answer").is_hidden()
        assert hosted.game().reflections == [
            {"turn": 1, "actor": "southland", "text": "Calm the harbour before talking."}
        ]
    finally:
        ctx.close()
        hosted.stop()


def test_markup_in_messages_team_names_and_custom_news_is_shown_as_text(tmp_path, browser):
    hosted = host(tmp_path, teams={"southland": "<b id=bold>Blue</b>", "northland": "Red"})
    page = browser.new_page()
    projector = browser.new_page()
    teacher = browser.new_page()
    try:
        page.goto(hosted.url + "/team#" + hosted.code("northland"))
        page.wait_for_selector("#play:not(.hidden)")
        page.select_option("#to", "")
        page.fill("#text", '<img src=x onerror="window.pwned=1">hello')
        page.click("#say button")
        teacher.goto(hosted.url + "/teacher")
        teacher.fill("#passphrase", PASSPHRASE)
        teacher.click("#loginform button")
        teacher.wait_for_selector("[data-game='1']")
        teacher.fill("#headline", "<script>window.pwned=2</script>Breaking")
        teacher.click("#customform button")
        projector.goto(hosted.url + "/projector?game=1")
        for p in (page, projector, teacher):
            p.wait_for_selector("text=<script>window.pwned=2</script>Breaking")
            p.wait_for_selector('text=<img src=x onerror="window.pwned=1">hello')
            assert p.evaluate("() => window.pwned === undefined && !document.querySelector('#bold, img')")
        assert "<b id=bold>Blue</b>" in page.inner_text("#actors")
    finally:
        for p in (page, projector, teacher):
            p.close()
        hosted.stop()
