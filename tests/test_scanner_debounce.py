import pytest

from pos_app.scanner.debounce import Debouncer


def feed(d: Debouncer, timeline: list[tuple[float, list[str]]]) -> list[tuple[float, str]]:
    return [(t, c) for t, codes in timeline for c in d.seen(codes, t)]


def test_a_code_in_view_is_reported_once() -> None:
    d = Debouncer(3.0)
    assert feed(d, [(i / 30, ["A"]) for i in range(300)]) == [(0.0, "A")]  # 10 s in view


def test_missed_frames_while_held_do_not_count_as_leaving() -> None:
    d = Debouncer(3.0)
    timeline = [(t / 10, ["A"] if t % 4 else []) for t in range(100)]
    assert feed(d, timeline) == [(0.1, "A")]


def test_reported_again_only_after_the_window() -> None:
    d = Debouncer(3.0)
    assert feed(d, [(0.0, ["A"]), (1.0, ["A"]), (3.9, ["A"]), (7.0, ["A"])]) == [(0.0, "A"), (7.0, "A")]


def test_a_different_code_is_reported_at_once_and_each_has_its_own_window() -> None:
    d = Debouncer(3.0)
    got = feed(d, [(0.0, ["A"]), (0.1, ["B"]), (0.2, ["A", "B"]), (0.3, ["C", "C"])])
    assert got == [(0.0, "A"), (0.1, "B"), (0.3, "C")]


def test_window_is_configurable_and_zero_means_every_new_frame_time() -> None:
    assert feed(Debouncer(1.0), [(0.0, ["A"]), (1.5, ["A"])]) == [(0.0, "A"), (1.5, "A")]
    assert feed(Debouncer(0.0), [(0.0, ["A"]), (0.0, ["A"]), (0.1, ["A"])]) == [(0.0, "A"), (0.1, "A")]
    with pytest.raises(ValueError):
        Debouncer(-1)


def test_a_clock_that_goes_back_starts_afresh() -> None:
    d = Debouncer(3.0)
    assert feed(d, [(5.0, ["A"]), (0.0, ["A"])]) == [(5.0, "A"), (0.0, "A")]
