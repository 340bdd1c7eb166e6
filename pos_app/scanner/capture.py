"""The camera in worker threads: newest frame only, decoded, debounced; for the window and the CLI.

API for the GUI (callbacks run in the scanner's own threads: marshal them to the GUI thread, e.g. by
emitting a Qt signal from the callback; never touch widgets in them)::

    from pos_app.scanner.capture import CameraScanner, CameraState, list_cameras

    cams = list_cameras()                      # [CameraInfo(index=0, name="HD Webcam"), ...]
    scanner = CameraScanner(
        cams[0].index,                         # or a video file path (played at its own speed)
        on_scan=lambda scan: ...,              # Scan(code, symbology, frame, t, polygon): one per appearance
        on_frame=lambda frame, hits: ...,      # BGR ndarray + [Hit] for the preview, at most preview_fps
        on_state=lambda status: ...,           # CameraStatus(state, text, fields); status.message(tr)
    )
    scanner.start()                            # returns at once; zbar missing -> on_state(NO_ZBAR, ...)
    ...
    scanner.stop()                             # joins the threads (call before closing the window)

Two threads: the grabber reads frames as fast as the camera delivers them and keeps only the newest;
the decoder takes the newest when it is free, so latency never builds up however slow a frame decodes.
With no code seen for a second it decodes at most ``idle_fps`` (15) frames a second while the scene
stays still (a frame that changed is decoded at once: a phone is read on the frame it appears).  The decoder's
budget (12 ms CPU a frame) keeps it under half of one core at 30 fps, OpenCV single-threaded; a code
is reported once two frames agree on it (``pipeline.Agreement``).
A camera that cannot be opened (absent, busy in another program) or stops delivering (unplugged) puts
the scanner in ``UNAVAILABLE`` and it tries again every ``retry_s`` seconds until stopped; a camera that
comes back resumes by itself.  Status texts are English, marked for translation in context "Scanner";
show them with ``status.message(translate)`` where ``translate(context, text)`` is the GUI's (e.g.
``QCoreApplication.translate``) or ``pos_app.i18n.translate``.
"""

from __future__ import annotations

import enum
import logging
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import cv2
import numpy as np

from pos_app.i18n import QT_TRANSLATE_NOOP
from pos_app.scanner.decode import DEFAULT_BUDGET_MS, DEFAULT_SYMBOLOGIES, Hit, same_scene, scene_thumb
from pos_app.scanner.pipeline import Scan, ScanPipeline, zbar_problem

try:  # OpenCV logs a warning for every failed open; the state callback says it in plain words instead
    cv2.utils.logging.setLogLevel(cv2.utils.logging.LOG_LEVEL_ERROR)
except AttributeError:  # pragma: no cover - builds without the logging module
    pass

log = logging.getLogger("scan")
_CTX = "Scanner"
MSG_STARTING = QT_TRANSLATE_NOOP(_CTX, "Opening camera {source}…")
MSG_RUNNING = QT_TRANSLATE_NOOP(_CTX, "Camera {source} is on.")
MSG_UNAVAILABLE = QT_TRANSLATE_NOOP(
    _CTX, "Camera {source} is not available (unplugged or used by another program). Retrying…"
)
MSG_STOPPED = QT_TRANSLATE_NOOP(_CTX, "Camera is off.")
MSG_END_OF_FILE = QT_TRANSLATE_NOOP(_CTX, "End of video {source}.")


class CameraState(enum.Enum):
    STARTING = "starting"
    RUNNING = "running"
    UNAVAILABLE = "unavailable"  # absent, busy or unplugged: retrying
    NO_ZBAR = "no_zbar"  # the zbar library is missing: camera scanning is off
    STOPPED = "stopped"


@dataclass(frozen=True)
class CameraStatus:
    state: CameraState
    text: str  # English, marked with QT_TRANSLATE_NOOP("Scanner", ...)
    fields: dict[str, object] = field(default_factory=dict)

    def message(self, translate: Callable[[str, str], str] | None = None) -> str:
        text = translate(_CTX, self.text) if translate else self.text
        return text.format(**self.fields)


@dataclass(frozen=True)
class CameraInfo:
    index: int
    name: str


def default_backend() -> int:
    """The capture API that opens USB webcams reliably and quickly on this OS."""
    if sys.platform.startswith("win"):
        return cv2.CAP_DSHOW  # MSMF opens slowly and ignores MJPG on many webcams
    if sys.platform == "darwin":
        return cv2.CAP_AVFOUNDATION
    return cv2.CAP_V4L2


def _linux_cameras() -> list[CameraInfo]:
    cams = []
    for dev in sorted(Path("/sys/class/video4linux").glob("video*"), key=lambda p: int(p.name[5:] or 0)):
        try:
            if (dev / "index").read_text().strip() != "0":
                continue  # a second node of the same camera (metadata), not a picture source
            name = (dev / "name").read_text().strip()
        except OSError:
            continue
        cams.append(CameraInfo(int(dev.name[5:]), name))
    return cams


def list_cameras(max_index: int = 5) -> list[CameraInfo]:
    """Cameras that can be opened, with names where the OS gives them (Linux); else probed by index."""
    if sys.platform.startswith("linux") and Path("/sys/class/video4linux").is_dir():
        return _linux_cameras()
    cams = []
    for index in range(max_index + 1):
        cap = cv2.VideoCapture(index, default_backend())
        try:
            if cap.isOpened():
                cams.append(CameraInfo(index, f"Camera {index}"))
        finally:
            cap.release()
    return cams


def open_camera(index: int, width: int = 1280, height: int = 720, fps: float = 30.0) -> cv2.VideoCapture | None:
    """Open a webcam asking for MJPG at width x height @ fps (USB webcams give 720p30 only in MJPG)."""
    cap = cv2.VideoCapture(index, default_backend())
    if not cap.isOpened():
        cap.release()
        return None
    cap.set(cv2.CAP_PROP_FOURCC, cv2.VideoWriter_fourcc(*"MJPG"))  # type: ignore[attr-defined]
    cap.set(cv2.CAP_PROP_FRAME_WIDTH, width)
    cap.set(cv2.CAP_PROP_FRAME_HEIGHT, height)
    cap.set(cv2.CAP_PROP_FPS, fps)
    cap.set(cv2.CAP_PROP_BUFFERSIZE, 1)  # where supported: do not queue old frames in the driver
    return cap


def _flat(thumb: np.ndarray) -> np.ndarray:
    """A scene thumbnail at one brightness (scaled to a mean of 128) without each row's mean: a
    flickering light scales the whole picture and its bands (50 Hz under a rolling shutter) shift whole
    rows; a phone coming into view changes a part of them."""
    scaled = thumb * (128.0 / max(float(thumb.mean()), 1.0))
    flat: np.ndarray = (scaled - scaled.mean(axis=1, keepdims=True)).astype(np.int16)
    return flat


class CameraScanner:
    """Scan codes from a camera index (or a video file, paced at its own fps) in worker threads."""

    FAILED_READS_BEFORE_UNAVAILABLE = 15  # about half a second of a 30 fps camera
    IDLE_AFTER_S = 1.0  # no code seen for this long: decode at most idle_fps frames a second

    def __init__(
        self,
        source: int | str,
        on_scan: Callable[[Scan], None],
        on_frame: Callable[[np.ndarray, list[Hit]], None] | None = None,
        on_state: Callable[[CameraStatus], None] | None = None,
        *,
        symbologies: tuple[str, ...] = DEFAULT_SYMBOLOGIES,
        window_s: float = 3.0,
        budget_ms: float = DEFAULT_BUDGET_MS,
        retry_s: float = 2.0,
        preview_fps: float = 15.0,
        idle_fps: float = 15.0,
        size: tuple[int, int] = (1280, 720),
        fps: float = 30.0,
    ) -> None:
        self.source = source
        self._on_scan = on_scan
        self._on_frame = on_frame
        self._on_state = on_state
        self._symbologies = symbologies
        self._window_s = window_s
        self._budget_ms = budget_ms
        self.retry_s = retry_s
        self._preview_interval = 1.0 / preview_fps if preview_fps > 0 else 0.0
        # a counter camera looks at an empty counter most of the day (~5 ms a frame): decoding half the
        # frames then halves the CPU it takes, for at most one frame's delay when a code appears
        self._idle_interval = 1.0 / idle_fps if idle_fps > 0 else 0.0
        self._size = size
        self._fps = fps
        self._stop = threading.Event()
        self._cond = threading.Condition()
        self._latest: tuple[int, float, np.ndarray] | None = None
        self._grab_done = False
        self._threads: list[threading.Thread] = []
        self.state = CameraState.STOPPED
        self.open_attempts = 0
        self.frames_grabbed = 0
        self.frames_decoded = 0

    # --- control (any thread)

    def start(self) -> bool:
        """Start scanning; False (and on_state(NO_ZBAR)) when zbar is missing."""
        if self._threads:
            return True
        problem = zbar_problem()
        if problem is not None:
            self._set_state(CameraState.NO_ZBAR, problem)
            return False
        cv2.setNumThreads(1)  # our per-frame work is small; one core stays free for the window
        self._stop.clear()
        self._grab_done = False
        self._threads = [
            threading.Thread(target=self._grab_loop, name="camera-grab", daemon=True),
            threading.Thread(target=self._decode_loop, name="camera-decode", daemon=True),
        ]
        for t in self._threads:
            t.start()
        return True

    def stop(self, timeout: float = 3.0) -> None:
        self._stop.set()
        with self._cond:
            self._cond.notify_all()
        for t in self._threads:
            if t is not threading.current_thread():
                t.join(timeout)
        self._threads = []
        if self.state is not CameraState.NO_ZBAR:
            self._set_state(CameraState.STOPPED, MSG_STOPPED)

    def wait(self, timeout: float | None = None) -> bool:
        """Wait for a video file to be played to its end; True if it was."""
        for t in list(self._threads):
            t.join(timeout)
        return not any(t.is_alive() for t in self._threads)

    @property
    def running(self) -> bool:
        return any(t.is_alive() for t in self._threads)

    # --- the threads

    def _set_state(self, state: CameraState, text: str) -> None:
        self.state = state
        log.info("camera %s: %s", self.source, state.value)
        if self._on_state is not None:
            self._call(self._on_state, CameraStatus(state, text, {"source": self.source}))

    @staticmethod
    def _call(callback: Callable[..., None], *args: object) -> None:
        """A failing callback is logged; it must not kill the scanner's thread."""
        try:
            callback(*args)
        except Exception:
            log.exception("scanner callback %r failed", callback)

    def _publish(self, index: int, t: float, frame: np.ndarray) -> None:
        with self._cond:
            self._latest = (index, t, frame)  # an undecoded older frame is simply replaced
            self._cond.notify()
        self.frames_grabbed += 1

    def _grab_loop(self) -> None:
        try:
            if isinstance(self.source, int):
                self._grab_camera(self.source)
            else:
                self._grab_file(str(self.source))
        finally:
            with self._cond:
                self._grab_done = True
                self._cond.notify_all()

    def _grab_camera(self, index: int) -> None:
        self._set_state(CameraState.STARTING, MSG_STARTING)
        frame_no = 0
        while not self._stop.is_set():
            self.open_attempts += 1
            cap = open_camera(index, *self._size, self._fps)
            if cap is None:
                self._set_state(CameraState.UNAVAILABLE, MSG_UNAVAILABLE)
                self._stop.wait(self.retry_s)
                continue
            failed = 0
            try:
                while not self._stop.is_set():
                    ok, frame = cap.read()
                    if not ok or frame is None:
                        failed += 1
                        if failed >= self.FAILED_READS_BEFORE_UNAVAILABLE:
                            break
                        self._stop.wait(0.03)
                        continue
                    if failed or self.state is not CameraState.RUNNING:
                        self._set_state(CameraState.RUNNING, MSG_RUNNING)
                    failed = 0
                    self._publish(frame_no, time.monotonic(), frame)
                    frame_no += 1
            finally:
                cap.release()
            if not self._stop.is_set():  # unplugged or taken by another program
                self._set_state(CameraState.UNAVAILABLE, MSG_UNAVAILABLE)
                self._stop.wait(self.retry_s)

    def _grab_file(self, path: str) -> None:
        """A video played as a camera would deliver it: paced at its fps, its own clock for ``t``."""
        self.open_attempts += 1
        cap = cv2.VideoCapture(path)
        if not cap.isOpened():
            self._set_state(CameraState.UNAVAILABLE, MSG_UNAVAILABLE)
            return
        self._set_state(CameraState.RUNNING, MSG_RUNNING)
        fps = cap.get(cv2.CAP_PROP_FPS) or 30.0
        start = time.monotonic()
        index = 0
        try:
            while not self._stop.is_set():
                ok, frame = cap.read()
                if not ok:
                    break
                t = index / fps
                delay = start + t - time.monotonic()
                if delay > 0 and self._stop.wait(delay):
                    break
                self._publish(index, t, frame)
                index += 1
        finally:
            cap.release()
        self._set_state(CameraState.STOPPED, MSG_END_OF_FILE)

    def _decode_loop(self) -> None:
        pipeline = ScanPipeline(self._symbologies, self._window_s, self._budget_ms)
        last_preview = last_decode = last_hit = 0.0
        idle_scene: np.ndarray | None = None  # thumbnail of the last frame decoded while idle
        while True:
            with self._cond:
                while self._latest is None and not self._stop.is_set() and not self._grab_done:
                    self._cond.wait(0.5)
                item, self._latest = self._latest, None
            if item is None:  # stopped, or the file ended and its last frame was decoded
                return
            index, t, frame = item
            now = time.monotonic()
            idle = now - last_hit > self.IDLE_AFTER_S
            # idle, a frame is decoded at most idle_fps a second -- unless the scene changed since the last
            # one decoded (a phone coming into view is read on the frame it appears, ~0.1 ms to know)
            thumb = _flat(scene_thumb(frame)) if idle else None
            if thumb is not None and now - last_decode < self._idle_interval and same_scene(idle_scene, thumb):
                hits: list[Hit] = []  # nothing in view for a while: skip, but keep the preview live
            else:
                last_decode, idle_scene = now, thumb
                for scan in pipeline.feed(frame, index, t):
                    self._call(self._on_scan, scan)
                self.frames_decoded += 1
                hits = list(pipeline.hits)
                if hits:
                    last_hit = now
            if self._on_frame is not None and now - last_preview >= self._preview_interval:
                last_preview = now
                self._call(self._on_frame, frame, hits)
