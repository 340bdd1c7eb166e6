import json
from pathlib import Path

import cv2
import numpy as np
import pytest

from pos_app.cli import main
from pos_app.scanner.decode import Decoder, decode_image, still_decoder
from pos_app.scanner.zxing_reader import ZxingReader
from tests.scanner_fixtures import ZXING, code_on_phone, code_on_plain_frame, make_frame, render_code, zxing_cases

FIXTURES = Path(__file__).parent / "fixtures" / "scan"


@pytest.mark.parametrize(
    ("code", "symbology"),
    [("123456789012", "QRCODE"), ("123456789012", "CODE128"), ("AB12CD34EF56GH78XY", "CODE128")],
)
def test_decodes_a_code_on_a_phone_in_a_cluttered_frame(code: str, symbology: str) -> None:
    frame = code_on_phone(code, symbology, seed=3, angle=8)
    hits = Decoder().decode(frame)
    assert [(h.text, h.symbology) for h in hits] == [(code, symbology)]
    x, y, w, h = hits[0].rect
    assert 0 <= x < x + w < 1280 and 0 <= y < y + h < 720  # frame coordinates
    if symbology == "QRCODE":  # zbar outlines a QR; for a 1-D code it gives points along the scan lines
        assert w > 50 and h > 50


def test_box_is_where_the_code_is() -> None:
    code = render_code("123456789012", "QRCODE", 6)
    frame = np.full((720, 1280), 200, np.uint8)
    frame[100 : 100 + code.shape[0], 700 : 700 + code.shape[1]] = code
    (hit,) = Decoder().decode(frame)
    x, y, w, _h = hit.rect
    quiet = 4 * 6
    assert abs(x - (700 + quiet)) <= 3 and abs(y - (100 + quiet)) <= 3
    assert abs(w - (code.shape[1] - 2 * quiet)) <= 4


def test_a_1d_code_at_45_degrees_is_read_by_a_fallback() -> None:
    frame = code_on_phone("987654321098", "CODE128", seed=5, angle=45)
    decoder = Decoder(budget_ms=1000)
    assert [h.text for h in decoder.decode(frame)] == ["987654321098"]
    assert decoder.stats.winner not in ("roi", "zxing")  # no row or column crosses every bar at 45 degrees


def test_only_configured_symbologies_are_read() -> None:
    frame = code_on_phone("123456789012", "CODE128", seed=1)
    assert Decoder(symbologies=("QRCODE",), budget_ms=1000).decode(frame) == []


def test_text_that_is_not_a_coupon_is_dropped_by_the_pipeline_decoder() -> None:
    url = "https://example.com/" + "x" * 30
    frame = np.full((720, 1280), 230, np.uint8)
    code = render_code(url, "QRCODE", 6)
    frame[50 : 50 + code.shape[0], 50 : 50 + code.shape[1]] = code
    assert Decoder().decode(frame) == []
    assert [h.text for h in decode_image(frame)] == [url]  # the decode command shows every code


def test_empty_cluttered_frames_give_nothing() -> None:
    rng = np.random.default_rng(11)
    decoder = Decoder()
    for _ in range(10):
        assert decoder.decode(make_frame(rng, "empty", with_code=False).image) == []


@pytest.mark.skipif(not ZXING.is_dir(), reason="zxing black-box samples not present")
@pytest.mark.parametrize(
    ("folder", "at_least"),
    # about what zxing-cpp then zbar read of the real photos (docs/scanning.md: 6, 39, 2, 20, 42, 40, 19, 15);
    # zxing-java's own thresholds at 0 degrees are, for comparison: code128-2 36/40, qrcode-1 17/20, qrcode-3 38/42
    [
        ("code128-1", 6),
        ("code128-2", 38),
        ("code128-3", 2),
        ("qrcode-1", 19),
        ("qrcode-2", 33),  # (round 12: 34 of 35, none wrong: a QR Code inside another, control characters)
        ("qrcode-3", 40),
        ("qrcode-4", 38),
        ("qrcode-5", 18),
        ("qrcode-6", 15),
    ],
)
def test_zxing_black_box_photos(folder: str, at_least: int) -> None:
    read = wrong = 0
    for path, expected in zxing_cases(folder):
        texts = [h.text for h in decode_image(cv2.imread(str(path), cv2.IMREAD_COLOR))]
        read += expected in texts
        wrong += sum(t != expected for t in texts)
    assert read >= at_least
    assert wrong == 0


@pytest.mark.skipif(not ZXING.is_dir(), reason="zxing black-box samples not present")
def test_decode_command_shows_control_characters_escaped(capsys) -> None:  # type: ignore[no-untyped-def]
    """zxing's photo qrcode-2 #33 holds "\\x01\\x10AD:SUB:..." (round 12: read as it is, zxing's text mode
    Plain): the terminal gets the control characters escaped, JSON gets the text itself."""
    import json

    photo = str(ZXING / "qrcode-2" / "33.png")
    expected = (ZXING / "qrcode-2" / "33.txt").read_bytes().decode("utf-8")
    assert expected.startswith("\x01\x10AD:SUB:")
    assert main(["decode", photo]) == 0
    shown = capsys.readouterr().out
    assert "\\x01\\x10AD:SUB:" in shown and "\x01" not in shown
    assert main(["decode", "--json", photo]) == 0
    assert json.loads(capsys.readouterr().out)["codes"] == [expected]


def test_decode_command_json(tmp_path, capsys) -> None:
    a = tmp_path / "a.png"
    b = tmp_path / "b.jpg"
    cv2.imwrite(str(a), code_on_phone("123456789012", "QRCODE", seed=2))
    cv2.imwrite(str(b), np.full((100, 100, 3), 128, np.uint8))
    assert main(["decode", str(a), str(b), "--json"]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [(d["file"], d["codes"]) for d in lines] == [(str(a), ["123456789012"]), (str(b), [])]
    assert all(isinstance(d["ms"], float) for d in lines)


def test_decode_command_plain_text(tmp_path, capsys) -> None:
    a = tmp_path / "a.png"
    cv2.imwrite(str(a), code_on_phone("AB12CD34EF56GH78", "CODE128", seed=2))
    assert main(["--lang", "en", "decode", str(a)]) == 0
    assert capsys.readouterr().out.startswith(f"{a}: AB12CD34EF56GH78 (")


def test_decode_command_unreadable_file_exits_2(tmp_path, capsys) -> None:
    bad = tmp_path / "not-an-image.png"
    bad.write_text("hello")
    good = tmp_path / "a.png"
    cv2.imwrite(str(good), code_on_phone("123456789012", "QRCODE"))
    assert main(["--lang", "en", "decode", str(tmp_path / "missing.png"), str(bad), str(good), "--json"]) == 2
    out, err = capsys.readouterr()
    assert "cannot read image" in err and "Traceback" not in err
    assert json.loads(out)["codes"] == ["123456789012"]  # the readable one is still decoded


def test_decode_command_symbologies_option(tmp_path, capsys) -> None:
    a = tmp_path / "a.png"
    cv2.imwrite(str(a), code_on_phone("123456789012", "CODE128", seed=2))
    assert main(["decode", str(a), "--json", "--symbologies", "QRCODE"]) == 0
    assert json.loads(capsys.readouterr().out)["codes"] == []
    with pytest.raises(SystemExit) as exc:
        main(["decode", str(a), "--symbologies", "NOPE"])
    assert exc.value.code == 2


def _small_code128_frame(pitch: float, angle: float = 0.0) -> np.ndarray:
    """A long Code 128 at ``pitch`` frame pixels per module on a plain, slightly noisy frame."""
    frame = code_on_plain_frame("AB12CD34EF56GH78XY", "CODE128", pitch, 90)
    if angle:
        code = render_code("AB12CD34EF56GH78XY", "CODE128", 8)
        h, w = cv2.resize(code, None, fx=pitch / 8, fy=pitch / 8, interpolation=cv2.INTER_AREA).shape
        mat = cv2.getRotationMatrix2D((500 + w / 2, 300 + h / 2), angle, 1.0)
        frame = cv2.warpAffine(frame, mat, (1280, 720), flags=cv2.INTER_LINEAR, borderValue=90)
    return frame


def test_code128_at_1_25_px_per_module_is_read_where_plain_zbar_fails() -> None:
    from pyzbar import pyzbar

    frame = _small_code128_frame(1.25)
    assert pyzbar.decode(frame) == []  # bars too thin for zbar's edge detector as they are
    assert ZxingReader(("CODE128",)).read(frame, rotate=True, invert=True) == []  # nor zxing's
    decoder = Decoder(budget_ms=1000, zbar=True)
    assert [h.text for h in decoder.decode(frame)] == ["AB12CD34EF56GH78XY"]
    # the strip sampled 2x along the code from the frame (cubic) reads before zbar's crops_wide does
    assert decoder.stats.winner == "strips"
    only_zbar = Decoder(budget_ms=1000, zbar=True)
    only_zbar._strip_reads = lambda *args: []  # type: ignore[method-assign]
    assert [h.text for h in only_zbar.decode(frame)] == ["AB12CD34EF56GH78XY"]
    assert only_zbar.stats.winner == "zbar:crops_wide"  # zbar's pass on the crop stretched across the bars


def test_a_1d_code_at_an_angle_is_located_and_turned_upright() -> None:
    frame = _small_code128_frame(2.5, angle=30)
    assert ZxingReader(("CODE128",)).read(frame, rotate=True, invert=True) == []  # no row crosses every bar
    decoder = Decoder(budget_ms=1000)
    hits = decoder.decode(frame)
    assert [h.text for h in hits] == ["AB12CD34EF56GH78XY"]
    assert decoder.stats.winner == "strips"  # the strip along the located code's bars
    x, y, w, h = hits[0].rect  # mapped back to frame pixels, inside the turned code's area
    assert 400 < x + w / 2 < 1000 and 200 < y + h / 2 < 600


def test_decode_command_starts_without_the_counter_keyring_or_httpx(tmp_path) -> None:
    """`pos-app decode` imports only its own command module (its start-up counts in the whole process's
    time); every other command is still there for the other command lines."""
    import subprocess
    import sys

    a = tmp_path / "a.png"
    cv2.imwrite(str(a), code_on_phone("123456789012", "QRCODE", seed=2))
    script = (
        "import sys\nfrom pos_app.app import main\nstatus = main(sys.argv[1:])\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'httpx', 'keyring', 'PySide6'}),"
        " 'pos_app.counter' in sys.modules, status)"
    )
    for argv in (["decode", str(a)], ["--lang", "en", "decode", "--json", str(a)]):
        out = subprocess.run([sys.executable, "-c", script, *argv], capture_output=True, text=True, check=True)
        *_decoded, last = out.stdout.strip().splitlines()
        assert "123456789012" in out.stdout
        assert last == "[] False 0", out.stdout
    from pos_app.cli import build_parser

    help_text = build_parser().format_help()  # no argv: every command
    assert "decode" in help_text and "redeem" in help_text
    assert "redeem" not in build_parser(["--lang", "en", "decode", "x.png"]).format_help()


def test_without_zxing_zbar_reads_alone(monkeypatch) -> None:
    """A broken zxing-cpp install: the camera path and stills fall back to zbar's passes."""
    import pos_app.scanner.decode as decode_mod
    from pos_app.scanner.zxing_reader import ZxingMissing

    def missing(*_args: object) -> None:
        raise ZxingMissing("No module named 'zxingcpp'")

    monkeypatch.setattr(decode_mod, "ZxingReader", missing)
    frame = code_on_phone("123456789012", "QRCODE", seed=2)  # a QR Code: no strip of ours reads it
    decoder = Decoder(budget_ms=1000)
    assert [h.text for h in decoder.decode(frame)] == ["123456789012"]
    assert decoder.stats.winner is not None and decoder.stats.winner.startswith("zbar:")
    assert [h.text for h in decode_image(frame)] == ["123456789012"]


def test_a_still_code128_outside_the_coupon_grammar_needs_a_second_pass() -> None:
    """mod-103 lets two substituted symbols through: on this overexposed frame (set A, seed 20, #124)
    zxing's whole-frame pass read ``CN4AF1P1POUX\\HVR04`` for ``CN4AF1PUPOUX6HVR04``.  A Code 128 text
    the coupon grammar cannot vouch for is reported by ``decode`` only when another pass reads it too."""
    image = cv2.imread(str(FIXTURES / "overexposed_code128_zxing_misread.png"))
    assert image is not None
    texts = [h.text for h in still_decoder().decode(image)]
    assert texts == ["CN4AF1PUPOUX6HVR04"], texts


def test_a_single_scan_line_partial_code128_is_not_reported_by_decode() -> None:
    """Raw pyzbar reads ``89`` (one scan line, quality 1) on this motion-blurred crop of a 20-character
    Code 128 (set A, seed 6, #72: ``4I9SWVXCRS3Z6968DROY``); no other view reads it.  A partial code is a
    wrong read: ``decode`` reports nothing rather than what pyzbar alone would."""
    from pyzbar import pyzbar

    image = cv2.imread(str(FIXTURES / "motion_code128_zbar_single_line_partial.png"))
    assert image is not None
    raw = pyzbar.decode(cv2.cvtColor(image, cv2.COLOR_BGR2GRAY))
    assert [(d.data, d.quality) for d in raw] == [(b"89", 1)]  # the trap is still there
    assert [h.text for h in still_decoder().decode(image)] == []
