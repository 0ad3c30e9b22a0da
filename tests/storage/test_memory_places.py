"""Where a memory refresh for some surfaces looks: every place they stand, merged."""

from __future__ import annotations

from storage.memory.places import MAX_WINDOWS, NEAR, occurrences, windows


def test_occurrences_finds_every_place_overlapping_ones_too() -> None:
    assert occurrences("aaa Kiew aaa", ["aa", "Kiew", ""]) == [
        (0, 2),
        (1, 3),
        (9, 11),
        (10, 12),
        (4, 8),
    ]


def test_windows_merge_near_places_and_cover_all_when_there_are_many() -> None:
    assert windows([(10, 14), (0, 4), (5000, 5004)]) == [(0, 14), (5000, 5004)]
    far = [(i * 10 * NEAR, i * 10 * NEAR + 3) for i in range(MAX_WINDOWS + 1)]
    assert windows(far) == [(0, far[-1][1])]
    assert windows([]) == []
