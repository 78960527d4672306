"""The starter scenario written by ``brinkmanship new PATH``.

It is a small but complete scenario — three actors, three regions, talks, a
Security Council, events, a custom action, tuned rules, an AI personality of
its own — with a comment on every part, so that an author can change it one
piece at a time and check it with ``brinkmanship validate`` after each step.
The same text is the annotated example in ``docs/scenario-format.md``; tests
check that it validates and plays.
"""

from __future__ import annotations

import re
from pathlib import Path

from game.scenario.schema import SLUG

DEFAULT_ID = "my-scenario"

STARTER = """\
# yaml-language-server: $schema=scenario.schema.json
#
# A starter scenario. Check it after every change with
#
#     brinkmanship validate {file}
#
# and play it with 'brinkmanship play {file}'. Every key is described in
# docs/scenario-format.md. For completion and checks as you type in editors
# that use yaml-language-server (VS Code's YAML extension, Neovim, Helix...),
# write the schema next to this file:
#
#     brinkmanship schema > scenario.schema.json

format: 1                    # version of the scenario format
id: {id}                     # used by 'brinkmanship play {id}'; lower case, digits, '-', '_'
title: The Tern Islands Crisis
period: "10 weeks"
fictional: true
summary: >-
  Ostland has landed troops on the Tern Islands, which Westmark has governed
  for a century. The Coastal League offers its good offices. Ten weekly turns
  decide whether the islands return by force, by talks, or not at all.
calendar: {{start: 2032-05-03, days_per_turn: 7}}   # turn 1 is 3 May 2032; a turn is a week
turns: 10                    # the game ends after turn 10
tension: 40                  # world tension at the start, 0-100

# ------------------------------------------------------------------ actors
# Ids are for references; names are shown to players. Values are 0-100.
actors:
  - id: westmark
    name: Westmark
    kind: state              # state, organisation or nonstate
    colour: "#56B4E9"        # colours need quotes: '#' starts a comment
    leverage: 45
    reputation: 60
    strength: 40             # forces placed in regions below count against it
    support: 60
    budget: 5                # action points per turn
    personality: realist     # the AI's priorities when no one plays it
    description: A maritime democracy that has governed the islands since 1931.
  - id: ostland
    name: Ostland
    colour: "#E69F00"
    leverage: 55
    reputation: 40
    strength: 50
    support: 65
    budget: 5
    personality: cautious-hawk   # defined under 'personalities' below
    description: A larger neighbour that says the islands were taken from it.
  - id: league
    name: Coastal League
    short: League
    kind: organisation
    colour: "#009E73"
    leverage: 30
    reputation: 70
    strength: 10
    budget: 4
    personality: institutionalist
    actions:
      forbid: [strike]       # this actor may not order these actions
    description: The regional organisation both states belong to.

# ------------------------------------------------------------------ regions
# position is [x, y] on the map, each from 0 to 1 ([0, 0] is the top left); the
# window draws each region's territory around it on land of this scenario's own.
# For a real place, add 'map: {{area: [west, south, east, north]}}' and give
# positions as [longitude, latitude]: the map then shows the real coastlines and
# borders. A region may also give its own 'outline', a list of points around it.
regions:
  - id: terns
    name: Tern Islands
    owner: westmark          # the sovereign claim ('none': international waters)
    control: ostland         # who holds it at the start (default: the owner)
    position: [0.50, 0.45]
    radius: 0.06
    neighbours: [westmark, ostland]
    stability: 30
    need: 25
    forces: {{ostland: 15}}   # actor id -> forces present at the start
    description: Three rocky islands, a fishing port and a radar station.
  - id: westmark
    name: Westmark
    owner: westmark
    position: [0.22, 0.60]
    neighbours: [terns]
    stability: 70
    forces: {{westmark: 10}}
  - id: ostland
    name: Ostland
    owner: ostland
    position: [0.78, 0.30]
    neighbours: [terns]
    stability: 65
    forces: {{ostland: 15}}

# Relations run from -100 (hostile) to 100 (close); unlisted pairs start at 0.
relations:
  - {{between: [westmark, ostland], value: -45}}
  - {{between: [league, westmark], value: 30}}
  - {{between: [league, ostland], value: 20}}

# The Security Council: no permanent member is played here; fifteen seats
# are held by states outside the game, and nine votes adopt a resolution.
council:
  other_seats: 15
  pass_votes: 9

# ------------------------------------------------------------------ talks
tracks:
  - id: tern-talks
    name: Tern Islands talks
    topic: withdrawal        # ceasefire, withdrawal, peace_accord or deal
    parties: [westmark, ostland]
    region: terns            # its stability gates progress
    withdrawing: ostland     # who leaves the region if they agree
    trust: 20

flags:
  incidents: 0               # a counter the events below read and change

# ------------------------------------------------------------------ roles
# A role is an actor a player can lead. Victory is checked when the game
# ends; defeat every turn (a collapse of domestic support always counts).
roles:
  - actor: westmark
    briefing: >-
      Ostland holds the Tern Islands. Take them back by force, by pressure or
      by talks, but keep your standing: the islands are worth little if the
      world sees you as the aggressor.
    victory:
      text: Westmark controls the islands and its reputation is at least 50.
      when:
        all:
          - {{control: terns, is: westmark}}
          - {{reputation: westmark, at_least: 50}}
    defeat:
      text: Westmark's government falls (support below 25).
      when: {{support: westmark, below: 25}}
    score:                   # summed at the end, with the win bonus or loss penalty
      - {{leverage: westmark, weight: 0.4}}
      - {{reputation: westmark, weight: 0.3}}
      - {{stability: terns, weight: 0.3}}
  - actor: ostland
    briefing: >-
      Your troops hold the islands. Keep them, or trade them for a deal that
      leaves you stronger. Do not let your reputation collapse.
    victory:
      text: Ostland still holds the islands with leverage of 50 or more, or withdrew under an agreement.
      when:
        any:
          - all:
              - {{control: terns, is: ostland}}
              - {{leverage: ostland, at_least: 50}}
          - {{status: tern-talks, is: agreed}}
    score:
      - {{leverage: ostland, weight: 0.6}}
      - {{support: ostland, weight: 0.4}}
  - actor: league
    briefing: >-
      You have no army to speak of, only standing. Mediate the talks, relieve
      the islanders, and win if the talks end in an agreement.
    victory:
      text: The Tern Islands talks end in an agreement.
      when: {{status: tern-talks, is: agreed}}
    score:
      - {{reputation: league, weight: 1}}

# ------------------------------------------------------------------ events
# An event fires when its condition holds ('chance' per turn, 'once' by
# default); 'delay' puts turns between the trigger and the effects. An
# inject fires only when a facilitator sends it.
events:
  - id: landing
    name: Ostland lands on the Tern Islands
    date: 3 May 2032
    text: Ostland's marines hold the port; Westmark recalls its ambassador.
    when: {{turn: 1}}
    effects:
      - {{reputation: ostland, add: -5, label: the landing is condemned abroad}}
      - {{tension: world, add: 5}}
  - id: fishing-clash
    name: Clash between fishing fleets
    text: Trawlers ram each other off the islands; each coastguard blames the other.
    when:
      all:
        - {{turn: {{min: 2}}}}
        - {{stability: terns, below: 35}}
    chance: 0.4              # 40% each turn the condition holds ...
    once: false              # ... and it may happen again
    effects:
      - {{flag: incidents, add: 1}}
      - {{relations: [westmark, ostland], add: -5}}
  - id: islanders-leave
    name: Islanders leave for the mainland
    text: Families from the port arrive in Westmark with what they could carry.
    when: {{flag: incidents, at_least: 2}}
    delay: 1                 # the news and the effects come one turn later
    effects:
      - {{need: westmark, add: 5}}
      - {{support: westmark, add: 4, chance: 0.5, label: anger at the occupation}}
  - id: radar-sabotage
    name: The radar station is sabotaged
    text: An explosion wrecks the islands' radar; no one claims it.
    inject: true
    effects:
      - {{stability: terns, add: -8}}
      - {{tension: world, add: 4}}

# ------------------------------------------------------------------ rules
# Tune the default rules' numbers, tune default actions, or add actions of
# your own built from the same effects as events.
rules:
  params:
    crisis_start: 28         # a crisis begins below this stability (default 30)
  actions:
    negotiate:
      params: {{base: 6}}     # talks move a little faster here (default 5)
    coastguard_patrol:
      name: Coastguard patrol
      kind: custom           # made of effects; $self is the actor ordering it
      category: military
      target: region         # so $region is the region it is aimed at
      cost: 1
      for: [state]
      description: Show the flag near a region without landing troops.
      requires:
        all:
          - {{stability: $region, below: 60}}
          - {{forces: [$self, $region], at_most: 0}}
      effects:
        - {{leverage: $self, add: 2}}
        - {{stability: $region, add: -1, chance: 0.5, label: a tense encounter at sea}}

# ------------------------------------------------------------------ AI
personalities:
  cautious-hawk:
    extends: hawk            # start from the shipped hawk, change two dials
    description: Trusts force, but fears the top of the escalation ladder.
    traits: {{caution: 1.4, risk: 0.5}}

difficulty:
  training:
    description: For a first game; the AI plays at random.
    player_budget: 2
    ai_policy: random

# ------------------------------------------------------------------ debrief
briefing: >-
  The islands have changed hands twice in two centuries. Both governments
  face elections within the year.
history: >-
  The Tern Islands are invented. Disputes like this one have ended in war
  (the Falklands, 1982), in a court ruling that both sides accepted (the
  Hanish Islands, 1998), or in decades of talks.
learning_objectives:
  - See how occupying ground raises leverage but costs reputation.
  - See why talks need stability and time.
discussion:
  - What did force win you, and what did it cost?
  - Why did the talks move as fast, or as slowly, as they did?
"""


def starter_id(path: Path) -> str:
    """A scenario id made from a file name: ``Tern Crisis.yaml`` → ``tern-crisis``."""
    stem = path.name.split(".")[0].lower()
    slug = re.sub(r"[^a-z0-9_-]+", "-", stem).strip("-_")[:40].strip("-_")
    return slug if re.fullmatch(SLUG, slug) else DEFAULT_ID


def starter_text(path: Path) -> str:
    """The starter scenario for a file at ``path`` (its id comes from the name)."""
    return STARTER.format(id=starter_id(path), file=path.name)


def write_starter(path: Path) -> None:
    """Write the starter scenario to ``path`` (UTF-8)."""
    path.write_text(starter_text(path), encoding="utf-8")
