"""Scenario files at and past the caps, written at test time (never committed).

Each function returns the text of a scenario (or writes files) that a
stranger could hand to ``brinkmanship``: the largest scenario every cap
allows, and the tricks that once hung or exhausted memory — an include bomb,
a long chain of ``extends``, thousands of custom actions, a huge sparse file.
"""

from __future__ import annotations

from pathlib import Path

from game.scenario import limits
from game.scenario.source import MAX_BYTES


def _actor(i: int) -> str:
    return f"a{i}"


def max_scenario(
    actors: int = limits.MAX_ACTORS,
    regions: int = limits.MAX_REGIONS,
    actions: int = limits.MAX_ACTIONS,
    events: int = limits.MAX_EVENTS,
    personalities: int = limits.MAX_PERSONALITIES,
    max_orders: int = limits.MAX_ORDERS,
) -> str:
    """A valid scenario with every list at (or near) its cap."""
    out = [
        "format: 1",
        "id: max-caps",
        "title: Every cap at once",
        "calendar: {start: 2030-01-01, days_per_turn: 7}",
        "turns: 200",
    ]
    out.append("actors:")
    for i in range(actors):
        out.append(
            f"  - {{id: {_actor(i)}, name: Actor {i}, strength: 100, budget: 30, personality: "
            f"p{i % max(personalities, 1)}}}"
            if personalities
            else f"  - {{id: {_actor(i)}, name: Actor {i}, strength: 100, budget: 30}}"
        )
    out.append("regions:")
    for g in range(regions):
        nb = ", ".join(f"r{h}" for h in range(regions) if h != g and abs(h - g) <= 2)
        out.append(
            f"  - {{id: r{g}, name: Region {g}, owner: {_actor(g % actors)}, position: [{(g % 6) / 6 + 0.05:.2f}, "
            f"{(g // 6) / 5 + 0.05:.2f}], neighbours: [{nb}], forces: {{{_actor(g % actors)}: 4}}}}"
        )
    out.append("relations:")
    for i in range(actors):
        for j in range(actors):
            if i != j:
                out.append(
                    f"  - {{between: [{_actor(i)}, {_actor(j)}], value: {(i * 7 + j * 3) % 120 - 60}, one_way: true}}"
                )
    out.append("alliances:")
    for k in range(limits.MAX_ALLIANCES):
        out.append(
            f"  - {{id: al{k}, name: Alliance {k}, members: [{_actor(k % actors)}, {_actor((k + 1) % actors)}]}}"
        )
    out.append("tracks:")
    for k in range(limits.MAX_TRACKS):
        out.append(
            f"  - {{id: t{k}, name: Talks {k}, topic: ceasefire, parties: [{_actor(k % actors)}, "
            f"{_actor((k + 1) % actors)}], region: r{k % regions}, status: open}}"
        )
    if actors >= 5:
        out.append("council: {permanent: [a0, a1, a2], elected: [a3, a4], other_seats: 10, pass_votes: 9}")
    out.append("flags:")
    out += [f"  f{k}: {k}" for k in range(limits.MAX_FLAGS)]
    out.append("roles:")
    for i in range(actors):
        out.append(f"  - actor: {_actor(i)}")
        out.append("    briefing: Survive.")
        out.append(
            f"    victory: {{text: Hold on., when: {{all: [{{stability: r{i % regions}, above: 10}}, "
            f"{{leverage: {_actor(i)}, above: 5}}]}}}}"
        )
        out.append(f"    defeat: {{text: Lost., when: {{reputation: {_actor(i)}, below: 1}}}}")
        out.append(f"    score: [{{leverage: {_actor(i)}, weight: 0.5}}, {{stability: r{i % regions}, weight: 0.2}}]")
    if personalities:
        out.append("personalities:")
        for k in range(personalities):
            base = "realist" if k % (limits.MAX_EXTENDS - 1) == 0 else f"p{k - 1}"
            out.append(f"  p{k}: {{extends: {base}, traits: {{aggression: {k % 50}}}}}")
    out.append("events:" if events else "events: []")
    for k in range(events):
        out.append(f"  - id: e{k}")
        out.append(f"    name: Event {k}")
        out.append(
            f"    when: {{all: [{{turn: {{min: {k % 5 + 1}}}}}, {{tension: {{above: {k % 40}}}}}, "
            f"{{stability: r{k % regions}, below: 90}}]}}"
        )
        out.append(f"    chance: 0.{k % 9 + 1}")
        out.append("    once: false")
        out.append("    effects:")
        out += [
            f"      - {{flag: f{(k + j) % limits.MAX_FLAGS}, add: 1}}"
            if j % 2
            else f"      - {{stability: r{(k + j) % regions}, add: -0.5}}"
            for j in range(13)
        ]
    out.append("rules:")
    out.append(f"  params: {{max_orders: {max_orders}}}")
    out.append("  actions:" if actions else "  actions: {}")
    for k in range(actions):
        out.append(f"    c{k}:")
        out.append(f"      name: Custom {k}")
        out.append("      kind: custom")
        out.append("      category: diplomatic" if k % 2 else "      category: military")
        out.append("      target: region")
        out.append("      cost: 1")
        out.append(
            "      requires: {all: [{stability: $region, above: 5}, {leverage: $self, above: 1}, "
            "{tension: {below: 99}}]}"
        )
        out.append("      effects:")
        out += [
            f"        - {{stability: $region, add: {j % 3 - 1}}}" if j % 2 else "        - {leverage: $self, add: 0.5}"
            for j in range(8)
        ]
    return "\n".join(out) + "\n"


def extends_chain(n: int) -> str:
    """A scenario whose personalities extend each other in a chain of ``n``."""
    text = max_scenario(actors=2, regions=1, actions=0, events=0, personalities=0, max_orders=3)
    lines = ["personalities:"] + [f"  q{k}: {{extends: {'realist' if k == 0 else f'q{k - 1}'}}}" for k in range(n)]
    return text + "\n".join(lines) + "\n"


def many_actions(n: int) -> str:
    """A scenario with ``n`` custom actions, one line each (6,000 fit under the size cap)."""
    text = max_scenario(actors=2, regions=2, actions=0, events=0, personalities=0, max_orders=3).replace(
        "  actions: {}\n", ""
    )
    lines = ["  actions:"] + [
        f"    c{k}: {{name: C{k}, kind: custom, category: military, target: region, cost: 1, "
        "effects: [{stability: $region, add: 1}]}"
        for k in range(n)
    ]
    return text + "\n".join(lines) + "\n"


def events_at_the_cap(path: Path) -> Path:
    """A file at the size cap holding thousands of events (each with an unknown key)."""
    text = max_scenario(actors=2, regions=1, actions=0, events=0, personalities=0, max_orders=3).replace(
        "events: []\n", ""
    )
    lines = [text + "events:"]
    size, k = len(lines[0]), 0
    while True:
        line = f"  - {{id: e{k}, name: E, when: {{turn: 2}}, colr: 1}}"
        if size + len(line) + 1 > MAX_BYTES:
            break
        lines.append(line)
        size += len(line) + 1
        k += 1
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def errors_at_the_cap(path: Path) -> Path:
    """A file at the size cap with a mistake on every line: an unknown top-level key."""
    text = max_scenario(actors=2, regions=1, actions=0, events=0, personalities=0, max_orders=3)
    keys = []
    size, k = len(text), 0
    while size + 20 < MAX_BYTES:
        keys.append(f"unknown_{k:07d}: 1")
        size += len(keys[-1]) + 1
        k += 1
    path.write_text(text + "\n".join(keys) + "\n", encoding="utf-8")
    return path


def include_bomb(folder: Path, files: int = 4, fan_out: int = 100) -> Path:
    """``files`` small blocks, each including the next ``fan_out`` times."""
    folder.mkdir(parents=True, exist_ok=True)
    for k in range(1, files):
        nxt = f"b{k + 1}.yaml" if k + 1 < files else None
        body = f"include: [{', '.join([nxt] * fan_out)}]\n" if nxt else ""
        body += "".join(f"# padding line {j} to make the block about 3 KB\n" for j in range(60))
        (folder / f"b{k}.yaml").write_text(body, encoding="utf-8")
    text = max_scenario(actors=2, regions=1, actions=0, events=0, personalities=0, max_orders=3)
    path = folder / "bomb.yaml"
    path.write_text(text + f"include: [{', '.join(['b1.yaml'] * fan_out)}]\n", encoding="utf-8")
    return path


def many_includes(folder: Path) -> Path:
    """A scenario including as many blocks as allowed, nearly at the combined size cap,
    each a long list (the merge must stay linear in their size)."""
    folder.mkdir(parents=True, exist_ok=True)
    share = (MAX_BYTES - 8000) // limits.MAX_INCLUDES
    for b in range(limits.MAX_INCLUDES):
        items, size = [], 12
        while size + 12 < share:
            items.append(f"s{b}_{len(items)}")
            size += len(items[-1]) + 2
        (folder / f"b{b}.yaml").write_text(f"sources: [{', '.join(items)}]\n", encoding="utf-8")
    text = max_scenario(actors=2, regions=1, actions=0, events=0, personalities=0, max_orders=3)
    path = folder / "main.yaml"
    path.write_text(
        text + "include: [" + ", ".join(f"b{b}.yaml" for b in range(limits.MAX_INCLUDES)) + "]\n", encoding="utf-8"
    )
    return path


def sparse_file(path: Path, size: int = 1_500_000_000) -> Path:
    """A file of ``size`` bytes, nearly all a hole: it costs no disk space."""
    with open(path, "wb") as f:
        f.write(b"format: 1\n")
        f.truncate(size)
    return path


def just_under_the_cap(path: Path) -> Path:
    """A scenario file as large as the size cap allows, full of events' text."""
    text = max_scenario()
    filler = "".join(
        f"# a comment line {k:07d} that only makes the file bigger\n" for k in range((MAX_BYTES - len(text)) // 60)
    )
    path.write_text(text + filler, encoding="utf-8")
    return path
