"""Writes ``docs/scenario-format.md`` and ``docs/scenario.schema.json``.

The reference part of the page is generated from the same sources the loader
uses — the pydantic models' field descriptions, the quantities of
:mod:`game.core.conditions`, the default rules in ``game/data/rules.yaml`` and
the personalities in ``game/data/personalities.yaml`` — and the annotated
example is the starter scenario of ``brinkmanship new``. A test compares the
committed files with this module's output, so the docs cannot drift from the
code. Regenerate them with::

    python -m game.scenario.docs
"""

from __future__ import annotations

import datetime as dt
import re
import sys
import types
import typing
from pathlib import Path
from typing import Any

from annotated_types import Ge, Le, MaxLen, MinLen
from pydantic import BaseModel
from pydantic.fields import FieldInfo

from game.core.conditions import QUANTITIES
from game.scenario import schema as S
from game.scenario.limits import AMOUNT, CAPS
from game.scenario.loader import data_file, default_rules, shipped_personalities
from game.scenario.params import action_doc, rule_doc
from game.scenario.source import MAX_BYTES, MAX_DEPTH, MAX_NODES
from game.scenario.starter import STARTER
from game.scenario.vocab import COMPARATORS, PLACEHOLDERS_FOR_TARGET

ROOT = Path(__file__).resolve().parents[2]
PAGE = Path("docs/scenario-format.md")
SCHEMA = Path("docs/scenario.schema.json")

_SUBJECTS = {
    "actor": "actor id",
    "region": "region id",
    "actor_region": "[actor id, region id]",
    "pair": "[actor id, actor id]",
    "track": "track id",
    "alliance": "[alliance id, actor id]",
    "flag": "flag name",
    "global": "— (see below)",
}

INTRO = """\
# The scenario format

A scenario is one YAML file: the actors, the map, the talks, the roles players
can take and what counts as winning, the events, and the notes for the
debrief. This page is everything you need to write one. It is written for
teachers, students and hobbyists; you do not need to know Python. For a
worked example from an empty file to a checked, played and audited
scenario, see [the authoring tutorial](authoring.md).

The reference sections below are generated from the code that reads
scenarios, so they describe exactly what the game accepts.

## Contents

1. [Start in four commands](#start-in-four-commands)
2. [Completion and checks in your editor](#completion-and-checks-in-your-editor)
3. [A complete example, annotated](#a-complete-example-annotated)
4. [How the file is read](#how-the-file-is-read)
5. [Conditions, effects and score terms](#conditions-effects-and-score-terms)
6. [How the end works](#how-the-end-works)
7. [Changing the rules and adding actions](#changing-the-rules-and-adding-actions)
8. [Sharing pieces between scenarios: include](#sharing-pieces-between-scenarios-include)
9. [AI personalities and difficulty](#ai-personalities-and-difficulty)
10. [Reference: every key](#reference-every-key)
11. [Reference: the default actions](#reference-the-default-actions)
12. [Reference: the rule numbers](#reference-the-rule-numbers)
13. [Limits](#limits)
14. [What the checker catches](#what-the-checker-catches)

## Start in four commands

```sh
brinkmanship new my-crisis.yaml        # a commented starter scenario that already plays
brinkmanship validate my-crisis.yaml   # check it: every mistake with its line and column
brinkmanship play my-crisis.yaml       # play it (add --text for the terminal)
brinkmanship list                      # the shipped scenarios: id, title, period, roles, turns
```

Wherever a command takes a scenario (`play`, `simulate`, ...), you may give a
shipped scenario's id (`tutorial`, `gulf-1990`) or the path of a file.

When it plays, check its balance as the shipped scenarios are checked:

```sh
brinkmanship simulate my-crisis.yaml --runs 1000   # outcomes with the AI in every seat
brinkmanship audit my-crisis.yaml                  # the balance gate
```

`audit` plays every role, on the same seeds, with degenerate policies —
passing, random orders, each action repeated every turn (`repeat:ACTION`),
the AI limited to military or to diplomatic actions (`only:military`,
`only:diplomatic`) — against the standard AI, and flags any that comes
within 10 points of the standard AI's mean score (exit status 1). A
scenario in which one action repeated wins is not yet a game: make the
victory conditions describe what happened in the world (who holds a
region, which agreement was signed) rather than a threshold one action can
pump.

Change the starter a little at a time and run `validate` after each change.
Every problem is reported on one line, in file order, with a hint where one
helps:

```text
EXAMPLE_ERRORS
```

`validate` exits with status 0 when every file is valid, 1 when there are
errors, and 2 when a path cannot be read. It accepts several files and
folders (a folder means every `*.yaml` file in it and its subfolders —
scenarios, include blocks, paths files — and the saves there, each checked
as what it is). For
tools, `--format json` prints one JSON document:
`{"valid": false, "files": [{"path": ..., "valid": ..., \
"errors": [{"file", "line", "col", "message", "hint"}]}], "unreadable": [...]}`.
An invalid file never starts a game: `play` refuses it with the same list.
"""

EDITOR = """\
## Completion and checks in your editor

The format has a JSON Schema, so editors that use
[yaml-language-server](https://github.com/redhat-developer/yaml-language-server)
(Visual Studio Code with the YAML extension, Neovim, Helix, Emacs with
lsp-mode, ...) can complete keys, show each key's description and flag
unknown keys while you type.

1. Write the schema next to your scenario (`brinkmanship new` does this for
   you when the folder has none yet):

   ```sh
   brinkmanship schema > scenario.schema.json
   ```

   (In a copy of the game's source, the same file is `docs/scenario.schema.json`.)

2. Put this line at the top of the scenario (the starter already has it):

   ```yaml
   # yaml-language-server: $schema=scenario.schema.json
   ```

   The path is relative to the scenario file. The shipped scenarios use
   `# yaml-language-server: $schema=../docs/scenario.schema.json`.

The schema checks the shape of the file (keys, types, ranges). Only
`brinkmanship validate` checks everything else: that every id you refer to
exists, that conditions can hold, that every role can act on turn 1.

What the schema cannot say about includes:

* An **include block** (a file named under `include:`, such as
  `shared/un-security-council.yaml`) has the keys of a scenario, but none is
  required and a list may have a single item: check a block with
  `brinkmanship validate`, which knows a block by its content, rather than
  with the schema (which would ask for `id`, `title`, `turns`...). Its
  `format`, `id` and `include` are not merged into the scenario.
* The scenario that includes a block must still have every required key
  itself or through its blocks, and the references in a block (actor ids in
  its relations, for instance) must exist once everything is merged: the
  schema checks each file alone, `validate` the merged whole.
* Top-level lists are joined, the block's items first; an item with the id
  of an included one changes that item (only the keys it gives); mappings
  are merged key by key; any other value of the scenario wins over the
  block's. None of this is in the schema.
* Paths files (`*.paths.yaml`) and saves have formats of their own, not this
  schema; `validate` checks them as what they are.
"""

READING = f"""\
## How the file is read

* **YAML, safely.** Plain YAML values only: text, numbers, true/false, dates
  (`2032-05-03`), lists and mappings. Tags such as `!!python/object` are
  refused, and so are duplicate keys, aliases that expand a file beyond
  {MAX_NODES:,} values, nesting deeper than {MAX_DEPTH} levels, files over
  {MAX_BYTES:,} bytes and bytes that are not UTF-8.
* **Only files.** A scenario or an included file must be a regular file:
  a folder, a pipe or a device (such as `/dev/zero`) is refused before it is
  opened, and no more than the size limit is ever read. See [Limits](#limits).
* **Strict keys.** A key the format does not know is an error, with the
  nearest known key as a hint. Values are range-checked.
* **Types are not guessed.** A number must be written as a number (`40`, not
  `"40"`), and true/false as `true`/`false`. Put text in quotes when it could
  be read as something else: a colour (`"#56B4E9"`, since `#` starts a
  comment), a date you want as text, or a name like `"Yes"`.
* **Ids and names.** Everything that is referred to has an `id` — lower-case
  letters, digits, `-` and `_`, at most 40 characters — and a `name` shown to
  players. References always use the id, and every reference is checked.
* **Nothing half-loaded.** A file with any error is not loaded at all.
* **Format version.** Every scenario starts with `format: 1`. A later version
  of the format will come with a way to upgrade older files.
"""

VOCABULARY_INTRO = """\
## Conditions, effects and score terms

Victory and defeat, event triggers, the end of the game, custom actions'
requirements, their effects and the score are all written with one small,
closed vocabulary. Nothing in a scenario is ever run as code.

### Conditions

A condition names one **quantity** and its subject, and compares it:

```yaml
{stability: terns, below: 30}            # a region's stability
{relations: [westmark, ostland], at_most: -50}   # how the first actor regards the second
{forces: [ostland, terns], at_least: 10} # an actor's forces in a region
{control: terns, is: westmark}           # who holds a region
{status: tern-talks, is: agreed}         # a track's status
{condemned: ostland, is: true}           # a yes/no quantity
{flag: incidents, at_least: 2}           # a scenario flag
{turn: 5}                                # the turn (1 is the first)
{turn: {min: 3, max: 6}}                 # a range of turns
{tension: {above: 60}}                   # world tension
```

The comparisons are COMPARISONS. `turn` and `tension` have no subject, so their
comparison goes inside: `{tension: {at_least: 40}}`, `{turn: {min: 3}}`
(`min` and `max` mean at least and at most). Combine conditions with `all`,
`any` and `not`:

```yaml
when:
  all:
    - {control: terns, is: westmark}
    - any:
        - {reputation: westmark, at_least: 50}
        - not: {status: tern-talks, is: broken}
```

### Effects

An effect names a quantity and its subject, and either `add`s to it or
`set`s it. `chance` (0 to 1) makes it happen only sometimes, drawn for each
game; `label` is the cause players read when they ask why a value changed.

```yaml
effects:
  - {need: terns, add: 8}
  - {stability: westmark, add: -3, label: refugees arriving}
  - {consent: [westmark, terns], set: true}      # the host invites westmark's forces
  - {status: tern-talks, set: open}
  - {mediator: tern-talks, set: league}
  - {support: ostland, add: -6, chance: 0.5}
  - {tension: world, add: 5}                     # turn and tension have no subject: write 'world'
```

Values are kept in their ranges after every change. Yes/no quantities,
`control`, `status` and `mediator` can only be `set`. The turn cannot be
changed.

**Delayed effects.** An event's `delay` puts turns between its trigger and
its effects. To delay only some effects, let the first event set a flag and a
second event, triggered by that flag, carry the delayed effects:

```yaml
flags: {strike_done: 0}
events:
  - id: strike-news
    name: Strike on the port
    when: {turn: 3}
    effects: [{flag: strike_done, set: 1}, {stability: terns, add: -10}]
  - id: strike-refugees
    name: Refugees from the port
    when: {flag: strike_done, equals: 1}
    delay: 2                      # two turns after the strike
    effects: [{need: westmark, add: 10}]
```

### Score terms

Each role's `score` is a list of terms added up when the game ends, plus the
role's `win_bonus` or minus its `loss_penalty` (100 each by default: the
outcome counts first, and the terms rank games with the same outcome — a
role that never wins must not score like one that wins a third of the time):

```yaml
score:
  - {leverage: westmark, weight: 0.4}
  - {stability: terns, weight: 0.3, label: stability of the islands}
```

### The quantities

| quantity | subject | range | what it is |
|---|---|---|---|
"""

VOCABULARY_TAIL = """\

Ranges are checked: a threshold that can never be met (`{stability: terns,
above: 100}`) or a value outside the range (`{need: terns, set: 150}`) is an
error.
"""

RULES_INTRO = """\
## Changing the rules and adding actions

The game's rules are data: every number lives in `game/data/rules.yaml`
(listed at the end of this page). Under `rules:` a scenario may

* change any rule number (`params`),
* change a default action's name, cost, description or numbers,
* add actions of its own, made of effects, and
* limit the scenario to some actions (`available`), or limit one actor
  (`actions: {only: [...]}` or `{forbid: [...]}` on the actor).

```yaml
rules:
  params:
    crisis_start: 28                # change a rule number
  available: [deploy, strike, negotiate, open_talks, mediate, propose_agreement, summit]
  actions:
    strike:
      cost: 5                       # change a default action
      params: {leverage_success: 10}
    coastguard_patrol:              # add an action of your own
      name: Coastguard patrol
      kind: custom
      category: military            # military or diplomatic: its tab and its phase
      target: region                # none, region, actor or track
      cost: 1
      for: [state]                  # which kinds of actor may order it
      requires: {forces: [$self, $region], at_most: 0}
      effects:
        - {leverage: $self, add: 2}
        - {stability: $region, add: -1, chance: 0.5}
```

A custom action's `requires` and `effects` use the vocabulary above, with
placeholders for the order's actor and target: `$self` always, and
PLACEHOLDERS. The game shows players each custom action's predicted
effects like any other.

A new action may also reuse a default mechanic with other numbers: give it a
`kind` from the table at the end of this page (for example `kind: deploy`),
its `name`, `category` and `cost`, and only the `params` you want to change.

Any action — a default one too — may be held back until something happens,
take effects of the scenario's own, and be kept for some actors:

```yaml
rules:
  actions:
    strike:
      requires: {turn: {at_least: 3}}   # on top of the action's own rules
      refusal: the coalition is not ready before turn 3
      effects:                          # after the action's own effects, each time
        - {tension: null, add: 2, label: the world watches the strikes}
    embargo_talks:
      name: Embargo talks
      kind: custom
      category: diplomatic
      target: none
      cost: 1
      actors: [usa]                     # only the United States may order it
      effects:
        - {flag: embargo_talks, set: 1}
```

When `requires` does not hold, a player who tries the order is told the
action's `refusal`, or else the part of the condition that failed and its
value now ("needs the flag embargo_talks equal to 1 (it is 0)").

### What is in force at the start

Besides forces, peacekeepers and consent (under each region), relations,
alliances, tracks (with their `status`, `progress`, `trust` and `mediator`:
an agreement already signed is a track with `status: agreed`), Council
mandates (`mandates:`) and flags, a scenario may start with sanctions
already in force:

```yaml
sanctions:
  - {by: usa, against: iraq}   # bite from turn 1; 'lift_sanctions' ends them
mandates:
  sanctions: [iraq]            # Security Council sanctions in force
  condemned: [iraq]            # and a condemnation already voted
```

(The keys are `by` and `against`: YAML 1.1 would read a key `on` as true.)

### Regions nobody owns: international waters

A region of open sea, or any ground no actor claims, has `owner: none`
(the key must still be there: a region without `owner` is an error, so a
forgotten owner is never read as international waters, and no actor may
have the id `none`):

```yaml
regions:
  - id: quarantine
    name: Quarantine line
    owner: none                  # international waters
    position: [-71.0, 24.5]
    forces: {usa: 12}            # the US Navy holds the line at the start
```

In such a region

* **nobody occupies it and nobody liberates it**: forces there are never an
  occupation (no occupation costs, no self-defence against them, no
  ultimatum about them);
* **access needs no consent**: deploying there is not aggression, and
  peacekeeping, humanitarian operations and crisis response are open to
  every actor, as where the holder consents;
* **whoever has forces there holds it**: the holder keeps it while its
  forces stay; when they leave, the actor with the most forces there takes
  it (the first in the scenario's order on a tie), and with no forces there
  nobody holds it. `control:` may name the holder at the start; without it,
  the forces there decide. A strike there hits the holder's forces; with no
  holder there is nothing to strike, and no host for a Council peacekeeping
  mandate;
* stability and humanitarian need work as in any region, and the AI does not
  defend it as its own ground (a victory condition may still make an actor
  want it).

A condition can say that nobody holds it, `{control: quarantine, is: none}`;
an effect cannot set its holder to no one (the forces there decide it). The
map draws it as water, with no holder's band; the badge's border shows who
holds it, if anyone.
"""

INCLUDE = """\
## Sharing pieces between scenarios: include

Pieces that several scenarios need — a Security Council, an alliance, a set
of actors — can live in a file of their own and be included:

```yaml
include: [shared/un-security-council.yaml]
```

An include names a file relative to the including file. It must stay inside
that file's folder (for shipped scenarios: the scenarios folder); a name
that is not found there is looked up among the shipped blocks, so every
scenario can include `shared/un-security-council.yaml`. Included files may
include others; a cycle is an error. An included file holds the same keys as
a scenario (without `id`), and is merged like this:

* **Lists** at the top level (`actors`, `regions`, `relations`, `events`,
  ...) are joined, the included items first. An item with the same `id` as
  an included item (for roles: the same `actor`) changes that item instead,
  and only the keys it gives.
* **Mappings** (`council`, `rules`, `personalities`, ...) are merged key by
  key, at every depth.
* Any other value in the scenario wins over the included one.

Errors in an included file are reported at their line in that file.

### The shipped block: `shared/un-security-council.yaml`

It brings the five permanent members as actors (`usa`, `russia`, `china`,
`uk`, `france`), their relations with one another, and the Council with ten
elected seats held by states outside the game. A scenario that includes it
adds its own actors and regions, and may change what it brings:

```yaml
include: [shared/un-security-council.yaml]
actors:
  - {id: russia, personality: spoiler}   # change one key of an included actor
  - {id: northland, name: Northland}
  ...
council:
  elected: [northland]                   # play one elected seat
  other_seats: 9
```

The block itself:

```yaml
"""

AI_INTRO = """\
## AI personalities and difficulty

Each actor has a `personality`: the weights the AI gives to the predicted
change of each value, and a few traits. The shipped personalities are below.
A scenario may add its own under `personalities:`, starting from another
with `extends:` so that only the differences are written, or change a
shipped one by giving its name without `extends:`:

```yaml
personalities:
  cautious-hawk:
    extends: hawk
    traits: {caution: 1.4}
  dove:                     # the shipped dove, with one weight changed
    weights: {progress: 0.8}
```

Weights and traits must be among those below; `extends` may not go round in
a circle.

"""

DIFFICULTY = """\
### Difficulty levels

Difficulty levels are data too. The defaults are `easy` (players get one
more action point per turn), `normal`, and `hard` (the roles opposing the
players look ahead with the hard policy, and every opposing AI actor gets one
more action point). Actors on the players' side — in an alliance with one, or
with relations of 30 or more both ways at the start — are never made weaker
or stronger: weakening a partner or a counterpart in talks makes a game
harder, not easier. A scenario may change them or add its own under
`difficulty:`; each level may change `player_budget`, `ai_budget` and
`ai_policy` (see the reference). The checker makes sure every role can still
act on turn 1 at every level.
"""

END = """\
## How the end works

A game has `turns` turns, numbered from 1. Each turn resolves in a fixed order
(see [the rules](rules.md#a-turn)); its last two steps matter for the end:

1. **The calendar advances** and the events whose `when` holds fire. After
   the last turn (turn `turns`) has resolved, the turn counter reads
   `turns + 1`: this is "the end". Events are checked once more then, so an
   event with `when: {turn: 14}` in a 13-turn scenario fires at the end,
   before the result is decided (its effects count for victory and score);
   one at turn 15 never fires.
2. **Victory and defeat** are checked, every turn:
   * a role whose `defeat` condition holds, or whose domestic support fell
     below the rule number `support_floor`, **loses** and the game ends at
     once for everyone;
   * the game also ends when the turn counter passes `turns` (at the end),
     when the scenario's `end` condition holds, or after a catastrophe (the
     top of the escalation ladder at `catastrophe_tension` or more), which is
     a loss for every role;
   * when the game ends, each role that has not lost **wins** if its
     `victory` condition holds at that moment, and otherwise **draws**.

So a condition "at the end" is read with `turn` equal to `turns + 1`: a
victory with `{turn: {at_least: 13}}` in a 13-turn game holds at the end, but
`{turn: 13}` holds only if the game ends early on turn 13 (through a
defeat or the `end` condition). `validate` warns about a `victory`, `defeat`,
event or `end` whose turns lie outside 1 to `turns + 1`.

The score of a role is its `score` terms read at the end, plus `win_bonus`
for a win or minus `loss_penalty` for a loss. The debrief and `simulate`
count wins, draws and losses per role.
"""

CHECKS = """\
## What the checker catches

`brinkmanship validate FILE...` knows every kind of file the game reads by
its content, not its name: a **scenario**; an **include block** (a mapping
of scenario keys with none of `id`, `title`, `turns`, `roles` or `calendar`,
such as `scenarios/shared/un-security-council.yaml`), checked key by key
with every key optional (its references are checked where a scenario
includes it); a **paths file** (with `paths:`), checked against the scenario
it names; and a **save**, replayed against its scenario. A folder is
checked with everything in it, so `brinkmanship validate scenarios/` checks
every file there. `--kind` checks every file as one kind instead.

Besides unknown keys, wrong types and values out of range, `validate`
checks the scenario as a whole:

* every reference — to actors, regions, tracks, alliances, flags, actions and
  personalities — names something that exists, with the nearest id as a hint;
* ids are unique within their kind, and a role is given once per actor;
* conditions can hold (a threshold inside its quantity's range; `min` not
  above `max`; a `turn` the game reaches, counting an event's `delay`);
* effects stay inside their ranges, and use `add` or `set` as the quantity
  allows;
* placeholders appear only in custom actions, and only the one that names the
  action's target;
* regions are on the map (inside its area, for a real place) and not their
  own neighbours; a region's own outline goes around it without crossing
  itself; forces placed at the start fit the actor's strength;
* a track has two different parties, a withdrawal says who withdraws from
  where, a mediator is not a party;
* the Council has at most 15 seats and enough of them to pass a resolution;
* `crisis_end` is above `crisis_start`, and every rule number and action
  number is inside its range;
* the calendar's dates stay before the year 10000;
* every event can fire (it has a `when`, or is an inject);
* personalities exist, use known weights and traits, and do not extend each
  other in a circle or in a chain longer than the [limit](#limits);
* every role has a legal action on turn 1, at every difficulty level;
* includes stay inside the scenarios folder and do not form a cycle.

### Warnings

A scenario that loads can still hold something that can never happen.
`validate` prints these as `FILE:LINE:COL: warning: message` and exits 0:

* a condition that can never hold (e.g. `{turn: {min: 201}}` in a 13-turn
  scenario, under `any` or `not` too): a role that can never win, an event
  that can never fire, an action whose `requires` can never hold;
* a condition that always holds whatever happens (e.g.
  `{stability: kuwait, at_least: 0}`);
* a `defeat` or `end` condition that already holds at the start;
* an event whose `chance` is 0;
* an action the scenario defines or changes that no actor may ever order.

The analysis reads the value range of each quantity (the turn runs from 1
to `turns + 1`); what is possible but unlikely is for `brinkmanship audit`
to measure.

### YAML 1.1

Scenario files are read as YAML 1.1, which has surprises the checker
names: `4e1` (an exponent without a dot and a sign) is text, not 40 — write
`40` or `4.0e+1`; `yes`, `no`, `on` and `off` are true and false, never
numbers, and as keys too (write `'on':` in quotes); and `format: true` is
not `format: 1`.

### Errors in the YAML

Errors in the file's YAML itself (indentation, an unclosed quote, a tab)
come alone, since the other checks need a readable file. Otherwise every
mistake is reported in one run: when a key or value has the wrong shape,
the references, conditions and effects elsewhere are still checked. Two
checks wait until every value has the right shape, because a wrong value
could change their answer: forces against strength, and each role's first
move.
"""


def _type_name(annotation: Any, info: FieldInfo | None, name: str) -> str:
    """A short, readable type for the reference tables."""
    if name in ("when", "requires"):
        return "condition"
    if name == "effects":
        return "list of effects"
    if name == "score":
        return "list of score terms"
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin in (typing.Union, types.UnionType):
        rest = [a for a in args if a is not type(None)]
        return (
            _type_name(rest[0], info, name) if len(rest) == 1 else " or ".join(_type_name(a, None, name) for a in rest)
        )
    if origin is typing.Literal:
        return "one of " + ", ".join(f"`{a}`" for a in args) if len(args) > 1 else f"`{args[0]}`"
    if origin is typing.Annotated:
        metadata = [x for m in args[1:] for x in (m.metadata if isinstance(m, FieldInfo) else [m])] + (
            list(info.metadata) if info else []
        )
        return _type_name(args[0], None, name) + _range(metadata)
    if origin is list:
        return f"list of {_plural(_type_name(args[0], None, name))}"
    if origin is tuple:
        return "[" + ", ".join(_type_name(a, None, name) for a in args) + "]"
    if origin is dict:
        return f"mapping: {_type_name(args[0], None, name)} → {_type_name(args[1], None, name)}"
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return f"[{annotation.__name__}](#{annotation.__name__.lower()})"
    base = {
        str: "text",
        float: "number",
        int: "whole number",
        bool: "true/false",
        dt.date: "date",
        typing.Any: "any",
    }.get(annotation, getattr(annotation, "__name__", str(annotation)))
    if info is not None:
        base += _range(info.metadata)
    return base


def _plural(word: str) -> str:
    if word.startswith("[") or word.startswith("one of") or word.startswith("`"):
        return word
    return {"text": "text", "true/false": "true/false"}.get(word, word + "s" if not word.endswith("s") else word)


def _range(metadata: list[Any]) -> str:
    lo = next((m.ge for m in metadata if isinstance(m, Ge)), None)
    hi = next((m.le for m in metadata if isinstance(m, Le)), None)
    short = next((m.min_length for m in metadata if isinstance(m, MinLen)), None)
    long = next((m.max_length for m in metadata if isinstance(m, MaxLen)), None)
    if lo is not None and hi is not None:
        return f", {_num(lo)} to {_num(hi)}"
    if lo is not None:
        return f", at least {lo:g}"
    if hi is not None:
        return f", at most {hi:g}"
    if long is not None:
        return f", {short or 0} to {long} long"
    if short:
        return ", not empty"
    return ""


def _num(value: float) -> str:
    return f"{value:,.0f}" if abs(value) >= 1e6 else f"{value:g}"


def _default(info: FieldInfo) -> str:
    if info.is_required():
        return "**required**"
    if info.default_factory is not None:
        made = info.default_factory()  # type: ignore[call-arg]
        return "`[]`" if made == [] else "`{}`" if made == {} else "(defaults)"
    value = info.default
    if value is None:
        return "—"
    if isinstance(value, bool):
        return f"`{str(value).lower()}`"
    if isinstance(value, (int, float)):
        return f"`{value:g}`"
    if value == "":
        return '`""`'
    return f"`{value}`"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _models() -> list[type[BaseModel]]:
    """Scenario, then every model it uses, in the order they appear."""
    out: list[type[BaseModel]] = []

    def visit(model: type[BaseModel]) -> None:
        if model in out:
            return
        out.append(model)
        for info in model.model_fields.values():
            for inner in _inner_models(info.annotation):
                visit(inner)

    visit(S.Scenario)
    return out


def _inner_models(annotation: Any) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [m for a in typing.get_args(annotation) for m in _inner_models(a)]


def reference() -> str:
    lines = [
        "## Reference: every key",
        "",
        "Each table lists the keys of one part of the file. The descriptions are the ones",
        "your editor shows from the JSON Schema.",
        "",
    ]
    for model in _models():
        title = "Scenario (the top level)" if model is S.Scenario else model.__name__
        anchor = model.__name__.lower()
        lines += [f'### {title}<a id="{anchor}"></a>' if model is S.Scenario else f"### {title}", ""]
        if model.__doc__:
            lines += [model.__doc__.strip().splitlines()[0], ""]
        lines += ["| key | type | default | description |", "|---|---|---|---|"]
        for name, info in model.model_fields.items():
            key = info.alias or name
            lines.append(
                f"| `{key}` | {_cell(_type_name(info.annotation, info, key))} | {_default(info)} | "
                f"{_cell(info.description or '')} |"
            )
        lines.append("")
    return "\n".join(lines)


def vocabulary() -> str:
    comparisons = ", ".join(f"`{c}`" for c in COMPARATORS)
    text = VOCABULARY_INTRO.replace(
        "COMPARISONS", comparisons + " (`is` and `equals` are the same test; `is` reads better for ids and true/false)"
    )
    rows = []
    for q in QUANTITIES.values():
        if q.name in ("turn", "tension"):
            subject = (
                "none: `{" + q.name + ": {at_least: 3}}`"
                if q.name == "tension"
                else "none: `{turn: 5}` or `{turn: {min: 3}}`"
            )
        else:
            subject = _SUBJECTS[q.table]
        if q.name in ("control", "mediator", "offer"):
            span = "an actor id" + (
                " (or null: none)" if q.name in ("mediator", "offer") else " (or none: nobody, in international waters)"
            )
        elif q.name == "status":
            span = "inactive, open, agreed, broken"
        elif q.integer and q.hi == 1:
            span = "true/false"
        elif q.name == "flag":
            span = "any number"
        elif q.name == "turn":
            span = "1 to the last turn"
        else:
            span = f"{q.lo:g} to {q.hi:g}"
        rows.append(f"| `{q.name}` | {subject} | {span} | {_cell(q.description)} |")
    return text + "\n".join(rows) + "\n" + VOCABULARY_TAIL


def default_actions() -> str:
    _, model, _ = default_rules()
    lines = [
        "## Reference: the default actions",
        "",
        "Every scenario has these actions unless it limits them with `available`. Under",
        "`rules: actions: ID:` a scenario may change any of their keys and numbers.",
        "Each number's effect says what raising it does; a change (a gain or a loss) is",
        "applied when the action resolves, and a negative value reverses it.",
        "",
    ]
    for aid, a in model.actions.items():
        who = ", ".join(a.for_ or ["state", "organisation", "nonstate"])
        extra = f", resolution `{a.resolution}`" if a.resolution else ""
        lines += [
            f"### `{aid}` — {a.name}",
            "",
            f"Kind `{a.kind}`{extra}; {a.category}; costs {a.cost}; for {who}.",
            " ".join((a.description or "").split()),
            "",
        ]
        if not a.params:
            lines += ["It has no numbers of its own.", ""]
            continue
        lines += ["| param | default | range | unit | meaning | effect |", "|---|---|---|---|---|---|"]
        for k, v in a.params.items():
            d = action_doc(aid, k)
            if d is None:
                raise ValueError(f"action '{aid}': number '{k}' is not documented in game/scenario/params.py")
            lines.append(f"| `{k}` | {v:g} | {d.range} | {d.unit} | {_cell(d.meaning)} | {_cell(d.effect)} |")
        lines.append("")
    return "\n".join(lines)


def rule_numbers() -> str:
    _, model, _ = default_rules()
    lines = [
        "## Reference: the rule numbers",
        "",
        "Change any of these under `rules: params:`. A value outside its range is an error.",
        "",
        "| param | default | range | unit | meaning | effect |",
        "|---|---|---|---|---|---|",
    ]
    for k, v in model.params.items():
        d = rule_doc(k)
        if d is None:
            raise ValueError(f"rule number '{k}' is not documented in game/scenario/params.py")
        lines.append(f"| `{k}` | {v:g} | {d.range} | {d.unit} | {_cell(d.meaning)} | {_cell(d.effect)} |")
    return "\n".join(lines) + "\n"


def limits_section() -> str:
    """Every cap the checker applies (from :mod:`game.scenario.limits`)."""
    lines = [
        "## Limits",
        "",
        "A scenario may come from anyone, so everything that makes checking a file or",
        "playing a turn more work is capped; a file past a cap is refused with the",
        "line and column of the list, key or include that goes over it. With every cap",
        "at its maximum, `validate` takes a few seconds and a turn of play well under",
        "one. The numbers of the rules and of the actions have the ranges given in",
        f"their tables above (the number of a custom action: {AMOUNT.lo:g} to {AMOUNT.hi:g}).",
        "",
        "| at most | of what |",
        "|---|---|",
    ]
    lines += [f"| {limit} | {_cell(what)} |" for limit, what in CAPS]
    lines += [
        "",
        "A scenario file or an included file must be a regular file (not a folder, a",
        "pipe, a socket or a device); include names may not contain control",
        "characters, and a path that goes round a loop of symbolic links is refused.",
    ]
    return "\n".join(lines) + "\n"


def personalities() -> str:
    shipped = shipped_personalities()
    path = data_file("personalities.yaml")
    lines = [AI_INTRO.rstrip("\n"), "", "| personality | extends | what it is like |", "|---|---|---|"]
    for name, p in shipped.items():
        lines.append(f"| `{name}` | {p.get('extends') or '—'} | {_cell(p.get('description', ''))} |")
    text = path.read_text(encoding="utf-8")
    notes = {m.group(1): m.group(2).strip() for m in re.finditer(r"^\s+(\w+):\s*[-\d.]+\s*#\s*(.*)$", text, re.M)}
    for table in ("weights", "traits"):
        keys = sorted({k for p in shipped.values() for k in p.get(table, {})})
        lines += ["", f"The {table}:", "", "| key | meaning |", "|---|---|"]
        lines += [f"| `{k}` | {_cell(notes.get(k, '—'))} |" for k in keys]
    return "\n".join(lines) + "\n\n" + DIFFICULTY


def placeholders() -> str:
    parts = [
        f"`{p[1]}` for an action aimed at {t == 'actor' and 'an actor' or 'a ' + t}"
        for t, p in PLACEHOLDERS_FOR_TARGET.items()
        if len(p) > 1
    ]
    return ", ".join(parts[:-1]) + " or " + parts[-1]


MISTAKES = (
    ("    stability: 30\n", "    stabilty: 30\n"),
    ("          - {control: terns, is: westmark}", "          - {control: tern, is: westmark}"),
    ("        - {stability: terns, below: 35}", "        - {stability: terns, above: 100}"),
)
"""Three mistakes made in the starter, to show real output of the checker."""


def example_errors() -> str:
    """What ``brinkmanship validate`` prints for the starter with :data:`MISTAKES`."""
    from game.scenario.errors import ScenarioError
    from game.scenario.loader import load_text

    text = STARTER.format(id="my-crisis", file="my-crisis.yaml")
    for old, new in MISTAKES:
        if old not in text:
            raise ValueError(f"the starter no longer contains {old!r}: update MISTAKES")
        text = text.replace(old, new, 1)
    try:
        load_text(text, "my-crisis.yaml")
    except ScenarioError as exc:
        return "\n".join(d.format() for d in exc.sorted())
    raise AssertionError("the example mistakes must be reported")


def render() -> str:
    """The whole page."""
    example = STARTER.format(id="my-scenario", file="my-scenario.yaml")
    block = (ROOT / "scenarios" / "shared" / "un-security-council.yaml").read_text(encoding="utf-8")
    parts = [
        INTRO.replace("EXAMPLE_ERRORS", example_errors()),
        EDITOR,
        "## A complete example, annotated\n\n"
        "This is what `brinkmanship new my-scenario.yaml` writes. It validates and plays as it is;\n"
        "every key is explained in the reference below.\n\n```yaml\n" + example + "```\n",
        READING,
        vocabulary(),
        END,
        RULES_INTRO.replace("PLACEHOLDERS", placeholders()),
        INCLUDE + block + "```\n",
        personalities(),
        reference(),
        default_actions(),
        rule_numbers(),
        limits_section(),
        CHECKS,
    ]
    text = "\n".join(p.rstrip("\n") + "\n" for p in parts)
    return text.replace("\n\n\n", "\n\n")


def write(root: Path = ROOT) -> list[Path]:
    """Regenerate the page and the schema under ``root``; returns the files written."""
    out = []
    for rel, text in ((PAGE, render()), (SCHEMA, S.schema_text())):
        target = root / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        out.append(target)
    return out


if __name__ == "__main__":  # pragma: no cover - the maintainers' entry point
    for written in write():
        print(f"wrote {written}", file=sys.stderr)
