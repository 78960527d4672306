"""Every test gets private data, state and cache folders, so autosaves, settings
and crash reports (also those of the real program run in a subprocess, which
inherits the environment) never touch the real ones."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def private_user_folders(tmp_path_factory, monkeypatch):
    base = tmp_path_factory.mktemp("user")
    monkeypatch.setenv("BRINKMANSHIP_HOME", str(base / "data"))
    monkeypatch.setenv("XDG_STATE_HOME", str(base / "state"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(base / "cache"))
    return base
