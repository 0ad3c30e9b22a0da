"""Subjects of a verb of saying that the plain "phrase before the verb" misses, found on
sentences the first rules never saw (a held-out check on GermEval news sentences):

- a relative clause ending in the verb: "…, Kardinal Joachim Meisner, der Krippen als
  Fehlentwicklung kritisierte": the name before the comma;
- a passive with its agent: "wurde X von/seitens der Familie Y vorgeworfen": the agent; a
  passive without one names no holder (the verb's object is no speaker);
- an inverted subject after a reflexive "sich": "Entspannt äußerte sich die Kirche".
"""

from __future__ import annotations

from collections.abc import Sequence

from nlp.holder_phrases import Phrase, Words, broken, clause_start, phrase_after, phrase_ending_at
from nlp.stance_targets import Token

RELATIVE = frozenset("der die das dem den denen deren dessen welcher welche welches".split())
PASSIVE = frozenset("wurde wurden worden wird werden".split())
FUTURE = frozenset({"wird", "werden"})  # also the future: "wird … kritisieren" is active
AGENT = frozenset({"von", "vom", "seitens"})
REFLEXIVE = "sich"


def relative_antecedent(
    sentence: str, tokens: Sequence[Token], verb: int, words: Words
) -> Phrase | None:
    """The name a relative clause hangs on, when the clause opens after a comma with a
    relative pronoun and ends with the verb (a main clause would go on after it)."""
    start = clause_start(sentence, tokens, verb, words)
    if start == 0 or start >= verb or tokens[start].lower not in RELATIVE:
        return None
    if "," not in sentence[tokens[start - 1].end : tokens[start].start]:
        return None
    ends = verb + 1 >= len(tokens) or broken(sentence, tokens, verb + 1)
    return phrase_ending_at(sentence, tokens, start - 1, words) if ends else None


def passive_agent(
    sentence: str, tokens: Sequence[Token], verb: int, words: Words
) -> tuple[bool, Phrase | None]:
    """(whether the verb stands in a passive clause, the agent "von X" / "seitens X" in it)."""
    start = clause_start(sentence, tokens, verb, words)
    end = verb + 1
    while end < len(tokens) and not broken(sentence, tokens, end):
        end += 1
    clause = range(start, end)
    infinitive = tokens[verb].lower.endswith("en")
    auxiliaries = [tokens[k].lower for k in clause if tokens[k].lower in PASSIVE]
    if not [a for a in auxiliaries if not (infinitive and a in FUTURE)]:
        return False, None
    for k in clause:
        if tokens[k].lower in AGENT and k != verb:
            found = phrase_after(sentence, tokens, k + 1, words, skip=False)
            if found is not None and found.last < end:
                return True, found
    return True, None


def after_reflexive(
    sentence: str, tokens: Sequence[Token], verb: int, end: int, words: Words
) -> Phrase | None:
    """ "äußerte sich die Evangelische Kirche": the subject after the verb's "sich" (``end``:
    the token after the verb's words)."""
    if tokens[end - 1].lower == REFLEXIVE:
        at = end
    elif end < len(tokens) and tokens[end].lower == REFLEXIVE:
        at = end + 1
    else:
        return None
    if at >= len(tokens) or broken(sentence, tokens, at):
        return None
    found = phrase_after(sentence, tokens, at, words, skip=False)
    return found if found is not None and not found.pronoun else None
