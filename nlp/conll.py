"""Reading token-per-line entity data (CoNLL-2003 and GermEval 2014 style) into spaCy docs.

Both formats put one token per line and an empty line between sentences; the tag column is
IOB or IOB2 (``B-PER``, ``I-PER``, ``O``). GermEval has four tab-separated columns (index,
token, outer tag, nested tag); CoNLL-2003 has space-separated columns with the tag last.
Lines starting with ``#`` and ``-DOCSTART-`` are skipped.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from spacy.tokens import Doc
from spacy.vocab import Vocab

from errors import UserError

NO_SPACE_BEFORE = frozenset(".,;:!?)]}%“«'")
NO_SPACE_AFTER = frozenset("([{„»")


class ConllFormatError(UserError, ValueError):
    """A line that does not fit the format; the message names file and line."""


@dataclass
class TaggedSentence:
    tokens: list[str]
    tags: list[str]  # IOB2 as written in the file
    line: int  # where the sentence starts, for messages


def read_tagged_sentences(path: Path) -> Iterator[TaggedSentence]:
    """Sentences of a CoNLL/GermEval file, with their tag column as written."""
    tokens: list[str] = []
    tags: list[str] = []
    start = 1
    with path.open(encoding="utf-8") as lines:
        for number, raw in enumerate(lines, start=1):
            line = raw.rstrip()
            if not line.strip() or line.startswith("-DOCSTART-"):
                if tokens:
                    yield TaggedSentence(tokens, tags, start)
                tokens, tags = [], []
                start = number + 1
                continue
            if line.startswith("#") and not _is_iob_tag(line.split()[-1]):
                continue  # a comment (GermEval's source lines); "#\tO" is the token "#"
            token, tag = _token_and_tag(line, path, number)
            tokens.append(token)
            tags.append(tag)
    if tokens:
        yield TaggedSentence(tokens, tags, start)


def _token_and_tag(line: str, path: Path, number: int) -> tuple[str, str]:
    columns = line.split("\t") if "\t" in line else line.split()
    if len(columns) == 4 and columns[0].isdigit():  # GermEval: index, token, outer, nested
        token, tag = columns[1], columns[2]
    elif len(columns) >= 2:
        token, tag = columns[0], columns[-1]
    else:
        raise ConllFormatError(f"{path}:{number}: expected a token and a tag, got {line!r}")
    if not _is_iob_tag(tag):
        raise ConllFormatError(f"{path}:{number}: {tag!r} is not an IOB tag")
    return token, tag


def _is_iob_tag(tag: str) -> bool:
    return tag == "O" or (tag[:2] in ("B-", "I-") and len(tag) > 2)


def germeval_label(label: str) -> str | None:
    """The mapping for news suggestions: PER, LOC, ORG as they are, OTH as MISC; the
    derived and part classes (``LOCderiv`` "deutsche", ``ORGpart`` "NATO-Gipfel") are not
    names of their own and become O."""
    if label in ("PER", "LOC", "ORG"):
        return label
    if label == "OTH":
        return "MISC"
    if label == "MISC":  # CoNLL-2003 data already uses MISC
        return "MISC"
    return None


def sentence_to_doc(
    vocab: Vocab,
    sentence: TaggedSentence,
    map_label: Callable[[str], str | None] = germeval_label,
) -> Doc:
    """A spaCy doc of the sentence with its entities, labels mapped (None drops an entity)."""
    spaces = [
        index + 1 < len(sentence.tokens)
        and sentence.tokens[index + 1] not in NO_SPACE_BEFORE
        and token not in NO_SPACE_AFTER
        for index, token in enumerate(sentence.tokens)
    ]
    iob = [_mapped(tag, map_label) for tag in _iob2(sentence.tags)]
    return Doc(vocab, words=sentence.tokens, spaces=spaces, ents=iob)


def _iob2(tags: list[str]) -> list[str]:
    """IOB1 (an entity may start with I-) to IOB2 (every entity starts with B-)."""
    fixed, previous = [], "O"
    for tag in tags:
        if tag.startswith("I-") and previous[2:] != tag[2:]:
            tag = "B-" + tag[2:]
        fixed.append(tag)
        previous = tag
    return fixed


def _mapped(tag: str, map_label: Callable[[str], str | None]) -> str:
    if tag == "O":
        return "O"
    label = map_label(tag[2:])
    return "O" if label is None else f"{tag[:2]}{label}"


def read_docs(
    path: Path, vocab: Vocab, map_label: Callable[[str], str | None] = germeval_label
) -> list[Doc]:
    """All sentences of a CoNLL/GermEval file as docs with entities."""
    docs = []
    for sentence in read_tagged_sentences(path):
        # An I- after a dropped B- would start a new entity: repair IOB after mapping.
        doc = sentence_to_doc(vocab, sentence, map_label)
        docs.append(doc)
    return docs


__all__ = ["ConllFormatError", "read_docs", "read_tagged_sentences", "sentence_to_doc"]
