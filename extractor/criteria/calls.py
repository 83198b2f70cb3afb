"""The calls the criteria rules make on one sentence: the status cues' call toward a family
(:class:`StatusCall`, ``rules``) and the call toward a clause after what the clause itself asks
(:class:`ClauseCall`, ``clauses``, ``absence``)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class StatusCall:
    """A rule's status for one (sentence, family) and the cue that decided it."""

    status: str  # met | not_met | target | unclear
    cue: str | None
    forecast: bool = False


@dataclass
class ClauseCall:
    """A sentence's status toward one clause, the points it speaks to and the rule applied."""

    status: str  # met | not_met | target | unclear
    cue: str | None
    rule: str | None = None
    role: str = "evidence"  # evidence | context
    points: dict[str, str] = field(default_factory=dict)  # point id → met | not_met | unclear
    parts: set[str] = field(default_factory=set)  # core parts shown: "rating"
    forecast: bool = False
