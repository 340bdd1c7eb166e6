"""Run the real counter window on the X display in $DISPLAY for ``test_real_window`` (not a test).

    python tests/ui/real_window_driver.py OUT.json N_CODES [DELAY_S]

Training services (the embedded simulator); the first lookup answers after DELAY_S seconds.  Prints the
demo codes to use (one line, space-separated) and "ready" once the window has the keyboard focus; then
xdotool types into it like a USB scanner.  When the simulator has seen N_CODES lookups and the window
has settled (or after 60 s), it writes what reached card/code/get and what the screen shows to OUT.json
and quits.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))


def main() -> int:
    out, count = Path(sys.argv[1]), int(sys.argv[2])
    delay = float(sys.argv[3]) if len(sys.argv) > 3 else 0.0
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    app = QApplication(sys.argv[:1])
    from pos_app.services import build_services
    from pos_app.ui.main_window import MainWindow

    services = build_services(demo=True)
    sim = services.simulator
    kinds = ("cash", "discount", "gift", "general", "groupon")
    codes = [sim.fresh_code(kinds[i % len(kinds)]) for i in range(count)]
    window = MainWindow(services, cashier="Zhang")
    window.resize(1024, 768)
    window.show()
    window.activateWindow()
    if delay:
        sim.inject("/card/code/get", "delay", delay=delay)
    started = time.monotonic()
    announced = False

    def looked_up() -> list[str]:
        calls = sorted(sim.calls_to("/card/code/get"), key=lambda c: c.time)
        return [c.body["code"] for c in calls if c.body]

    def poll() -> None:
        nonlocal announced
        if not announced and window.isActiveWindow() and window.scan_field.hasFocus():
            announced = True
            print(" ".join(codes), flush=True)
            print("ready", flush=True)
        settled = window.state == "showing" and not window.worker.busy and not window.counter.queued
        if (len(looked_up()) >= count and settled) or time.monotonic() - started > 60:
            current = window.current
            out.write_text(
                json.dumps(
                    {
                        "codes": codes,
                        "looked_up": looked_up(),
                        "shown": current.code if current is not None else "",
                        "code_label": window.panel.code_label.text(),
                        "field": window.scan_field.text(),
                    }
                )
            )
            window.shutdown()
            app.quit()

    timer = QTimer(timeout=poll)
    timer.start(20)
    try:
        return app.exec()
    finally:
        services.close()


if __name__ == "__main__":
    sys.exit(main())
