"""The GUI's composition root: the QApplication, translators, services and the main window.

``pos-app`` without a sub-command lands here (``pos_app.cli.main`` -> ``start_gui(args)``).  Nothing
else constructs the window's collaborators.  ``POS_APP_EXIT_AFTER_SHOWN=1`` prints
``window-shown <ms since process start>`` once the window is first shown and quits: the packaging
checks measure start-up with it.

Qt's own messages go to the log file (pos_app.logs.qt_message), not the terminal, unless ``--verbose``.
Where Linux has no display at all the window cannot open: say so in a sentence instead of Qt's abort.
Ctrl+C in the terminal closes the window like its close button.
"""

from __future__ import annotations

import logging
import os
import sys
import time
from typing import Any

from pos_app.i18n import QT_TRANSLATE_NOOP

log = logging.getLogger("ui")

NO_DISPLAY = QT_TRANSLATE_NOOP(
    "gui_entry",
    "No display: the window needs a desktop (X11 or Wayland). Over SSH or in a container use the "
    "commands (pos-app --help), or check the installation with pos-app --self-test.",
)

_IMPORTED_AT = time.time()


def process_age_ms() -> float:
    """Milliseconds since this process started (falls back to since this module was imported)."""
    started = _process_start_time()
    return (time.time() - (started if started is not None else _IMPORTED_AT)) * 1000.0


def _process_start_time() -> float | None:
    try:
        if sys.platform.startswith("linux"):
            with open("/proc/self/stat", encoding="ascii") as fh:
                stat = fh.read()
            # Field 22 (starttime, clock ticks after boot); fields after the ")" of the command name.
            ticks = int(stat.rsplit(")", 1)[1].split()[19])
            with open("/proc/uptime", encoding="ascii") as fh:
                uptime = float(fh.read().split()[0])
            return time.time() - uptime + ticks / os.sysconf("SC_CLK_TCK")
        if sys.platform == "win32":
            import ctypes
            from ctypes import wintypes

            creation, exited, kernel, user = (wintypes.FILETIME() for _ in range(4))
            handle = ctypes.windll.kernel32.GetCurrentProcess()  # type: ignore[attr-defined]
            if ctypes.windll.kernel32.GetProcessTimes(  # type: ignore[attr-defined]
                handle, *(ctypes.byref(t) for t in (creation, exited, kernel, user))
            ):
                filetime = (creation.dwHighDateTime << 32) | creation.dwLowDateTime
                return filetime / 10_000_000 - 11_644_473_600  # 100 ns since 1601 -> epoch seconds
    except (OSError, ValueError, IndexError, AttributeError):
        pass
    return None


def no_display() -> bool:
    """Linux with neither X11 nor Wayland and no platform chosen: Qt would abort (SSH, a container)."""
    return (
        sys.platform.startswith("linux")
        and not os.environ.get("QT_QPA_PLATFORM")
        and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    )


def _close_on_ctrl_c(app: Any) -> None:
    """SIGINT (Ctrl+C in the terminal) quits like closing the window.  Python runs signal handlers only
    between bytecodes, so a timer wakes the interpreter while Qt's event loop waits."""
    import signal

    from PySide6.QtCore import QTimer

    # Queued: a Ctrl+C that comes before the window is shown still closes it once the loop runs.
    signal.signal(signal.SIGINT, lambda *_: QTimer.singleShot(0, app.closeAllWindows))
    timer = QTimer(app)
    timer.timeout.connect(lambda: None)
    timer.start(250)


def _install_crash_hook(parent_getter: Any) -> None:
    """A bug must not close the till: log it, tell the cashier in a sentence, keep running."""
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QMessageBox

    def hook(exc_type: type[BaseException], exc: BaseException, tb: Any) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        log.critical("unexpected error", exc_info=(exc_type, exc, tb))
        QMessageBox.warning(
            parent_getter(),
            QCoreApplication.translate("gui_entry", "Unexpected problem"),
            QCoreApplication.translate(
                "gui_entry",
                "Something went wrong in the app. Your last operation is in the journal. "
                "If it happens again, tell the manager.",
            ),
        )

    sys.excepthook = hook


def _obtain_services(config: Any, demo: bool, exit_after_shown: bool) -> tuple[Any, bool] | None:
    """Services for the window; the first-run setup dialog when there are no credentials yet."""
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QMessageBox

    from pos_app.errors import ConfigError
    from pos_app.services import build_services

    while True:
        try:
            return build_services(demo=demo, config=config), demo
        except ConfigError as exc:
            if demo or exit_after_shown:
                print(exc, file=sys.stderr)
                if not exit_after_shown:
                    QMessageBox.critical(
                        None,
                        "pos-app",
                        QCoreApplication.translate("messages", exc.message),
                    )
                return None
            from pos_app.ui.setup_dialog import SetupChoice, run_setup

            choice = run_setup(None, config)
            if choice is None:
                return None
            if choice is SetupChoice.TRAINING:
                demo = True


def start_gui(args: Any) -> int:
    """Run the counter window until it is closed; the process exit status."""
    exit_after_shown = os.environ.get("POS_APP_EXIT_AFTER_SHOWN") == "1"
    if no_display():
        from pos_app.i18n import translate

        print(translate("gui_entry", NO_DISPLAY), file=sys.stderr)
        return 2
    from pos_app.ui.qt_messages import route_qt_messages

    route_qt_messages()
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    from pos_app.config import Config
    from pos_app.errors import ConfigError
    from pos_app.ui import style

    app = QApplication.instance() or QApplication([sys.argv[0]])
    _close_on_ctrl_c(app)
    app.setApplicationName("pos-app")
    app.setApplicationDisplayName("pos-app")
    app_font = app.font()
    app_font.setPointSize(style.DETAIL_PT - 2)
    app.setFont(app_font)
    app.setStyleSheet(style.APP_QSS)
    try:
        from pos_app.ui.icons import app_icon

        app.setWindowIcon(app_icon())
    except ImportError:  # pragma: no cover - icons are another area's; the window works without
        pass

    try:
        config = Config.load()
    except ConfigError as exc:
        print(exc, file=sys.stderr)
        QMessageBox.critical(None, "pos-app", exc.message)
        return 2

    from pos_app.ui.translations import install_translators

    install_translators(app, getattr(args, "lang", None) or config.language)
    try:
        from pos_app.ui import sounds

        sounds.set_muted(config.sound_muted)
    except ImportError:  # pragma: no cover
        pass

    obtained = _obtain_services(config, bool(getattr(args, "demo", False)), exit_after_shown)
    if obtained is None:
        return 3
    services, demo = obtained

    from pos_app.ui.main_window import MainWindow

    window = MainWindow(services, cashier=config.cashier, demo=demo)
    _install_crash_hook(lambda: window)
    if exit_after_shown:

        def report() -> None:
            print(f"window-shown {process_age_ms():.0f}", flush=True)
            QTimer.singleShot(0, app.quit)

        window.first_shown.connect(report)
    else:
        # Shift start: who is at the till (pre-filled with the last name).  Pending journal rows
        # left by a crash or a lost answer are settled in the background.
        QTimer.singleShot(0, window.ask_cashier)
        if getattr(services, "journal", None) is not None:
            window._reconcile()
    screen = app.primaryScreen()
    if screen is not None and screen.availableGeometry().width() <= 1280:
        window.showMaximized()
    else:
        window.resize(1280, 860)
        window.show()
    try:
        return int(app.exec())
    finally:
        # The window is closed: a second Ctrl+C while we shut down (a terminal sends it to the whole
        # group, and `uv run` forwards its own copy) must not turn a clean exit into death by SIGINT.
        # Python resets its own handlers to the default at exit, but leaves SIG_IGN alone.
        import signal

        signal.signal(signal.SIGINT, signal.SIG_IGN)
        window.shutdown()
        services.close()
        sys.excepthook = sys.__excepthook__
