"""Per-symbol voting across bands (``code128_vote``): a Code 128 that no single band reads whole, on a
real crop of a set B tuning frame, and what keeps it from voting a wrong text."""

from pathlib import Path

import cv2
import numpy as np

from pos_app.scanner import code128_vote
from pos_app.scanner.code128 import band_profiles, read_strip
from pos_app.scanner.decode import Decoder, still_decoder
from pos_app.scanner.views import half_size, to_gray
from tests.scanner_fixtures import held
from tests.test_scanner_code128 import _bars, _strip
from tests.test_scanner_smooth import _without_smooth

FIXTURES = Path(__file__).parent / "fixtures" / "scan"
MOIRE_CODE = "6SJKUIYBHJS7RZO9OP"


def _moire_frame() -> np.ndarray:
    """B:11 #58 (moire, the phone turned 8 degrees and seen in perspective, 2.3-2.8 px per module): the
    crop pasted where it was on a frame of its median colour."""
    crop = cv2.imread(str(FIXTURES / "c128_moire_fragments_voted.png"))
    frame = np.empty((720, 1280, 3), np.uint8)
    frame[:] = np.median(crop.reshape(-1, 3), axis=0).astype(np.uint8)
    frame[200 : 200 + crop.shape[0], 440 : 440 + crop.shape[1]] = crop
    return frame


def test_a_code_under_moire_no_band_reads_whole_is_read_by_voting_its_symbols(monkeypatch) -> None:
    """The screen's moire draws faint light lines inside wide bars, each band's in other symbols: the
    strip reads nothing band by band (nor with zxing, 2x, green, gamma, unsharp); the pass after the
    whole-frame ones votes it slot by slot and reads the code; without the vote nothing does."""
    frame = _moire_frame()
    gray = to_gray(frame)
    # (zxing on the strip's stretched levels at one threshold reads this crop too: left out here)
    monkeypatch.setattr(Decoder, "_zxing_levels", lambda self, v: [])
    decoder = Decoder(budget_ms=1000)
    views = decoder._bars.strips(gray, half_size(gray))
    assert len(views) == 1
    got, seen = read_strip(views[0].image)
    assert got is None and seen  # a start pattern after a quiet zone: evidence, no whole read
    assert (code128_vote.read_voted(views[0].image) or ("",))[0] == MOIRE_CODE
    assert decoder._strip_reads(gray, views, frame) == []
    assert [e for _v, e in decoder._unread_strips] == [True]
    assert [t for t, _s, _p in decoder._deep_pass(gray, frame, 1000)] == [MOIRE_CODE]
    # the camera: once every pass ran on the still scene (a decoder of its own: the calls above timed
    # the steps, and one slowed by the machine would be skipped as over a turn's share)
    decoder = Decoder(budget_ms=1000)
    texts, winner, _n = held(decoder, frame)
    assert (texts, winner) == ([MOIRE_CODE], "deep")
    assert [h.text for h in decoder.decode(frame)] == [MOIRE_CODE]  # the next frame re-reads it (voted)
    assert [h.text for h in still_decoder().decode(frame)] == [MOIRE_CODE]  # a still: after every pass
    monkeypatch.setattr("pos_app.scanner.decode.read_voted", lambda img: None)
    _without_smooth(monkeypatch)
    assert held(Decoder(budget_ms=1000), frame)[0] == []  # (a still's zbar passes read it, with no budget;
    # blurred across its bars, "smooth", our reader reads it too)


def test_faint_pairs_inside_a_bar_are_dropped_and_the_quiet_zone_ignores_faint_moire() -> None:
    """A drawn code (3 px per module) with faint light lines inside two wide bars, down all its rows, and
    faint stripes in its quiet zones up to a module from the bars: no band reads whole, nor votes without
    dropping the faint pairs or with every edge closing a quiet zone; the vote does."""
    text = "AB12CD34EF56GH78XY"
    img = _strip(_bars(text), 3.0, rows=48).astype(np.float32)
    wide = [x for x in range(40, img.shape[1] - 40) if img[0, x - 4 : x + 5].max() < 30]  # inside bars >= 3 modules
    for x in (wide[0], wide[-1]):
        img[:, x] = 50  # a faint light line (a fifth of the bars' contrast)
    img[:, 0:33] -= 45 * (np.arange(33) % 4 < 2)  # faint stripes in the quiet zones (12 modules here)
    img[:, -33:] -= 45 * (np.arange(33) % 4 < 2)
    img = np.clip(img, 0, 255).astype(np.uint8)
    assert read_strip(img)[0] is None
    voted = code128_vote.read_voted(img)
    assert voted is not None and voted[0] == text


def test_a_slot_two_bands_read_differently_votes_nothing() -> None:
    """Every slot needs two bands for its symbol and none for another."""
    profiles = band_profiles(_strip(_bars("AB12CD34EF56GH78XY"), 3.0), 6)
    grids = [g for p in profiles for g in code128_vote.band_grids(p)]
    assert len(grids) >= 2 and len({g[:2] for g in grids}) == 1  # one start symbol, one slot count
    one = code128_vote.vote(profiles)
    assert one is not None and one[0] == "AB12CD34EF56GH78XY"
    bad = [*profiles]
    orig = code128_vote.band_grids

    def grids_with_one_wrong(p: np.ndarray) -> list[code128_vote.Grid]:
        out = orig(p)
        if p is bad[len(bad) // 2]:  # the middle band, voted first
            out = [(s, n, [*slots[:3], (slots[3] + 1) % 100, *slots[4:]]) for s, n, slots in out]
        return out

    code128_vote.band_grids = grids_with_one_wrong  # type: ignore[assignment]
    try:
        assert code128_vote.vote(bad) is None
    finally:
        code128_vote.band_grids = orig  # type: ignore[assignment]


def test_a_voted_code_held_in_view_is_read_again_on_every_next_frame(monkeypatch) -> None:
    """(review r6) The next frame re-reads a voted code on its strip by voting, and keeps that strip: the
    frames after it read it too (the strip was dropped after the first re-read, and the held code lost
    while its box was still tracked)."""
    monkeypatch.setattr(Decoder, "_zxing_levels", lambda self, v: [])
    frame = _moire_frame()
    decoder = Decoder(budget_ms=1000)
    texts, winner, _n = held(decoder, frame)
    assert (texts, winner) == ([MOIRE_CODE], "deep") and decoder._read_by == "vote"
    for _ in range(4):
        assert [h.text for h in decoder.decode(frame)] == [MOIRE_CODE]
        assert decoder.stats.winner == "roi" and decoder._read_by == "vote"


def test_a_band_that_finds_another_start_or_symbol_count_stops_the_vote(monkeypatch) -> None:
    """(review r6) A band whose grid has another start symbol (or another number of symbols) contradicts
    the others: no vote (it used to be grouped apart and ignored)."""
    profiles = band_profiles(_strip(_bars("AB12CD34EF56GH78XY"), 3.0), 6)
    assert code128_vote.vote(profiles) == ("AB12CD34EF56GH78XY", 3)
    orig = code128_vote.band_grids
    mid = profiles[len(profiles) // 2]

    def other_start(p: np.ndarray) -> list[code128_vote.Grid]:
        out = orig(p)
        if p is mid:  # the middle band sees another start symbol, every slot different
            out = [(105 if s != 105 else 104, n, [(v + 7) % 100 for v in slots]) for s, n, slots in out]
        return out

    monkeypatch.setattr(code128_vote, "band_grids", other_start)
    assert code128_vote.vote(profiles) is None


def _moire_and_decoy() -> np.ndarray:
    """The moire code's frame with a decoy below it: 12 dark bars of random widths (the locator boxes it as
    a 1-D code; it has too few bars for a Code 128)."""
    frame = _moire_frame()
    rng, x = np.random.default_rng(1), 40
    for _ in range(12):
        w = int(rng.integers(3, 10))
        frame[560:690, x : x + w] = 30
        x += w + int(rng.integers(3, 10))
    return frame


def test_the_deep_steps_read_the_code_and_not_the_decoys_beside_it(monkeypatch) -> None:
    """The moire code beside a decoy (12 dark bars of random widths: located as a 1-D code, too few bars
    for a Code 128): the camera's deep steps get the code's strip alone (``DEEP_BARS``) and read it; a
    still's get both strips."""
    from pos_app.scanner.deep_strips import DeepStrips
    from pos_app.scanner.views import dark_bars

    monkeypatch.setattr(Decoder, "_zxing_levels", lambda self, v: [])
    frame = _moire_and_decoy()
    gray = to_gray(frame)
    located = [dark_bars(v.image) for v in Decoder()._bars.strips(gray, half_size(gray))]
    assert len(located) == 2 and located[1] < 14 <= located[0], located
    queued: list[list[int]] = []
    begin = DeepStrips.begin

    def spied(self: DeepStrips, unread, steps) -> None:  # type: ignore[no-untyped-def]
        queued.append([dark_bars(v.image) for v, _e in unread])
        begin(self, unread, steps)

    monkeypatch.setattr(DeepStrips, "begin", spied)
    assert held(Decoder(budget_ms=1000), frame)[:2] == ([MOIRE_CODE], "deep")
    assert queued == [located[:1]]
    queued.clear()
    assert MOIRE_CODE in [h.text for h in still_decoder().decode(frame)]
    assert len(queued) == 1 and sorted(queued[0]) == sorted(located)  # a still's deep steps: every strip


def test_the_camera_samples_2x_only_strips_with_a_code_128s_bars(monkeypatch) -> None:
    """The strips pass's 2x samples (4-8 ms a strip) go to the code's strip and not to the decoy's on the
    camera path (``DEEP_BARS``); a still samples both."""
    import pos_app.scanner.decode as decode
    from pos_app.scanner.views import dark_bars

    monkeypatch.setattr(Decoder, "_zxing_levels", lambda self, v: [])  # (reads the code's strip)
    frame = _moire_and_decoy()
    gray = to_gray(frame)
    sampled: list[int] = []
    stretched = decode.stretched

    def spied(v):  # type: ignore[no-untyped-def]
        sampled.append(dark_bars(v.image))
        return stretched(v)

    monkeypatch.setattr(decode, "stretched", spied)
    views = Decoder()._bars.strips(gray, half_size(gray))
    decoder = Decoder(budget_ms=1000)
    decoder._left_ms = lambda: 1000.0
    assert decoder._strip_reads(gray, views, frame) == []
    assert len(sampled) == 1 and sampled[0] >= 14, sampled
    sampled.clear()
    assert still_decoder()._strip_reads(gray, views, frame) == []
    assert len(sampled) == 2 and min(sampled) < 14, sampled
