"""Reading CoNLL-2003 and GermEval token-per-line data."""

from __future__ import annotations

import pytest
import spacy

from nlp.conll import ConllFormatError, read_docs

GERMEVAL = (
    "# http://de.wikipedia.org/wiki/x\n"
    "1\tDie\tO\tO\n2\tNATO\tB-ORG\tO\n3\twarnt\tO\tO\n4\tRussland\tB-LOC\tO\n5\t.\tO\tO\n\n"
    "1\tdeutsche\tB-LOCderiv\tO\n2\tSoldaten\tO\tO\n3\tin\tO\tO\n4\tBad\tB-LOC\tO\n"
    "5\tTölz\tI-LOC\tO\t\n6\tmit\tO\tO\n7\tOlympia\tB-OTH\tO\n\n"
)
CONLL = "-DOCSTART- -X- -X- O\n\nEU NNP I-NP I-ORG\nrejects VBZ I-VP O\nGerman JJ I-NP I-MISC\n"


def ents(docs):
    return [[(e.text, e.label_) for e in doc.ents] for doc in docs]


def test_germeval_with_mapping_and_trailing_tabs(tmp_path):
    path = tmp_path / "g.tsv"
    path.write_text(GERMEVAL, encoding="utf-8")
    docs = read_docs(path, spacy.blank("de").vocab)
    assert [d.text for d in docs] == [
        "Die NATO warnt Russland.",
        "deutsche Soldaten in Bad Tölz mit Olympia",
    ]
    assert ents(docs) == [
        [("NATO", "ORG"), ("Russland", "LOC")],
        [("Bad Tölz", "LOC"), ("Olympia", "MISC")],
    ]


def test_conll_2003_iob1_is_repaired(tmp_path):
    path = tmp_path / "c.txt"
    path.write_text(CONLL, encoding="utf-8")
    assert ents(read_docs(path, spacy.blank("en").vocab)) == [[("EU", "ORG"), ("German", "MISC")]]


def test_a_bad_tag_names_file_and_line(tmp_path):
    path = tmp_path / "bad.txt"
    path.write_text("Berlin B-LOC\nliegt X-LOC\n", encoding="utf-8")
    with pytest.raises(ConllFormatError, match=r"bad.txt:2: 'X-LOC' is not an IOB tag"):
        read_docs(path, spacy.blank("de").vocab)


def test_a_hashtag_token_is_not_taken_for_a_comment(tmp_path):
    from nlp.conll import read_tagged_sentences

    data = tmp_path / "tags.conll"
    data.write_text(
        "# http://de.wikipedia.org/wiki/X [2009-10-17]\n"
        "Unter\tO\n#\tO\nMeToo\tB-MISC\nschrieb\tO\nsie\tO\n.\tO\n",
        encoding="utf-8",
    )
    [sentence] = read_tagged_sentences(data)
    assert sentence.tokens == ["Unter", "#", "MeToo", "schrieb", "sie", "."]
    assert sentence.tags[2] == "B-MISC"
