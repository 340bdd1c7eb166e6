"""`pos-app scan --source VIDEO_FILE`: the camera path, headless, on generated MJPG videos."""

import json

import pytest

from pos_app.cli import main
from tests.scanner_fixtures import scene_video

A, B = "123456789012", "AB12CD34EF56GH78"
FPS = 10.0


def scans(capsys, *argv: str) -> list[dict]:
    assert main(["scan", *argv, "--json"]) == 0
    return [json.loads(line) for line in capsys.readouterr().out.splitlines()]


def starts(found: list[dict]) -> list[tuple[str, float]]:
    return [(s["code"], s["t"]) for s in found]


def near(got: list[tuple[str, float]], want: list[tuple[str, float]], frames: int = 2) -> bool:
    """Same codes in the same order, each read within ``frames`` frames of its appearance."""
    return [c for c, _ in got] == [c for c, _ in want] and all(
        0 <= tg - tw <= frames / FPS + 1e-6 for (_, tg), (_, tw) in zip(got, want, strict=True)
    )


def test_appear_then_stay_gives_one_scan(tmp_path, capsys) -> None:
    video = scene_video(tmp_path / "stay.avi", [(1.0, None), (5.0, A), (1.0, None)], FPS)
    found = scans(capsys, "--source", str(video))
    assert near(starts(found), [(A, 1.0)])
    assert set(found[0]) == {"code", "symbology", "frame", "t"}
    assert found[0]["symbology"] == "QRCODE" and found[0]["frame"] == round(found[0]["t"] * FPS)


def test_leave_and_return_after_the_window_gives_a_second_scan(tmp_path, capsys) -> None:
    video = scene_video(tmp_path / "return.avi", [(1.0, A), (3.5, None), (1.0, A)], FPS)
    assert near(starts(scans(capsys, "--source", str(video))), [(A, 0.0), (A, 4.5)])


def test_leave_and_return_within_the_window_gives_no_second_scan(tmp_path, capsys) -> None:
    video = scene_video(tmp_path / "back.avi", [(1.0, A), (1.5, None), (1.0, A)], FPS)
    assert near(starts(scans(capsys, "--source", str(video))), [(A, 0.0)])
    # the window is configurable: with 1 s the same return is a new scan
    assert near(starts(scans(capsys, "--source", str(video), "--window", "1")), [(A, 0.0), (A, 2.5)])


def test_two_different_codes_give_two_scans(tmp_path, capsys) -> None:
    video = scene_video(tmp_path / "two.avi", [(1.0, A), (1.5, B)], FPS)
    found = scans(capsys, "--source", str(video))
    assert near(starts(found), [(A, 0.0), (B, 1.0)])  # B at once, though A was seen just before
    assert [s["symbology"] for s in found] == ["QRCODE", "CODE128"]


def test_seconds_limits_the_video_clock_and_plain_output(tmp_path, capsys) -> None:
    video = scene_video(tmp_path / "long.avi", [(0.5, None), (1.0, A), (1.0, None), (1.0, B)], FPS)
    assert near(starts(scans(capsys, "--source", str(video), "--seconds", "2.2")), [(A, 0.5)])
    assert main(["scan", "--source", str(video)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 2 and lines[0].split()[-1] == A and lines[1].split()[-1] == B


@pytest.mark.parametrize("argv", [["--source", "nope.avi"], ["--source", "__bad__"], ["--seconds", "0"]])
def test_bad_input_exits_2_without_traceback(tmp_path, capsys, argv) -> None:
    bad = tmp_path / "__bad__"
    bad.write_bytes(b"not a video")
    argv = [str(bad) if a == "__bad__" else a for a in argv]
    if "--source" not in argv:
        argv += ["--source", str(bad)]
    assert main(["--lang", "en", "scan", *argv]) == 2
    err = capsys.readouterr().err
    assert "pos-app:" in err and "Traceback" not in err
