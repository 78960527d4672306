"""Networked classroom play: an authoritative game server (aiohttp, WebSockets)
holding one or more games, the web pages it serves (team page, teacher's
dashboard, projector view) and the terminal client that plays one team."""
