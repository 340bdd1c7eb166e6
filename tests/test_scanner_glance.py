"""An idle counter's frames get only zxing's glance; the full pass and the fallbacks wait for their turn
(every IDLE_EVERY-th frame) unless the glance sees a code it cannot decode."""

from pathlib import Path

import cv2
import numpy as np

from pos_app.scanner.decode import IDLE_EVERY, Decoder
from pos_app.scanner.views import half_size
from pos_app.scanner.zxing_reader import ZxingReader
from tests.scanner_fixtures import code_on_phone, code_on_plain_frame, make_frame

FIXTURES = Path(__file__).parent / "fixtures" / "scan"


def _empty_frames(n: int) -> list[np.ndarray]:
    rng = np.random.default_rng(11)
    return [make_frame(rng, "empty", with_code=False).image for _ in range(n)]


def _small_qr_frame(pitch: float) -> np.ndarray:
    """A QR Code at ``pitch`` frame pixels per module on a plain, slightly noisy 1280x720 frame."""
    return code_on_plain_frame("123456789012", "QRCODE", pitch, 200)


def test_an_idle_counter_gets_the_full_pass_only_on_its_turn() -> None:
    decoder = Decoder()
    passes = []
    for frame in _empty_frames(2 * IDLE_EVERY):
        assert decoder.decode(frame) == []
        passes.append(decoder.stats.passes)
    for i, p in enumerate(passes):
        if i % IDLE_EVERY == 0:  # the turn of the whole-frame pass (and of the fallbacks, if the gate opens)
            assert "zxing" in p and "glance" not in p
        else:
            assert p == ["roi", "glance", "idle"]


def test_a_code_shown_to_an_idle_counter_is_read_by_the_glance_at_once() -> None:
    for code, symbology in (("123456789012", "QRCODE"), ("AB12CD34EF56GH78XY", "CODE128")):
        found = set()
        for k in range(1, IDLE_EVERY):  # each idle frame of a cycle glances for one kind of code
            decoder = Decoder()
            for frame in _empty_frames(k):
                decoder.decode(frame)
            hits = decoder.decode(code_on_phone(code, symbology, seed=3, angle=4))
            if hits:
                assert [(h.text, h.symbology) for h in hits] == [(code, symbology)]
                assert decoder.stats.winner == "glance"
                x, y, w, h = hits[0].rect  # frame coordinates, not the glance's rows or half-size copy
                assert 100 < x + w / 2 < 1180 and 100 < y + h / 2 < 620
                found.add(k)
        assert len(found) == 1  # read on the idle frame whose glance looks for its kind only


def test_a_code_the_glance_sees_but_cannot_decode_gets_the_full_pass_on_an_idle_frame() -> None:
    frame = _small_qr_frame(2.5)  # 1.25 px per module in the half-size copy: found, not decoded
    seen: list[str] = []
    zx = ZxingReader(("QRCODE", "CODE128"))
    assert zx.read(half_size(frame).image, downscale=False, kinds="matrix", seen=seen) == []
    assert seen  # the glance's evidence
    for k in range(1, IDLE_EVERY):
        decoder = Decoder()
        for empty in _empty_frames(k):
            decoder.decode(empty)
        hits = decoder.decode(frame)
        if "zxing" in decoder.stats.passes:  # the idle frame whose glance looks for 2-D codes
            assert [h.text for h in hits] == ["123456789012"] and decoder.stats.winner == "zxing"
            break
    else:
        raise AssertionError("no idle frame ran the full pass on the glance's evidence")


def test_a_code_the_glance_cannot_see_is_read_on_the_next_turn() -> None:
    frame = code_on_phone("987654321098", "CODE128", seed=5, angle=45)  # no row crosses every bar
    decoder = Decoder(budget_ms=1000)
    decoder.decode(_empty_frames(1)[0])  # the turn
    winners = []
    for _ in range(IDLE_EVERY):
        hits = decoder.decode(frame)
        winners.append(decoder.stats.winner if hits else None)
    assert winners[:-1] == [None] * (IDLE_EVERY - 1)  # glanced at, nothing seen
    assert winners[-1] not in (None, "glance", "zxing", "roi")  # the fallbacks on their turn


def test_the_reader_reads_one_kind_of_code_when_asked() -> None:
    zx = ZxingReader(("QRCODE", "CODE128"))
    qr = _small_qr_frame(4)
    assert [r[0] for r in zx.read(qr, kinds="matrix")] == ["123456789012"]
    assert zx.read(qr, kinds="linear") == []
    assert zx.has("linear") and zx.has("matrix") and not ZxingReader(("QRCODE",)).has("linear")


def _with_noise(frame: np.ndarray, rng: np.random.Generator, sigma: float = 4.0) -> np.ndarray:
    """The same scene on another exposure: fresh sensor noise."""
    return np.clip(frame + rng.normal(0, sigma, frame.shape), 0, 255).astype(np.uint8)


def test_a_still_empty_scene_runs_each_pass_once_then_only_glances() -> None:
    rng = np.random.default_rng(5)
    scene = _empty_frames(1)[0]
    decoder = Decoder(budget_ms=1000)  # every turn whole: none cut short by the budget
    passes = []
    for _ in range(3 * IDLE_EVERY):
        assert decoder.decode(_with_noise(scene, rng)) == []
        passes.append(decoder.stats.passes)
    assert "zxing" in passes[0] and "glance" not in passes[0]
    assert all("zxing" not in p for p in passes[1:])  # no pass twice on one scene
    first_still = next(i for i, p in enumerate(passes) if "still" in p)  # every pass has run: glances only,
    assert first_still <= 2 * IDLE_EVERY  # on the turns' frames, while the scene does not change (round 12)
    assert all("glance" in p or p == ["rest"] for p in passes[first_still:]), passes
    assert all("glance" in p for p in passes[IDLE_EVERY::IDLE_EVERY]), passes  # the turns: a glance
    other = _empty_frames(2)[1]  # the scene changes: its turn is whole again
    decoder.decode(_with_noise(other, rng))
    assert "zxing" in decoder.stats.passes and "still" not in decoder.stats.passes


def test_a_turn_the_budget_cut_short_is_not_skipped_on_a_still_scene() -> None:
    scene = code_on_phone("987654321098", "CODE128", seed=5, angle=45)  # only the fallbacks read it
    decoder = Decoder(budget_ms=0.01)  # the fallbacks never fit
    passes = []
    for _ in range(3 * IDLE_EVERY):
        assert decoder.decode(scene) == []
        passes.append(decoder.stats.passes)
    assert not any("still" in p for p in passes) and all("glance" not in p for p in passes[::IDLE_EVERY])


def test_a_phone_shown_to_a_still_empty_scene_is_read_on_the_next_turn() -> None:
    rng = np.random.default_rng(7)
    empty = _empty_frames(1)[0]
    decoder = Decoder(budget_ms=1000)
    passes = []
    for _ in range(2 * IDLE_EVERY):  # a whole fruitless turn, then a still one
        decoder.decode(_with_noise(empty, rng))
        passes.append(decoder.stats.passes)
    assert "still" in passes[IDLE_EVERY]
    phone = code_on_phone("987654321098", "CODE128", seed=5, angle=45)  # only the fallbacks read it
    winners = [decoder.stats.winner if decoder.decode(phone) else None for _ in range(IDLE_EVERY)]
    first = next((w for w in winners if w is not None), None)  # within IDLE_EVERY frames
    assert first is not None, winners
    assert first not in ("glance", "zxing", "roi")  # the fallbacks' turn, not skipped as a still scene


def test_deep_steps_stop_within_their_share_whatever_the_strips_cost() -> None:
    """(review r6) A kind of step's estimate jumps to what it last cost: after a cheap strip, a costly
    one of the same kind ends the turn's share (0.2, 6, 6, 6 ms a strip, a 7 ms share: 6.2 ms, not 12+)."""
    from pos_app.scanner.deep_strips import DeepStrips
    from pos_app.scanner.views import View, identity

    now = [0.0]
    costs = [0.2, 6.0, 6.0, 6.0]
    views = [View(np.zeros((1, 1), np.uint8), identity() + i) for i in range(4)]

    def vote(gray: np.ndarray, v: View) -> list:  # type: ignore[type-arg]
        now[0] += costs[int(v.back[0, 2])] / 1000
        return []

    steps = [("vote", lambda v, e: True, vote)]
    deep = DeepStrips(lambda: now[0])
    deep.begin([(v, True) for v in views], steps)
    deep.run(np.zeros((1, 1)), steps, 7.0)
    assert now[0] * 1000 <= 7.0
    assert deep.pending  # the other strips wait for the next turn


def test_a_held_code_the_locator_found_but_nothing_read_gets_a_turn_on_every_frame(monkeypatch) -> None:
    """A still scene whose located Code 128 the passes left unread: the frames between turns go on with
    its deep steps (here ``strip_fix``'s strips read it), not glances; it is read within two turns' time
    instead of three turns of deep steps (B:12 #63, moiré: the located box lies beside the bars)."""
    from pos_app.scanner import decode

    monkeypatch.setattr(decode, "MIN_BUDGET_SCALE", 1.0)  # a crop of a 1280x720 frame: that frame's budget
    frame = cv2.imread(str(FIXTURES / "c128_fix_moire_B12_63.png"))
    decoder = Decoder(budget_ms=1000)
    passes, read = [], []
    for _ in range(3 * IDLE_EVERY + 1):
        read.append([h.text for h in decoder.decode(frame)])
        passes.append(decoder.stats.passes)
    assert "deep" in passes[1], passes[:2]  # the frame after the first turn: deep steps, not a glance
    first = next(i for i, texts in enumerate(read) if texts)
    assert read[first] == ["K6O1DKCHTX7Y3347RY"]
    assert first < 2 * IDLE_EVERY, passes[: first + 1]


def _qr_unread(pitch: int = 8) -> np.ndarray:
    """A QR Code nothing reads (its data modules scrambled, its finder patterns whole) on a plain frame:
    the barcode locator boxes its finder patterns as bars."""
    from tests.scanner_fixtures import render_code

    qr = render_code("https://mp.example.cn/card?encrypt_code=abcdefghijklmnop", "QRCODE", pitch)
    modules = qr[::pitch, ::pitch] < 128
    finders = np.zeros_like(modules)
    finders[:8, :8] = finders[:8, -8:] = finders[-8:, :8] = True
    modules = np.where(finders, modules, np.random.default_rng(3).random(modules.shape) < 0.5)
    img = 255 - np.kron(modules.astype(np.uint8), np.ones((pitch, pitch), np.uint8)) * 255
    rng = np.random.default_rng(1)
    frame = np.clip(200 + rng.normal(0, 3, (720, 1280)), 0, 255).astype(np.uint8)
    frame[100 : 100 + img.shape[0], 400 : 400 + img.shape[1]] = img
    return frame


def test_dark_bars_tell_a_code_128_from_a_qr_finder_pattern() -> None:
    from pos_app.scanner.decode import BUSY_BARS
    from pos_app.scanner.views import dark_bars
    from tests.scanner_fixtures import render_code

    code = render_code("123456789012", "CODE128", 3)
    assert dark_bars(code[:48]) >= 28  # 3 a symbol: start, 6 digit pairs, check, stop (4 bars)
    qr = render_code("https://mp.example.cn/card?encrypt_code=abcdefghijklmnop", "QRCODE", 6)
    finder = qr[24 : 24 + 42, 18 : 24 + 48]  # the top-left finder pattern (after a 4-module quiet zone)
    assert 3 <= dark_bars(finder) <= 7
    assert dark_bars(code[:48]) >= BUSY_BARS > dark_bars(finder)


def test_an_unread_qr_codes_finder_patterns_do_not_make_every_frame_a_turn() -> None:
    """The locator boxes a QR Code's finder patterns: not a Code 128 to spend every frame on."""
    frame = _qr_unread()
    decoder = Decoder(budget_ms=1000)
    passes = []
    for _ in range(IDLE_EVERY):
        assert decoder.decode(frame) == []
        passes.append(decoder.stats.passes)
    assert "strips" in passes[0]  # the locator found "bars", the strips pass read nothing
    assert all(("glance" in p or p == ["rest"]) and "deep" not in p for p in passes[1:]), passes


def test_dark_bars_on_degenerate_strips() -> None:
    """Narrower than its 15 px window (np.convolve's "same" then returns 15 values), empty, one or two
    rows, constant: a count, no error (a strip's bars are counted on every unread strip)."""
    from pos_app.scanner.views import dark_bars

    for w in (1, 2, 5, 14):
        assert dark_bars(np.full((48, w), 200, np.uint8)) == 0
    narrow = np.full((48, 14), 220, np.uint8)
    narrow[:, 3:5] = narrow[:, 9:11] = 20
    assert dark_bars(narrow) == 2
    assert dark_bars(np.zeros((0, 100), np.uint8)) == 0
    assert dark_bars(np.zeros((48, 0), np.uint8)) == 0
    row = np.full((1, 200), 220, np.uint8)
    row[0, 50:53] = row[0, 100:103] = 20
    assert dark_bars(row) == dark_bars(np.vstack([row, row])) == 2
    assert dark_bars(np.full((48, 200), 128, np.uint8)) == 0


def _qr_hidden_then_shown(decoy: bool) -> tuple[np.ndarray, np.ndarray]:
    """A QR Code on a plain frame, beside a drawn Code 128-like bar pattern (``decoy``: the located,
    unread 1-D code of a busy still scene, as WeChat's barcode above its QR Code): the first frame with
    the finder patterns' modules inverted off the 8 px grid ``scene_thumb`` samples (unreadable, the very
    same scene: focus settling, a reflection), the next ones whole."""
    from tests.scanner_fixtures import render_code

    qr = render_code("https://mp.weixin.qq.com/bizmall/card?encrypt_code=K6O1DKCHTX7Y3347", "QRCODE", 8)
    rng = np.random.default_rng(1)
    frame = np.clip(200 + rng.normal(0, 3, (720, 1280)), 0, 255).astype(np.uint8)
    if decoy:  # bars and spaces of differing widths, as a code's (stripes at one width are no code: PERIODIC)
        x = 104
        for k, w in enumerate(np.random.default_rng(2).integers(2, 8, 200)):
            if x + w > 704:
                break
            if k % 2 == 0:
                frame[40:140, x : x + w] = 30
            x += w
    y0, x0 = 200, 496
    frame[y0 : y0 + qr.shape[0], x0 : x0 + qr.shape[1]] = qr
    hidden = frame.copy()
    modules = qr[4::8, 4::8] < 128
    r0, c0 = int(np.argmax(modules.any(axis=1))), int(np.argmax(modules.any(axis=0)))
    size = modules.shape[0] - 2 * r0
    for fr, fc in ((r0, c0), (r0, c0 + size - 7), (r0 + size - 7, c0)):
        for i in range(fr, fr + 7):
            for j in range(fc, fc + 7):
                ys, xs = y0 + i * 8 + 1, x0 + j * 8 + 1
                hidden[ys : ys + 7, xs : xs + 7] = 255 - hidden[ys : ys + 7, xs : xs + 7]
    return hidden, frame


def test_a_busy_still_scene_keeps_the_glance_kinds_alternating() -> None:
    """The frames a located, unread Code 128 makes busy (``Decoder._busy``) glance for QR Codes and 1-D
    codes in turn as any idle frame does: a QR Code the turn could not read is read on the next frame,
    as without the 1-D code (not after three frames of one kind, ``_unread // IDLE_EVERY``)."""
    firsts = []
    for decoy in (False, True):
        hidden, frame = _qr_hidden_then_shown(decoy)
        decoder = Decoder(budget_ms=1000)  # the first turn runs every pass, however slow the machine
        assert decoder.decode(hidden) == []
        passes = [decoder.stats.passes]
        for k in range(1, 2 * IDLE_EVERY):
            read = decoder.decode(frame)
            passes.append(decoder.stats.passes)
            if read:
                firsts.append(k)
                break
        else:
            firsts.append(None)
        if decoy:
            assert "still" in passes[1], passes  # a busy frame (not a turn's: it is the 2nd)
    assert firsts == [1, 1], firsts


def test_a_still_scenes_decoys_get_no_deep_steps() -> None:
    """A still scene whose located "bars" have too few dark bars for a Code 128 (``DEEP_BARS``: a QR
    Code's finder patterns, text, keys) spends no frame on the deep steps: an empty cluttered counter's
    held frames are glances after its first turns (research e10, session 9)."""
    frame = _qr_unread()
    decoder = Decoder(budget_ms=1000)
    passes = []
    for _ in range(3 * IDLE_EVERY + 1):
        assert decoder.decode(frame) == []
        passes.append(decoder.stats.passes)
    assert "strips" in passes[0]  # the locator found "bars", the strips pass read nothing
    assert not any("deep" in p for p in passes), passes
