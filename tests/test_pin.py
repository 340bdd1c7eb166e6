"""Manager PIN: real scrypt hashes in a real config file; lockout survives a reload of the file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pos_app import pin
from pos_app.config import Config
from pos_app.pin import PinError, PinGuard, PinState


class Clock:
    def __init__(self) -> None:
        self.now = 1_800_000_000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def cfg_path(tmp_path: Path) -> Path:
    return tmp_path / "config.json"


def guard_for(path: Path, clock: Clock) -> PinGuard:
    cfg = Config.load(path)
    return PinGuard(cfg, clock=clock, save=lambda: cfg.save(path))


def test_hash_is_salted_scrypt_and_never_the_pin() -> None:
    a, b = pin.hash_pin("4821"), pin.hash_pin("4821")
    assert a != b and a.startswith("scrypt$") and "4821" not in a
    assert pin.verify_pin("4821", a) and pin.verify_pin("4821", b)
    assert not pin.verify_pin("4822", a)
    assert not pin.verify_pin("4821", "garbage") and not pin.verify_pin("4821", "md5$1$2$3$x$y")


@pytest.mark.parametrize(("new", "repeat"), [("123", None), ("123456789", None), ("12a4", None), ("１２３４", None)])
def test_new_pin_must_be_4_to_8_ascii_digits(new: str, repeat: str | None) -> None:
    with pytest.raises(PinError) as err:
        pin.validate_new_pin(new, repeat)
    assert err.value.message == pin.MSG_BAD_FORMAT


def test_repeat_must_match() -> None:
    with pytest.raises(PinError) as err:
        pin.validate_new_pin("1234", "1235")
    assert err.value.message == pin.MSG_MISMATCH


def test_no_pin_set_lets_through(cfg_path: Path) -> None:
    check = guard_for(cfg_path, Clock()).check("")
    assert check.state is PinState.NOT_SET and check.ok


def test_right_pin_and_file_holds_only_the_hash(cfg_path: Path) -> None:
    clock = Clock()
    guard = guard_for(cfg_path, clock)
    guard.set_pin("4821", "4821")
    text = cfg_path.read_text()
    assert "4821" not in text and "scrypt$" in text
    assert guard_for(cfg_path, clock).check("4821").state is PinState.OK


def test_five_wrong_tries_lock_for_five_minutes_even_across_restarts(cfg_path: Path) -> None:
    clock = Clock()
    guard_for(cfg_path, clock).set_pin("4821")
    for tries_left in (4, 3, 2, 1):
        result = guard_for(cfg_path, clock).check("0000")  # a fresh load each time = app restarted
        assert (result.state, result.tries_left) == (PinState.WRONG, tries_left)
        clock.now += 1
    locked = guard_for(cfg_path, clock).check("0000")
    assert (locked.state, locked.seconds_left) == (PinState.LOCKED, 300)
    assert json.loads(cfg_path.read_text())["pin_lock"]["failures"] == 5

    clock.now += 299
    restarted = guard_for(cfg_path, clock)
    still = restarted.check("4821")  # even the right PIN is refused while locked
    assert (still.state, still.seconds_left) == (PinState.LOCKED, 1)
    assert still.message() == (pin.MSG_LOCKED, {"minutes": "0", "seconds": "01"})

    clock.now += 1
    assert guard_for(cfg_path, clock).check("0000").tries_left == 4  # fresh count after the lock
    assert guard_for(cfg_path, clock).check("4821").state is PinState.OK
    assert json.loads(cfg_path.read_text())["pin_lock"] == {}


def test_clock_set_back_cannot_stretch_the_lock(cfg_path: Path) -> None:
    clock = Clock()
    guard = guard_for(cfg_path, clock)
    guard.set_pin("4821")
    for _ in range(5):
        guard.check("1111")
    clock.now -= 3600  # someone set the clock back an hour
    assert guard_for(cfg_path, clock).seconds_locked() == 300
    clock.now += 300
    assert guard_for(cfg_path, clock).check("4821").state is PinState.OK


def test_success_resets_the_count(cfg_path: Path) -> None:
    clock = Clock()
    guard = guard_for(cfg_path, clock)
    guard.set_pin("4821")
    for _ in range(4):
        guard.check("1111")
    assert guard.check("4821").state is PinState.OK
    assert guard.check("1111").tries_left == 4


def test_messages_are_translated() -> None:
    from pos_app.i18n import translate

    for text in (pin.MSG_WRONG, pin.MSG_LOCKED, pin.MSG_BAD_FORMAT, pin.MSG_MISMATCH):
        assert translate("messages", text, "zh_CN") != text
