"""German news sentences: quotes, abbreviations, numbers, headings."""

from __future__ import annotations

from text.sentences import split_sentences

TEXT = (
    "NATO-Gipfel in Vilnius endet mit Zusagen\n"
    "\n"
    "Nordkorea will bis zu 30.000 Soldaten entsenden. Zuvor waren es 11.000 Soldaten.\n"
    "Der Sprecher sagte: „Wir werden die Ukraine unterstützen.“ Russland reagierte nicht.\n"
    "Laut Dr. Müller, z. B. in Nr. 5 zitiert, bleibt die Lage ernst. Am 3. Oktober "
    "folgt ein Treffen! Wer kommt? Donald J. Trump nicht.\n"
    "Es war der 5. Raketentest in diesem Jahr. Das ist alles"
)


def test_sentences_of_german_news():
    sentences = split_sentences(TEXT)
    assert [s.text for s in sentences] == [
        "NATO-Gipfel in Vilnius endet mit Zusagen",
        "Nordkorea will bis zu 30.000 Soldaten entsenden.",
        "Zuvor waren es 11.000 Soldaten.",
        "Der Sprecher sagte: „Wir werden die Ukraine unterstützen.“",
        "Russland reagierte nicht.",
        "Laut Dr. Müller, z. B. in Nr. 5 zitiert, bleibt die Lage ernst.",
        "Am 3. Oktober folgt ein Treffen!",
        "Wer kommt?",
        "Donald J. Trump nicht.",
        "Es war der 5. Raketentest in diesem Jahr.",
        "Das ist alles",
    ]
    for sentence in sentences:
        assert TEXT[sentence.start : sentence.end] == sentence.text


def test_empty_text_has_no_sentences():
    assert split_sentences("") == [] and split_sentences("\n \n") == []
