"""The webcam beside the code field: a small preview with a box round the code, a camera selector and on/off.

``pos_app.scanner.capture.CameraScanner`` does the work in its own threads and calls back from them;
every callback here only converts data and emits a signal (queued to the GUI thread).  A code read by
the camera goes through the same path as a typed or USB-scanned one (``code_scanned``).
"""

from __future__ import annotations

import logging
import threading
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QComboBox, QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from pos_app.ui import style

if TYPE_CHECKING:
    import numpy as np

log = logging.getLogger("ui")

PREVIEW_WIDTH = 320  # px; small on purpose: the result panel is what the cashier reads
PREVIEW_FPS = 15.0
LIST_DELAY_MS = 1500


def preview_image(frame: np.ndarray, polygons: list[tuple[tuple[int, int], ...]], width: int) -> QImage:
    """A BGR frame scaled to ``width`` px, the codes boxed in green, as an RGB QImage (any thread)."""
    import cv2  # numpy and OpenCV load with the first frame, not with the window (start-up time)
    import numpy as np

    h, w = frame.shape[:2]
    scale = width / float(w)
    small = cv2.resize(frame, (width, max(1, round(h * scale))), interpolation=cv2.INTER_AREA)
    for poly in polygons:
        if len(poly) >= 2:
            pts = np.array([[round(x * scale), round(y * scale)] for x, y in poly], np.int32)
            cv2.polylines(small, [pts], True, (59, 127, 27), 3)  # BGR of style.GREEN
    rgb = cv2.cvtColor(small, cv2.COLOR_BGR2RGB)
    rgb = np.ascontiguousarray(rgb)
    image = QImage(rgb.data, rgb.shape[1], rgb.shape[0], rgb.strides[0], QImage.Format.Format_RGB888)
    return image.copy()  # own the pixels: rgb is freed when this returns


class CameraView(QWidget):
    """``code_scanned(str)`` for each code the camera reads.  ``sources`` overrides the camera list
    (a video file path plays as a camera: tests and demos)."""

    code_scanned = Signal(str)
    _frame = Signal(object)
    _scan = Signal(str)
    _status = Signal(object)
    _sources_found = Signal(object)

    def __init__(self, parent: QWidget | None = None, sources: list[tuple[str, Any]] | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("cameraView")
        self.scanner: Any = None
        self.frames_shown = 0
        self._last_status: Any = None
        self._frame.connect(self._show_frame)
        self._scan.connect(self._on_scan)
        self._status.connect(self._on_status)
        self._sources_found.connect(self._fill_sources)

        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        row = QVBoxLayout()  # stacked: the side column must stay narrow at 1024 px
        self.selector = QComboBox()
        self.selector.setObjectName("cameraSelector")
        self.selector.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the code field keeps the focus
        self.selector.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.selector.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.selector.setMinimumContentsLength(8)
        self.toggle = QPushButton()
        self.toggle.setObjectName("cameraToggle")
        self.toggle.setCheckable(True)
        self.toggle.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.toggle.toggled.connect(self._toggled)
        row.addWidget(self.selector)
        row.addWidget(self.toggle)
        lay.addLayout(row)
        self.preview = QLabel()
        self.preview.setObjectName("cameraPreview")
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        # As tall as the side column allows (120 to 240 px): a fixed 240 px overflowed the column at
        # 1024x768 beside the session list and the training codes.
        self.preview.setMinimumHeight(PREVIEW_WIDTH * 3 // 8)
        self.preview.setMaximumHeight(PREVIEW_WIDTH * 3 // 4)
        self.preview.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Ignored)
        self.preview.setStyleSheet("background: #222; color: #ddd;")
        self.preview.setWordWrap(True)
        self.preview.hide()
        lay.addWidget(self.preview)
        self.status = QLabel()
        self.status.setObjectName("cameraStatus")
        self.status.setWordWrap(True)
        self.status.setFont(style.font(style.SMALL_PT))
        # A fixed three-line box: a wrapped label's height-for-width made the side column give this
        # view less than it needs, and the status was drawn over the preview at 1024x768.
        self.status.setFixedHeight(3 * self.status.fontMetrics().lineSpacing() + 4)
        self.status.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        lay.addWidget(self.status)

        self.listed = sources is not None
        self._lister: threading.Thread | None = None
        self._closed = False
        self.toggle.setEnabled(False)
        if sources is not None:
            self._fill_sources(sources)
        else:
            # Listing opens devices (slow on Windows) and imports OpenCV: never on the GUI thread, and
            # only once the window is up (it would compete with start-up for the CPU and the GIL).
            QTimer.singleShot(LIST_DELAY_MS, self._start_listing)
        self.retranslate_ui()

    def _start_listing(self) -> None:
        if self._closed or self._lister is not None:
            return
        self._lister = threading.Thread(target=self._list_cameras, name="camera-list", daemon=True)
        self._lister.start()

    def _list_cameras(self) -> None:
        try:
            from pos_app.scanner.capture import list_cameras

            sources = [(cam.name, cam.index) for cam in list_cameras()]
        except Exception:  # no camera stack at all: typed and USB-scanner input still work
            log.warning("camera list unavailable", exc_info=True)
            sources = []
        if not self._closed:
            self._sources_found.emit(sources)

    def _fill_sources(self, sources: list[tuple[str, Any]]) -> None:
        self.listed = True
        self.selector.clear()
        for name, source in sources:
            self.selector.addItem(name, source)
        self.toggle.setEnabled(bool(sources))
        self.retranslate_ui()

    # -- on/off ------------------------------------------------------------------------------------

    def start(self) -> None:
        self.toggle.setChecked(True)

    def stop(self) -> None:
        """Stop the camera threads (joins them, and the camera listing); safe to call twice."""
        if self.toggle.isChecked():
            self.toggle.setChecked(False)  # -> _toggled(False)
        else:
            self._stop_scanner()
        self._closed = True
        if self._lister is not None:
            self._lister.join(10)
            self._lister = None

    def _toggled(self, on: bool) -> None:
        if on:
            self._start_scanner()
        else:
            self._stop_scanner()
        self.retranslate_ui()

    def _start_scanner(self) -> None:
        from pos_app.scanner.capture import CameraScanner

        source = self.selector.currentData()
        if source is None:
            self.toggle.setChecked(False)
            return
        self.selector.setEnabled(False)
        self.preview.show()
        self._relayout()
        self.scanner = CameraScanner(
            source,
            on_scan=lambda scan: self._scan.emit(scan.code),
            on_frame=self._frame_from_thread,
            on_state=lambda status: self._status.emit(status),
            preview_fps=PREVIEW_FPS,
        )
        self.scanner.start()

    def _stop_scanner(self) -> None:
        scanner, self.scanner = self.scanner, None
        if scanner is not None:
            scanner.stop()
        self.selector.setEnabled(True)
        self.preview.clear()
        self.preview.hide()
        self._relayout()

    # -- callbacks (scanner threads -> signals -> GUI thread) ---------------------------------------

    def _relayout(self) -> None:
        """The preview was shown or hidden: the side column must give this view its new minimum (a
        cached one left the status line drawn over the picture at 1024x768)."""
        self.setMinimumHeight(self.layout().totalMinimumSize().height())
        self.updateGeometry()

    def _frame_from_thread(self, frame: np.ndarray, hits: list[Any]) -> None:
        image = preview_image(frame, [h.polygon for h in hits], PREVIEW_WIDTH)
        self._frame.emit(image)

    def _show_frame(self, image: QImage) -> None:
        if self.scanner is None:
            return  # a frame that arrived after "off"
        pixmap = QPixmap.fromImage(image)
        if pixmap.height() > self.preview.height() > 0:
            pixmap = pixmap.scaledToHeight(self.preview.height(), Qt.TransformationMode.SmoothTransformation)
        self.preview.setPixmap(pixmap)
        self.frames_shown += 1

    def _on_scan(self, code: str) -> None:
        if self.scanner is not None:
            self.code_scanned.emit(code)

    def _on_status(self, status: Any) -> None:
        self._last_status = status
        self.status.setText(status.message(QCoreApplication.translate))

    def retranslate_ui(self) -> None:
        self.toggle.setText(self.tr("Camera off (F4)") if self.toggle.isChecked() else self.tr("Camera on (F4)"))
        if not self.listed:
            self.status.setText(self.tr("Looking for cameras…"))
        elif self.selector.count() == 0:
            self.status.setText(self.tr("No camera found. Use the handheld scanner or type the code."))
        elif self._last_status is not None:
            self.status.setText(self._last_status.message(QCoreApplication.translate))
        else:
            self.status.setText(self.tr("Camera is off."))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
