"""Save a PNG of every state of the counter window, in English and Chinese.

    uv run python tools/screenshots.py                     # offscreen, into build/screenshots/
    xvfb-run -s "-screen 0 1280x1024x24" uv run python tools/screenshots.py --platform xcb
    uv run python tools/screenshots.py --docs              # also refresh docs/screenshots/*.png
    uv run python tools/screenshots.py --states chain      # only the chain's states (needs PostgreSQL)

The window runs for real against the simulator on loopback: a counter look (credentials in a throw-away
keyring, API base = the simulator) for the verdicts, redeemed band, confirming, offline and F10 dialog,
and the training look (``--demo`` services) for the watermark and the demo codes panel.  A chain's
counter (``chain_*``) runs through a real hub: a private PostgreSQL cluster (Debian's binaries) and
``pos-app hub``'s server in front of the simulator; skipped with a note when PostgreSQL is missing.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SIZES = {"small": (1024, 768), "large": (1920, 1080)}
DOCS = {"en_redeemable_cash.png": "counter-en.png", "zh_CN_redeemable_cash.png": "counter-zh_CN.png"}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "screenshots")
    parser.add_argument("--platform", default=None, help="Qt platform (default: offscreen without DISPLAY)")
    parser.add_argument("--size", choices=sorted(SIZES), default="small")
    parser.add_argument("--lang", action="append", choices=("en", "zh_CN"), help="default: both")
    parser.add_argument("--docs", action="store_true", help="copy the README pair into docs/screenshots/")
    parser.add_argument(
        "--states", default="counter,training,chain", help="comma-separated: counter, training, chain (default: all)"
    )
    args = parser.parse_args(argv)

    if args.platform:
        os.environ["QT_QPA_PLATFORM"] = args.platform
    elif not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    scratch = Path(tempfile.mkdtemp(prefix="pos-app-shots-"))
    os.environ["POS_APP_CONFIG_DIR"] = str(scratch / "config")
    os.environ["POS_APP_DATA_DIR"] = str(scratch / "data")
    os.environ["POS_APP_TEST_KEYRING"] = str(scratch / "keyring.json")
    os.environ["PYTHON_KEYRING_BACKEND"] = "tests.support.file_keyring.FileKeyring"
    sys.path.insert(0, str(ROOT))
    args.out.mkdir(parents=True, exist_ok=True)
    try:
        states = {part.strip() for part in args.states.split(",")}
        saved = Shooter(args.out, SIZES[args.size]).run(args.lang or ["en", "zh_CN"], states)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    for path in saved:
        print(path)
    if args.docs:
        docs = ROOT / "docs" / "screenshots"
        docs.mkdir(parents=True, exist_ok=True)
        for source, target in DOCS.items():
            shutil.copyfile(args.out / source, docs / target)
            print(docs / target)
    return 0


class Shooter:
    def __init__(self, out: Path, size: tuple[int, int]) -> None:
        from PySide6.QtWidgets import QApplication

        from pos_app.ui import style

        self.out = out
        self.size = size
        self.app = QApplication.instance() or QApplication(["pos-app-screenshots"])
        font = self.app.font()
        font.setPointSize(style.DETAIL_PT - 2)
        self.app.setFont(font)
        self.app.setStyleSheet(style.APP_QSS)
        self.saved: list[Path] = []

    # -- helpers -----------------------------------------------------------------------------------

    def wait(self, predicate: Callable[[], bool], timeout: float = 15.0) -> None:
        deadline = time.monotonic() + timeout
        while not predicate():
            if time.monotonic() > deadline:
                raise TimeoutError("state not reached")
            self.app.processEvents()
            time.sleep(0.01)
        for _ in range(5):  # let layouts settle before grabbing
            self.app.processEvents()

    def settle(self, seconds: float = 0.15) -> None:
        self.wait(lambda: True)
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            self.app.processEvents()
            time.sleep(0.01)

    def save(self, widget, name: str) -> None:
        self.settle()
        path = self.out / f"{self.lang}_{name}.png"
        widget.grab().save(str(path))
        self.saved.append(path)

    def scan(self, window, code: str) -> None:
        from pos_app import counter as m

        window.send(m.Cancelled())
        window.scan_field.submit_text(code)  # the same path as a scan followed by Enter
        self.wait(lambda: window.state == "showing" and not window.worker.busy)

    def modal(self):
        from PySide6.QtWidgets import QApplication

        self.wait(lambda: QApplication.activeModalWidget() is not None)
        return QApplication.activeModalWidget()

    # -- states ------------------------------------------------------------------------------------

    def run(self, langs: list[str], states: set[str] | None = None) -> list[Path]:
        from pos_app.ui.translations import install_translators

        states = states or {"counter", "training", "chain"}
        base = Path(os.environ["POS_APP_DATA_DIR"])
        for lang in langs:
            self.lang = lang
            os.environ["POS_APP_DATA_DIR"] = str(base / lang)  # each language starts with an empty journal
            install_translators(self.app, lang)
            if "counter" in states:
                self.counter_states()
            if "training" in states:
                self.training_states()
            if "chain" in states:
                os.environ["POS_APP_DATA_DIR"] = str(base / lang / "chain")
                self.chain_states()
        install_translators(self.app, "en")
        return self.saved

    def chain_states(self) -> None:
        """Two counters of a chain through a real hub: counter A (store 12, cashier Li) redeems; this
        counter (store 7) shows where; a card its store may not redeem; the journal line, hub up and down."""
        from pos_app.hub.pgcluster import Cluster, NoPostgresError

        try:
            cluster = Cluster()
        except NoPostgresError:
            print("chain states skipped: no PostgreSQL server binaries (apt install postgresql)", file=sys.stderr)
            return
        try:
            self._chain(cluster.start())
        finally:
            cluster.destroy()

    def _chain(self, database_url: str) -> None:
        import httpx

        from pos_app import credentials
        from pos_app.config import Config
        from pos_app.credentials import Credentials
        from pos_app.hub import terminals
        from pos_app.hub.server import HubServer
        from pos_app.hub.shipper import Shipper
        from pos_app.journal import Journal
        from pos_app.models import OperationContext
        from pos_app.sandbox import DEMO_APPID, DEMO_SECRET, Simulator
        from pos_app.sandbox.demo import demo_card_id
        from pos_app.services import build_services
        from pos_app.workflow import Workflow
        from tests.hub.helpers import counter_client

        def enrol(hub: HubServer, store: str, name: str) -> Credentials:
            with hub.db.tx() as conn:
                code = terminals.enroll(conn, store, name)
            data = httpx.post(f"{hub.url}/hub/v1/connect", json={"code": code}).json()
            return Credentials(data["terminal"], data["credential"])

        with Simulator() as sim:
            hub: HubServer | None = HubServer(database_url, Credentials(DEMO_APPID, DEMO_SECRET), upstream=sim.base_url)
            hub.start()
            try:
                with hub.db.tx() as conn:
                    terminals.ensure_store(conn, "12", "Store 12")
                    terminals.ensure_store(conn, "7", "Store 7")
                a, b = enrol(hub, "12", "3"), enrol(hub, "7", "counter-1")
                redeemed, other = sim.demo_codes("cash")[0], sim.demo_code("discount")
                journal_a = Path(os.environ["POS_APP_DATA_DIR"]) / "counter-a.sqlite"
                journal_a.parent.mkdir(parents=True, exist_ok=True)
                with counter_client(hub, a) as client, Journal.open(journal_a) as journal:
                    flow = Workflow(client, journal, OperationContext(cashier="Li", terminal="3"))
                    flow.redeem(flow.lookup(redeemed))
                with Shipper(hub.url, a.appid, a.secret, journal_a) as shipper:
                    shipper.ship()
                credentials.save(b.appid, b.secret)
                cfg = Config.load()
                cfg.set_text("api_base", hub.url)
                cfg.terminal_id, cfg.hub_terminal = b.appid, True
                cfg.save()
                services = build_services(demo=False, config=Config.load())
                window = self._window(services, cashier="Wang")
                try:
                    self.wait(lambda: window.ship_label.isVisible())
                    self.scan(window, redeemed)
                    self.save(window, "chain_redeemed_elsewhere")
                    with hub.db.tx() as conn:
                        terminals.set_store_cards(conn, "7", [demo_card_id("cash")])
                    self.scan(window, other)
                    self.save(window, "chain_store_rule")
                    hub.stop()
                    hub = None
                    self.scan(window, sim.demo_codes("cash")[1])  # no answer: recorded, not yet at the hub
                    window.journal_ship.soon()  # the last ship went through: this one starts at once
                    status = lambda: window.journal_ship.status  # noqa: E731
                    self.wait(lambda: status() is not None and status().unreachable_since is not None)
                    self.save(window, "chain_hub_unreachable")
                finally:
                    window.shutdown()
                    window.close()
                    window.deleteLater()
                    services.close()
                    credentials.clear()
                    cfg = Config.load()  # the next language's plain counter is no chain's counter
                    cfg.hub_terminal, cfg.terminal_id = False, ""
                    cfg.save()
            finally:
                if hub is not None:
                    hub.stop()

    def _window(self, services, cashier: str = "Zhang"):
        from pos_app.ui.main_window import MainWindow

        window = MainWindow(services, cashier=cashier, confirm_retry_ms=400)
        window.resize(*self.size)
        window.show()
        self.wait(lambda: window.isVisible() and window.camera.listed)
        return window

    def counter_states(self) -> None:
        from pos_app import credentials
        from pos_app.config import Config
        from pos_app.sandbox import DEMO_APPID, DEMO_CUSTOM_CARD_IDS, DEMO_SECRET, Simulator
        from pos_app.services import build_services

        with Simulator() as sim:
            credentials.save(DEMO_APPID, DEMO_SECRET)
            cfg = Config.load()
            cfg.api_base = sim.base_url
            cfg.custom_card_ids = list(DEMO_CUSTOM_CARD_IDS)
            cfg.terminal_id = "2"
            services = build_services(demo=False, config=cfg)
            window = self._window(services)
            try:
                self.verdicts(window, sim)
                self.actions(window, sim, cfg)
                self.dialogs(window, sim, cfg)
            finally:
                window.shutdown()
                window.close()
                window.deleteLater()
                services.close()
                credentials.clear()

    def verdicts(self, window, sim) -> None:
        from pos_app import counter as m

        self.save(window, "ready")
        done = set()
        for entry in sim.demo_catalog():
            key = entry.label  # every demo kind (both gift states, member cards, tickets when present)
            if key in done or entry.card_id is not None:
                continue
            done.add(key)
            self.scan(window, entry.code)
            if entry.expected.value == "redeemable" and entry.key == "cash":
                window.panel.total_edit.setText("520")
            self.save(window, f"{entry.expected.value}_{entry.key}")
        # A condition that fails: another store; then a minimum spend not reached (Tab, 450).
        window.config.store_location_id = 401234999
        window.apply_settings()
        self.scan(window, sim.demo_code("store_only"))
        self.save(window, "condition_failed")
        window.config.store_location_id = None
        window.apply_settings()
        self.scan(window, sim.demo_codes("cash")[3])
        window.panel.total_edit.setFocus()
        window.panel.total_edit.setText("450")
        self.save(window, "minimum_spend_not_met")
        # Scans waiting while a slow lookup runs.
        sim.inject("/card/code/get", "delay", delay=1.5)
        window.send(m.Cancelled())
        for code in (sim.demo_codes("gift")[1], sim.demo_codes("gift")[2], sim.demo_codes("cash")[4]):
            window.scan_field.submit_text(code)
        self.wait(lambda: window.state == "looking_up")
        self.save(window, "looking_up_with_queue")
        self.wait(lambda: window.state == "showing" and not window.worker.busy and not window.counter.queued)
        self.save(window, "after_queue")

    def actions(self, window, sim, cfg) -> None:
        from pos_app import counter as m

        # Redeemed band, then the same code again: already redeemed, by whom.
        self.scan(window, sim.demo_code("cash"))
        window.send(m.RedeemPressed())
        self.wait(lambda: window.state == "done")
        self.save(window, "redeemed")
        self.scan(window, sim.demo_code("cash"))
        self.wait(lambda: "Zhang" in window.panel.message_label.text())
        self.save(window, "already_redeemed_here")
        # Redeeming (a slow answer): no "Esc stops waiting".
        self.scan(window, sim.demo_codes("discount")[2])
        sim.inject("/card/code/consume", "delay", delay=1.0)
        window.send(m.RedeemPressed())
        self.wait(lambda: window.state == "redeeming")
        self.save(window, "redeeming")
        self.wait(lambda: window.state == "done")
        # Confirming: the consume answer is lost and the re-reads fail for a while.
        self.scan(window, sim.demo_codes("discount")[1])
        sim.inject("/card/code/consume", "drop_after_commit")
        sim.inject("/card/code/get", "http_500", times=30)
        window.send(m.RedeemPressed())
        self.wait(lambda: window.state == "confirming")
        self.save(window, "confirming")
        sim.clear_faults()
        self.wait(lambda: window.state == "done")
        # Offline: the service goes away during a redemption.
        self.scan(window, sim.demo_codes("gift")[3])
        sim.stop()
        window.send(m.RedeemPressed())
        self.wait(lambda: window.offline and window.state == "showing" and not window.worker.busy)
        self.save(window, "offline")
        sim.start()
        self.wait(lambda: not window.offline, timeout=20)
        # Error from the service (quota used up) - a sentence, not a code.
        sim.inject("/card/code/get", "errcode", errcode=45009, times=3)
        self.scan(window, sim.demo_codes("gift")[4])
        self.save(window, "error")
        sim.clear_faults()

    def dialogs(self, window, sim, cfg) -> None:
        from pos_app import counter as m
        from pos_app.pin import hash_pin

        # A real counter with no PIN yet: F10 makes the manager set one.
        self.scan(window, sim.demo_codes("general")[1])
        window.send(m.InvalidatePressed())
        self.save(self.modal(), "set_first_pin")
        self.modal().reject()
        # With a PIN: a wrong one, then the right one, then both pages of the F10 dialog.
        cfg.manager_pin_hash = hash_pin("2468")
        window.send(m.InvalidatePressed())
        pin = self.modal()
        self.save(pin, "manager_pin")
        pin.field.setText("0000")
        pin.try_pin()
        self.save(pin, "manager_pin_wrong")
        pin.field.setText("2468")
        pin.try_pin()
        self.wait(lambda: window.invalidate_dialog is not None)
        dialog = window.invalidate_dialog
        dialog.reason.setEditText(dialog.reason.itemText(0))
        dialog.agreed.setChecked(True)
        self.save(dialog, "invalidate_reason")
        dialog._next()
        self.save(dialog, "invalidate_confirm")
        dialog.reject()
        # An override of a failed condition.
        cfg.store_location_id = 401234999
        window.apply_settings()
        self.scan(
            window,
            sim.demo_codes("store_only")[1] if len(sim.demo_codes("store_only")) > 1 else sim.demo_code("store_only"),
        )
        window.send(m.RedeemPressed())
        self.save(self.modal(), "override_question")
        self.modal().reject()
        cfg.store_location_id = None
        window.apply_settings()
        # History, the shift report and its CSV file dialog (Qt's own dialog, translated).
        window.open_history()
        history = self.modal()
        self.wait(lambda: history.model.rowCount() > 0 and not history.worker.busy)
        self.save(history, "history")
        history.open_report()
        report = self.modal()
        self.wait(lambda: report.report is not None)
        self.save(report, "shift_report")
        self.file_dialog(report)
        report.accept()
        history.accept()
        self.settle()
        # Settings.
        window.send(m.Cancelled())
        window.open_settings()
        pin = self.modal()
        pin.field.setText("2468")
        pin.try_pin()
        settings = self.modal()
        self.wait(lambda: settings._creds is not None)
        self.save(settings, "settings")
        settings.reject()

    def file_dialog(self, parent) -> None:
        from PySide6.QtWidgets import QFileDialog

        dialog = QFileDialog(parent, parent.tr("Export CSV"), str(self.out), "CSV (*.csv)")
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.open()
        self.save(dialog, "file_dialog")
        dialog.reject()

    def training_states(self) -> None:
        from pos_app.services import build_services

        services = build_services(demo=True)
        window = self._window(services)
        try:
            self.save(window, "training")
            self.scan(window, services.simulator.demo_code("groupon"))
            self.save(window, "training_redeemable")
        finally:
            window.shutdown()
            window.close()
            window.deleteLater()
            services.close()
        self.camera_state()

    def camera_state(self) -> None:
        """The camera on (a recorded video as the camera), preview and status in the side column."""
        from pos_app.services import build_services
        from pos_app.ui.main_window import MainWindow
        from tests.scanner_fixtures import scene_video

        services = build_services(demo=True)
        video = scene_video(self.out / "camera.avi", [(1.0, None), (6.0, services.simulator.demo_code("gift"))])
        window = MainWindow(services, cashier="Zhang", camera_sources=[("Test camera", str(video))])
        window.resize(*self.size)
        window.show()
        try:
            self.wait(lambda: window.camera.listed)
            window.camera.toggle.click()
            self.wait(lambda: window.state == "showing" and not window.worker.busy)
            self.save(window, "camera")
        finally:
            window.camera.stop()
            window.shutdown()
            window.close()
            window.deleteLater()
            services.close()


if __name__ == "__main__":
    sys.exit(main())
