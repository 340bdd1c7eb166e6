"""Qt's own messages (qt.multimedia, PulseAudio, platform plugins...) into our log, not onto the terminal.

Installed by both entry points that start Qt (the window and ``--self-test``) before anything loads
QtMultimedia: its plugin loader reports every optional library it does not find (pipewire, VA-API) and
PulseAudio's "pa_context_connect() failed" on a machine without a sound server — noise for an installer,
kept in the log for whoever debugs sound.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QtMsgType, qInstallMessageHandler

from pos_app.logs import qt_message

_KINDS = {
    QtMsgType.QtDebugMsg: "debug",
    QtMsgType.QtInfoMsg: "info",
    QtMsgType.QtWarningMsg: "warning",
    QtMsgType.QtCriticalMsg: "critical",
    QtMsgType.QtFatalMsg: "fatal",
}


def route_qt_messages() -> None:
    def handler(mode: Any, context: Any, message: str) -> None:
        qt_message(_KINDS.get(mode, "warning"), context.category or "default", message)

    qInstallMessageHandler(handler)
