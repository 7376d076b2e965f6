"""The analyser ingest is handed: text in, Analysis out.

Ingest, the CLI and the bot never call an engine by name: they get an
`Analyser` from the services (built once from the ANALYSER setting), so a
second analyser (parsed, learned, model-backed) plugs in here without
touching them. `RulesAnalyser` is the deterministic engine; `without` leaves
out one pass or one reported-speech rule by name, which is how
`bench/attribution.py --ablate` measures what each is worth.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from bot.models import Analysis
from bot.quotes.engine import PASSES, Pass, analyse
from bot.quotes.reported import RULES, Rule


class Analyser(Protocol):
    name: str

    def analyse(self, text: str) -> Analysis: ...


class RulesAnalyser:
    """The quote engine's passes and reported-speech rules, as given."""

    name = "rules"

    def __init__(self, passes: tuple[Pass, ...] = PASSES, rules: tuple[Rule, ...] = RULES) -> None:
        self.passes = passes
        self.rules = rules

    def analyse(self, text: str) -> Analysis:
        return analyse(text, self.passes, self.rules)

    def without(self, name: str) -> RulesAnalyser:
        """The same analyser less the pass or rule called `name`."""
        passes = tuple(p for p in self.passes if p.name != name)
        rules = tuple(r for r in self.rules if r.name != name)
        if len(passes) == len(self.passes) and len(rules) == len(self.rules):
            raise ValueError(f"no pass or rule named {name!r}; known: {', '.join(part_names(self))}")
        return type(self)(passes, rules)


def part_names(analyser: RulesAnalyser) -> list[str]:
    """Every pass and rule an ablation can name, in the order they run."""
    return [p.name for p in analyser.passes] + [r.name for r in analyser.rules]


def _parsed() -> Analyser:
    # imported here: the parsed analyser builds on this module, and loads numpy and the model
    from bot.quotes.parsed import ParsedAnalyser

    return ParsedAnalyser()


# ANALYSER=<name> -> how to build it.
ANALYSERS: dict[str, Callable[[], Analyser]] = {"rules": RulesAnalyser, "parsed": _parsed}


def analyser_named(name: str) -> Analyser:
    """The analyser the ANALYSER setting names; ValueError (one line) if this build lacks it."""
    try:
        build = ANALYSERS[name]
    except KeyError:
        raise ValueError(f"ANALYSER={name} is not available here; choose one of: {', '.join(ANALYSERS)}") from None
    return build()
