"""Synthetic, labelled webcam frames of a coupon code on a phone screen at a counter.

Used by the scan benchmark (``scan_bench.py``) and, for single images and videos, by the scanner tests.
Everything is drawn with numpy/OpenCV from a seed, so a frame set is reproducible bit for bit.

A frame is: a cluttered counter scene (gradients, shapes, text-like marks, stripes), a phone (dark body,
lit screen with app chrome and the code) placed with a random in-plane rotation and perspective, then
the camera: optics (blur/defocus/motion), exposure, sensor noise, JPEG.  Each benchmark category pushes
one of these to the hard end of what a counter webcam sees; ``mixed`` combines several.
"""

from __future__ import annotations

import math
import string
from collections.abc import Iterator
from dataclasses import dataclass

import cv2
import numpy as np

CATEGORIES = (
    "clean",
    "scale",
    "rotation",
    "tilt",
    "blur",
    "defocus",
    "motion",
    "noise",
    "dim",
    "low_contrast",
    "overexposure",
    "glare",
    "jpeg",
    "moire",
    "finger",
    "mixed",
)

_ALNUM = string.ascii_uppercase + string.digits


# --- the codes -------------------------------------------------------------------------------------------


def qr_modules(text: str, border: int = 4) -> np.ndarray:
    """QR module matrix (1 = dark) with a quiet zone, as WeChat would encode a coupon code."""
    import segno

    qr = segno.make_qr(text, error="m")  # segno raises the level while the version stays the same
    m = np.array([list(row) for row in qr.matrix], dtype=np.uint8)
    return np.pad(m, border)


def code128_modules(text: str, quiet: int = 10) -> np.ndarray:
    """Code 128 bar pattern (1 = dark) as a 1-row module array with quiet zones."""
    import barcode

    bits = barcode.Code128(text).build()[0]
    row = np.array([int(b) for b in bits], dtype=np.uint8)
    return np.pad(row, quiet)[None, :]


def render_code(text: str, symbology: str, module_px: int) -> np.ndarray:
    """Black-on-white uint8 image of the code, ``module_px`` pixels per module."""
    if symbology == "QRCODE":
        m = qr_modules(text)
        img = np.kron(m, np.ones((module_px, module_px), np.uint8))
    else:
        m = code128_modules(text)
        width = m.shape[1] * module_px
        height = max(int(width * 0.28), 40)  # a typical WeChat barcode is about 3.5 : 1
        img = np.repeat(np.repeat(m, module_px, axis=1), height, axis=0)
    return (255 - img * 255).astype(np.uint8)


def random_code(rng: np.random.Generator) -> str:
    """A coupon code: 12 digits (the common case) or 16-20 characters.

    Never starting with "99": python-barcode's Code 128 drops a leading "99" from the symbol it draws
    (it takes it for a code-set switch), so the bars would not say what the label says.
    """
    while True:
        if rng.random() < 0.5:
            code = "".join(rng.choice(list(string.digits), 12))
        else:
            code = "".join(rng.choice(list(_ALNUM), int(rng.integers(16, 21))))
        if not code.startswith("99"):
            return code


def random_url(rng: np.random.Generator) -> str:
    token = "".join(rng.choice(list(string.ascii_letters + string.digits), 40))
    return f"https://mp.example.cn/card?encrypt_code={token}%3D&card_id=p{token[:27]}"


# --- the scene ---------------------------------------------------------------------------------------------


def _background(rng: np.random.Generator, h: int, w: int) -> np.ndarray:
    """A counter: lit gradient, boxes, round things, printed text-like marks and stripes."""
    base = rng.integers(60, 200, 3).astype(np.float32)
    ang = rng.uniform(0, 2 * math.pi)
    gx = np.arange(w, dtype=np.float32)[None, :] * (math.cos(ang) / max(h, w))
    gy = np.arange(h, dtype=np.float32)[:, None] * (math.sin(ang) / max(h, w))
    grad = 0.7 + 0.6 * (gx + gy)
    img = cv2.merge([cv2.convertScaleAbs(grad, alpha=float(b)) for b in base])
    for _ in range(int(rng.integers(6, 16))):
        color = tuple(int(c) for c in rng.integers(0, 256, 3))
        kind = rng.integers(0, 4)
        x, y = int(rng.integers(0, w)), int(rng.integers(0, h))
        if kind == 0:
            cv2.rectangle(img, (x, y), (x + int(rng.integers(30, 400)), y + int(rng.integers(30, 300))), color, -1)
        elif kind == 1:
            cv2.circle(img, (x, y), int(rng.integers(10, 150)), color, -1)
        elif kind == 2:  # a receipt or a price tag: lines of small text-like marks
            for line in range(int(rng.integers(3, 10))):
                yy = y + line * 14
                xx = x
                for _ in range(int(rng.integers(5, 25))):
                    wd = int(rng.integers(3, 12))
                    cv2.rectangle(img, (xx, yy), (xx + wd, yy + 8), color, -1)
                    xx += wd + int(rng.integers(2, 6))
        else:  # stripes (a keyboard, a grille, a striped bag): bar-like clutter
            period = int(rng.integers(3, 12))
            sw, sh = int(rng.integers(40, 250)), int(rng.integers(20, 120))
            for i in range(0, sw, period):
                cv2.rectangle(img, (x + i, y), (x + i + period // 2, y + sh), color, -1)
    return _add_noise(rng, img, 4.0)


def _noise(rng: np.random.Generator, shape: tuple[int, ...], sigma: float) -> np.ndarray:
    """Gaussian noise, float32; OpenCV's generator (fast), seeded from ``rng`` so frames stay reproducible."""
    cv2.setRNGSeed(int(rng.integers(1 << 31)))
    out = np.empty(shape, np.float32)
    cv2.randn(out, 0.0, float(sigma))
    return out


def _add_noise(rng: np.random.Generator, img: np.ndarray, sigma: float) -> np.ndarray:
    return np.clip(img.astype(np.float32) + _noise(rng, img.shape, sigma), 0, 255).astype(np.uint8)


def _phone(rng: np.random.Generator, code_img: np.ndarray, contrast: float, landscape: bool = False) -> np.ndarray:
    """A phone face-on: dark body, lit screen with app chrome above and below the code (BGR).

    ``landscape``: WeChat's enlarged barcode view, the code across the long side of the screen.
    """
    ch, cw = code_img.shape
    pad = max(cw, ch) // 12
    sw = cw + 2 * pad
    sh = int(max(ch + 4 * pad, sw / 1.9)) if landscape else int(max(ch + 4 * pad, sw * 1.9))
    screen = np.full((sh, sw, 3), 255, np.uint8)
    top = (sh - ch) // 2
    left = pad
    screen[top : top + ch, left : left + cw] = code_img[..., None]
    # app chrome: a green header bar, a title and a line of digits under the code, as WeChat shows
    bar_h = sh // 12
    screen[:bar_h] = (80, 190, 40)
    tx = sw // 6
    cv2.rectangle(screen, (tx, top - pad // 2 - 10), (sw - tx, top - pad // 2), (60, 60, 60), -1)
    y2 = top + ch + pad // 3
    x = sw // 5
    while x < sw - sw // 5:
        cv2.rectangle(screen, (x, y2), (x + sw // 40 + 2, y2 + sw // 25 + 2), (30, 30, 30), -1)
        x += sw // 25 + 4
    if contrast < 1.0:  # a dimmed screen or a low-contrast theme: dark modules are not black
        screen = (255 - (255 - screen.astype(np.float32)) * contrast).astype(np.uint8)
    bezel = max(sw // 20, 6)
    body = np.full((sh + 4 * bezel, sw + 2 * bezel, 3), int(rng.integers(10, 50)), np.uint8)
    body[2 * bezel : 2 * bezel + sh, bezel : bezel + sw] = screen
    return body


@dataclass
class Frame:
    image: np.ndarray  # BGR uint8
    code: str | None  # expected text; None for a frame without a code
    symbology: str | None
    category: str
    in_view: bool = True  # the code with its quiet zone wholly inside the frame (False: cut by an edge)
    symbol: np.ndarray | None = None  # the frame corners of the code's symbol (quiet zone aside), 4x2


def code_corners(
    quad: np.ndarray, phone_shape: tuple[int, ...], code_shape: tuple[int, ...], inset: tuple[int, int] = (0, 0)
) -> np.ndarray:
    """Frame corners of the code drawn on the phone by ``_phone`` (``code_shape``: its quiet zone
    included; ``inset``: code image pixels left out on each side, x and y) once the phone is warped to
    ``quad``."""
    ch, cw = code_shape[:2]
    ph, pw = phone_shape[:2]
    pad = max(cw, ch) // 12
    bezel = max((cw + 2 * pad) // 20, 6)
    x0, y0 = bezel + pad + inset[0], 2 * bezel + (ph - 4 * bezel - ch) // 2 + inset[1]
    x1, y1 = x0 + cw - 2 * inset[0], y0 + ch - 2 * inset[1]
    corners = np.float32([[x0, y0], [x1, y0], [x1, y1], [x0, y1]])[None]
    mat = cv2.getPerspectiveTransform(np.float32([[0, 0], [pw, 0], [pw, ph], [0, ph]]), quad.astype(np.float32))
    return cv2.perspectiveTransform(corners, mat)[0]


def inside(poly: np.ndarray, w: int, h: int, margin: float = 0) -> bool:
    return bool(poly.min() >= margin and poly[:, 0].max() <= w - 1 - margin and poly[:, 1].max() <= h - 1 - margin)


def code_in_view(quad: np.ndarray, phone_shape: tuple[int, ...], code_shape: tuple[int, ...], w: int, h: int) -> bool:
    """Whether the code drawn on the phone by ``_phone`` (its quiet zone included in ``code_shape``) lies
    wholly inside a ``w`` x ``h`` frame once the phone is warped to ``quad``."""
    return inside(code_corners(quad, phone_shape, code_shape), w, h)


def _warp_into(
    scene: np.ndarray, phone: np.ndarray, quad: np.ndarray, oversample: int = 2
) -> tuple[np.ndarray, np.ndarray]:
    """Paste ``phone`` into ``scene`` at ``quad`` (4 corners), rendered oversampled then area-reduced.

    Only the quad's bounding box is rendered oversampled (the rest of the scene is untouched).
    """
    h, w = scene.shape[:2]
    ph, pw = phone.shape[:2]
    x0, y0 = np.floor(quad.min(axis=0)).astype(int) - 2
    x1, y1 = np.ceil(quad.max(axis=0)).astype(int) + 2
    x0, y0, x1, y1 = max(x0, 0), max(y0, 0), min(x1, w), min(y1, h)
    out = scene.copy()
    if x1 <= x0 or y1 <= y0:
        return out, np.eye(3)
    bw, bh = x1 - x0, y1 - y0
    src = np.float32([[0, 0], [pw, 0], [pw, ph], [0, ph]])
    local = (quad - np.float32([x0, y0])) * oversample
    mat = cv2.getPerspectiveTransform(src, local.astype(np.float32))
    size = (bw * oversample, bh * oversample)
    warped = cv2.warpPerspective(phone, mat, size, flags=cv2.INTER_LINEAR)
    mask = cv2.warpPerspective(np.full((ph, pw), 255, np.uint8), mat, size, flags=cv2.INTER_LINEAR)
    warped = cv2.resize(warped, (bw, bh), interpolation=cv2.INTER_AREA).astype(np.float32)
    alpha = cv2.resize(mask, (bw, bh), interpolation=cv2.INTER_AREA).astype(np.float32)[..., None] / 255.0
    box = out[y0:y1, x0:x1].astype(np.float32)
    out[y0:y1, x0:x1] = np.clip(box * (1 - alpha) + warped * alpha, 0, 255).astype(np.uint8)
    return out, mat


def _quad(
    rng: np.random.Generator | tuple[float, ...],
    pw: int,
    ph: int,
    w: int,
    h: int,
    scale: float,
    angle: float,
    tilt: float,
) -> np.ndarray:
    """Corners of the phone in the frame: ``scale`` frame pixels per phone pixel at its centre, rotated
    in plane by ``angle`` and turned away from the camera by ``tilt`` degrees (pinhole projection from a
    distance of 2-4 phone heights, so the far edge shrinks as a real camera sees it).  ``rng``: the
    generator to draw the place from, or the draws of ``_quad_draws``."""
    u = _quad_draws(rng) if isinstance(rng, np.random.Generator) else rng
    cx = u[0] * w
    cy = u[1] * h
    hw, hh = pw / 2, ph / 2
    pts = np.float64([[-hw, -hh, 0], [hw, -hh, 0], [hw, hh, 0], [-hw, hh, 0]])
    t = math.radians(tilt)
    c, s = math.cos(t), math.sin(t)
    axis_angle = u[2]  # the tilt axis: any direction in the phone's plane
    ax, ay = math.cos(axis_angle), math.sin(axis_angle)
    # Rodrigues rotation about (ax, ay, 0)
    k = np.array([[0, 0, ay], [0, 0, -ax], [-ay, ax, 0]])
    rot = np.eye(3) + s * k + (1 - c) * (k @ k)
    pts = pts @ rot.T
    dist = u[3] * max(pw, ph)
    z = dist + pts[:, 2]
    proj = pts[:, :2] * (dist / z)[:, None] * scale
    a = math.radians(angle)
    r2 = np.array([[math.cos(a), -math.sin(a)], [math.sin(a), math.cos(a)]])
    return (proj @ r2.T + np.array([cx, cy])).astype(np.float32)


def _quad_draws(rng: np.random.Generator) -> tuple[float, ...]:
    """The place ``_quad`` draws: centre (fractions of the frame), tilt axis, distance in phone heights."""
    return rng.uniform(0.4, 0.6), rng.uniform(0.4, 0.6), rng.uniform(0, 2 * math.pi), rng.uniform(2.0, 4.0)


def _disk_kernel(radius: float) -> np.ndarray:
    r = math.ceil(radius)
    y, x = np.mgrid[-r : r + 1, -r : r + 1]
    k = (x * x + y * y <= radius * radius).astype(np.float32)
    return k / k.sum()


def _motion_kernel(length: float, angle: float) -> np.ndarray:
    n = math.ceil(length) | 1
    k = np.zeros((n, n), np.float32)
    c = n // 2
    dx, dy = math.cos(math.radians(angle)), math.sin(math.radians(angle))
    for t in np.linspace(-length / 2, length / 2, n * 3):
        k[round(c + t * dy), round(c + t * dx)] = 1
    return k / k.sum()


def make_frame(rng: np.random.Generator, category: str, with_code: bool = True) -> Frame:
    """One labelled frame of ``category`` (see CATEGORIES)."""
    w, h = (1280, 720) if rng.random() < 0.8 else (640, 480)
    symbology = "QRCODE" if rng.random() < 0.55 else "CODE128"
    code = random_url(rng) if symbology == "QRCODE" and rng.random() < 0.15 else random_code(rng)
    cond = {category}
    if category == "mixed":
        pool = [c for c in CATEGORIES if c not in ("clean", "mixed", "scale")]
        cond = set(rng.choice(pool, int(rng.integers(2, 4)), replace=False))

    # geometry: how many frame pixels one module of the code covers.  A phone held up to a counter
    # webcam shows a QR Code's ~30 modules across 5-6 cm of screen (2.5-7 px per module in the frame), a
    # Code 128's 120-255 modules across the screen's width (1.5-4 px; below about 1.2 px no decoder can
    # resolve the bars).  The scale category goes to both ends: far away, and filling the frame.
    qr = symbology == "QRCODE"
    pitch = rng.uniform(2.5, 7.0) if qr else rng.uniform(1.5, 4.0)
    angle = rng.uniform(-12, 12)
    tilt = rng.uniform(0, 15)
    if "scale" in cond:
        if rng.random() < 0.5:
            pitch = rng.uniform(1.7, 2.3) if qr else rng.uniform(1.2, 1.5)
        else:
            pitch = 100.0  # as large as fits
    code_w = qr_modules(code).shape[1] if symbology == "QRCODE" else code128_modules(code).shape[1]
    pitch = min(pitch, 0.95 * min(w, h if symbology == "QRCODE" else w) / code_w)  # the code stays in frame
    if "rotation" in cond:
        angle = rng.uniform(-180, 180) if symbology == "QRCODE" else rng.uniform(-90, 90)
    if "tilt" in cond:
        tilt = rng.uniform(25, 50)
    contrast = rng.uniform(0.4, 0.6) if "low_contrast" in cond else 1.0

    module_px = 8
    code_img = render_code(code, symbology, module_px)
    landscape = symbology == "CODE128" and rng.random() < 0.6
    phone = _phone(rng, code_img, contrast, landscape)
    ph, pw = phone.shape[:2]
    scene = _background(rng, h, w)
    in_view, symbol = True, None
    if with_code:
        place = _quad_draws(rng)
        quad = _quad(place, pw, ph, w, h, pitch / module_px, angle, tilt)
        # the pitch's cap above fits the code's length, not its turn: a code turned or tilted past the
        # frame's edge is made smaller until its symbol (quiet zone aside) fits with 8 px to spare: a
        # coded frame shows its whole symbol.  No further draws: every other frame stays as it was.
        quiet = 4 * module_px if symbology == "QRCODE" else 10 * module_px
        bars = (quiet, quiet if symbology == "QRCODE" else 0)
        while not inside(code_corners(quad, phone.shape, code_img.shape, bars), w, h, 8) and pitch > 0.5:
            pitch *= 0.95
            quad = _quad(place, pw, ph, w, h, pitch / module_px, angle, tilt)
        symbol = code_corners(quad, phone.shape, code_img.shape, bars)
        img, _ = _warp_into(scene, phone, quad)
        in_view = code_in_view(quad, phone.shape, code_img.shape, w, h)
    else:
        img = scene
        code, symbology = None, None

    f = img.astype(np.float32)
    if "moire" in cond:  # the screen's pixel grid beating against the sensor's: a fine periodic pattern
        p = rng.uniform(2.2, 3.6)
        a = rng.uniform(0, math.pi)
        gx = np.arange(w, dtype=np.float32)[None, :] * math.cos(a)
        gy = np.arange(h, dtype=np.float32)[:, None] * math.sin(a)
        pattern = np.cos((gx + gy) * np.float32(2 * math.pi / p))
        f *= (1 - rng.uniform(0.12, 0.22) * (0.5 + 0.5 * pattern))[..., None]
    if "glare" in cond:  # a ceiling light reflected in the glass
        mask = np.zeros((h, w), np.float32)
        cx, cy = int(w * rng.uniform(0.35, 0.65)), int(h * rng.uniform(0.35, 0.65))
        axes = (int(w * rng.uniform(0.05, 0.12)), int(h * rng.uniform(0.05, 0.15)))
        cv2.ellipse(mask, (cx, cy), axes, rng.uniform(0, 180), 0, 360, 1.0, -1)
        mask = cv2.GaussianBlur(mask, (0, 0), max(axes) / 2)
        f += mask[..., None] * rng.uniform(120, 200)
    if "finger" in cond and with_code:  # a thumb holding the phone, reaching over one edge of the code
        centre = quad.mean(axis=0)
        span = code_w * pitch  # the code's size in the frame (QR: width and height)
        d = rng.uniform(0, 2 * math.pi)
        reach = span * rng.uniform(0.45, 0.65)
        fx, fy = centre[0] + reach * math.cos(d), centre[1] + reach * math.sin(d)
        finger = np.zeros((h, w), np.uint8)
        axes = (max(int(span * 0.14), 8), max(int(span * 0.4), 20))
        cv2.ellipse(finger, (int(fx), int(fy)), axes, math.degrees(d), 0, 360, 255, -1)
        skin = np.float32([120, 150, 205]) * rng.uniform(0.7, 1.1)
        m = cv2.GaussianBlur(finger, (0, 0), 3).astype(np.float32)[..., None] / 255
        f = f * (1 - m) + skin * m
    # optics, relative to the module size: what matters to a decoder is how far an edge is smeared
    # compared with the narrowest bar.  The ranges stop short of where the blur's transfer function
    # reaches zero at the code's finest detail (alternating single modules, 1 / (2 pitch) cycles per
    # pixel): a disk of radius 0.8 pitch, a motion streak of 1.6 pitch.  Beyond that the information is
    # gone from the frame and a read would measure luck; at the top of the ranges only ~10-20 % of
    # the module contrast is left.
    if "blur" in cond:
        f = cv2.GaussianBlur(f, (0, 0), pitch * rng.uniform(0.35, 0.7))
    if "defocus" in cond:
        f = cv2.filter2D(f, -1, _disk_kernel(max(1.0, pitch * rng.uniform(0.4, 0.8))))
    if "motion" in cond:
        f = cv2.filter2D(f, -1, _motion_kernel(max(2.0, pitch * rng.uniform(0.8, 1.6)), rng.uniform(0, 180)))
    if "dim" in cond:
        f *= rng.uniform(0.15, 0.3)
    if "overexposure" in cond:
        f = f * rng.uniform(1.6, 2.4) + 20
    # every real sensor adds some noise; the noise category adds a lot
    sigma = rng.uniform(12, 22) if "noise" in cond else rng.uniform(1, 4)
    if "dim" in cond:
        sigma = max(sigma, 4)
    f += _noise(rng, f.shape, sigma)
    img = np.clip(f, 0, 255).astype(np.uint8)
    if "jpeg" in cond:
        q = int(rng.integers(8, 25))
        _, buf = cv2.imencode(".jpg", img, [cv2.IMWRITE_JPEG_QUALITY, q])
        img = cv2.imdecode(buf, cv2.IMREAD_COLOR)
    else:  # webcams send MJPG: mild compression everywhere
        _ok, buf = cv2.imencode(".jpg", img, [cv2.IMWRITE_JPEG_QUALITY, 85])
        img = cv2.imdecode(buf, cv2.IMREAD_COLOR)
    return Frame(img, code, symbology, category, in_view, symbol)


def frame_set(seed: int = 4, per_category: int = 24, empty: int = 24) -> Iterator[Frame]:
    """The benchmark's labelled set: ``per_category`` coded frames per category, plus empty frames."""
    rng = np.random.default_rng(seed)
    for category in CATEGORIES:
        for _ in range(per_category):
            yield make_frame(rng, category)
    for _ in range(empty):
        yield make_frame(rng, "empty", with_code=False)


# --- simple pictures and videos for the tests -------------------------------------------------------------


def code_on_phone(
    text: str, symbology: str, size: tuple[int, int] = (1280, 720), seed: int = 0, angle: float = 0.0
) -> np.ndarray:
    """A clean frame: the code on a phone screen in a cluttered scene (BGR)."""
    rng = np.random.default_rng(seed)
    w, h = size
    phone = _phone(rng, render_code(text, symbology, 8), 1.0, landscape=symbology == "CODE128")
    ph, pw = phone.shape[:2]
    code_w = render_code(text, symbology, 1).shape[1]
    quad = _quad(rng, pw, ph, w, h, min(3.0, 0.8 * w / code_w) / 8, angle, 0.0)
    img, _ = _warp_into(_background(rng, h, w), phone, quad)
    return img


def write_video(path: str, frames: list[np.ndarray], fps: float = 10.0) -> None:
    """MJPG .avi, as the OpenCV wheels can write it everywhere."""
    h, w = frames[0].shape[:2]
    out = cv2.VideoWriter(path, cv2.VideoWriter_fourcc(*"MJPG"), fps, (w, h))
    if not out.isOpened():
        raise OSError(f"cannot write {path}")
    for f in frames:
        out.write(f)
    out.release()
