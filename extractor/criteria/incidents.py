"""The incident kinds the absence clauses list (``corpora/tt124/criteria.json`` → ``incident_kinds``): each
kind's cues, what makes an occurrence serious or minor, what the law excuses; and which kinds the words of a
sentence may name (:func:`incident_words`), so that only those kinds' points are read.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from corpora import load_json
from extractor.criteria.cues import CueList, WordMap, cue_list


@dataclass(frozen=True)
class IncidentKind:
    """A kind of event a clause says must not happen (``corpora/tt124/criteria.json`` → ``incident_kinds``).

    ``serious``: words that make an occurrence count (none listed: any occurrence counts); ``minor``: words
    that say it does not; ``exceptions``: what the law excuses (bất khả kháng; promptly detected and reported);
    ``comparison``: the point asks for a fall against the previous year rather than for absence."""

    key: str
    cues: CueList
    serious: CueList = CueList()
    minor: CueList = CueList()
    exceptions: CueList = CueList()
    comparison: bool = False


@cache
def incident_kinds() -> dict[str, IncidentKind]:
    """Kinds of events the clauses list, with their cues, seriousness, minor cues and exceptions."""
    return {
        key: IncidentKind(
            key=key,
            cues=cue_list(item["cues"]),
            serious=cue_list(item.get("serious")),
            minor=cue_list(item.get("minor")),
            exceptions=cue_list(item.get("exceptions")),
            comparison=bool(item.get("comparison")),
        )
        for key, item in load_json("tt124", "criteria.json")["incident_kinds"].items()
    }


@cache
def incident_cues() -> CueList:
    """The cues of every incident kind in one list: a sentence holding none of a kind's words names no
    incident of that kind, and its points are not read (``kinds_of_cue`` says whose cue each is)."""
    return CueList(pattern for kind in incident_kinds().values() for pattern in kind.cues)


@cache
def kinds_of_cue() -> dict[int, frozenset[str]]:
    """``id`` of each pattern of ``incident_cues()`` → the incident kinds it is a cue of."""
    found: dict[int, set[str]] = {}
    for kind in incident_kinds().values():
        for pattern in kind.cues:
            found.setdefault(id(pattern), set()).add(kind.key)
    return {key: frozenset(kinds) for key, kinds in found.items()}


@cache
def incident_words() -> WordMap:
    """The incident kinds each word of ``incident_cues()`` names (``kinds_of_cue`` read word by word)."""
    kinds = kinds_of_cue()
    return WordMap(incident_cues(), lambda pattern: kinds[id(pattern)])
