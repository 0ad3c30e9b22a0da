"""Tokens for snapping and resizing spans: German compounds, quotes, numbers, emoji; fast."""

from __future__ import annotations

import time

from text.tokens import Tokens, token_spans


def words(text: str) -> list[str]:
    return [text[start:end] for start, end in token_spans(text)]


def test_german_news_tokens() -> None:
    text = (
        "Die US-Regierung sagte: „Wir helfen.“ "
        "Bundes- und Landesregierung (CDU/CSU) zahlen 30.000,50 €."
    )
    assert words(text) == [
        "Die", "US-Regierung", "sagte", ":", "„", "Wir", "helfen", ".", "“",
        "Bundes-", "und", "Landesregierung", "(", "CDU", "/", "CSU", ")",
        "zahlen", "30.000,50", "€", ".",
    ]  # fmt: skip


def test_apostrophes_soft_hyphens_emoji_and_markup_characters() -> None:
    soft = "Bundes\u00adtag"  # a soft hyphen inside
    assert words(f"Macron's Plan 😀 {soft}") == ["Macron's", "Plan", "😀", soft]
    assert words("'Hallo' - ja") == ["'", "Hallo", "'", "-", "ja"]
    assert words("<b>Merz</b>") == ["<", "b", ">", "Merz", "<", "/", "b", ">"]
    # A sentence's full stop is not part of the word or number before it.
    assert words("Ende. 2024.") == ["Ende", ".", "2024", "."]


def test_offsets_are_code_points_after_an_emoji() -> None:
    text = "😀 Putin"
    assert token_spans(text) == [(0, 1), (2, 7)]


def test_snapping_a_selection_to_whole_tokens() -> None:
    text = "Präsident Wladimir Putin sagte"
    tokens = Tokens(text)
    putin = text.index("Putin")
    assert tokens.snap(putin + 1, putin + 3) == (putin, putin + 5)  # "ut" -> "Putin"
    assert tokens.snap(putin - 4, putin + 2) == (text.index("Wladimir"), putin + 5)
    assert tokens.snap(putin - 1, putin + 6) == (putin, putin + 5)  # spaces are trimmed
    assert tokens.snap(putin - 1, putin) is None  # only a space
    assert tokens.snap(putin, putin) is None


def test_growing_and_shrinking_by_one_token() -> None:
    text = "Präsident Wladimir Putin sagte."
    tokens = Tokens(text)
    wladimir, putin = text.index("Wladimir"), text.index("Putin")
    start, end = putin, putin + 5  # "Putin"
    assert tokens.grow_start(start, end) == wladimir
    assert tokens.grow_end(start, end) == text.index("sagte") + 5
    assert tokens.shrink_end(start, end) is None  # one token: nothing to shrink
    assert tokens.shrink_start(start, end) is None
    assert tokens.shrink_end(wladimir, end) == wladimir + 8
    assert tokens.shrink_start(wladimir, end) == putin
    assert tokens.grow_end(0, len(text)) is None
    assert tokens.grow_start(0, 9) is None
    # A span that ends inside a word grows to the word's end and shrinks to the one before.
    assert tokens.grow_end(wladimir, putin + 3) == putin + 5
    assert tokens.shrink_end(wladimir, putin + 3) == wladimir + 8


def test_a_long_article_is_tokenized_in_a_few_milliseconds() -> None:
    text = ("Die US-Regierung „warnt“ Russland vor 30.000 Soldaten; Olaf Scholz reist. " * 80)[
        :6000
    ]
    timings = []
    for _ in range(3):  # the best of three: a busy machine should not fail the test
        started = time.perf_counter()
        tokens = Tokens(text)
        timings.append(time.perf_counter() - started)
    assert len(tokens) > 900
    assert min(timings) < 0.005  # about 0.4 ms on a laptop
