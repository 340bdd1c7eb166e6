"""A second, independent generator of labelled counter-webcam frames (set "B").

Written apart from ``scan_frames.py`` (set "A") so that a decoder tuned on one can be measured on the
other.  Where A pastes a code image with a pixel scale, B works from physical units and a camera model:

- a phone model (screen resolution and width in mm: a small iPhone, a tall Android, a tablet...) shows
  WeChat's coupon page in the light or the dark theme; the code is drawn in *screen pixels* as the app
  draws it, in portrait (QR Code, or Code 128 across the screen) or WeChat's landscape "enlarged" view;
- a pinhole webcam (horizontal field of view 60-78 degrees, 1280x720) looks at the phone held 3-60 cm
  away, turned in plane and tilted up to 45 degrees; the screen texture is warped by the homography of
  that pose (the screen's pixel grid aliases into moire on its own when it is not filtered);
- light is handled linearly: screen brightness, ambient reflection on the glass, specular glare, then a
  Bayer sensor (mosaic, shot and read noise, demosaic), the ISP's sharpening, gamma, and MJPG (JPEG with
  4:2:2 chroma, as a USB webcam sends it);
- blur kernels are those of real optics: a defocus disc from the thin-lens formula (fixed-focus or
  autofocus webcams), hand-shake trajectories for motion, and a rolling shutter's row-by-row shift.

Frames whose code cannot be read in principle are not drawn: the distance stops where a Code 128 module
is 1.25 frame px (QR Code 2 px), and defocus and motion stop short of the blur that removes the finest
modules (as in set A).  Categories are the kinds of trouble; ``mixed`` combines 2-3 of them; empty frames
show the counter with no code (a phone with a chat on it, or no phone).
"""

from __future__ import annotations

import math
import string
from collections.abc import Iterator
from dataclasses import dataclass

import cv2
import numpy as np

CATEGORIES_B = (
    "clean",
    "far",
    "near",
    "perspective",
    "motion",
    "defocus",
    "rolling_shutter",
    "moire",
    "mjpg",
    "finger",
    "glare",
    "dark_theme",
    "overexposed",
    "low_light",
    "small_phone",
    "mixed",
)

W, H = 1280, 720


@dataclass(frozen=True)
class Phone:
    name: str
    res: tuple[int, int]  # screen pixels, portrait (width, height)
    width_mm: float  # visible screen width


PHONES = (
    Phone("iphone-se", (750, 1334), 58.5),
    Phone("iphone-13", (1170, 2532), 64.0),
    Phone("android-tall", (1080, 2400), 67.0),
    Phone("android-budget", (720, 1600), 68.0),
    Phone("android-wide", (1260, 2720), 71.0),
    Phone("tablet", (1488, 2266), 121.0),
)


@dataclass
class FrameB:
    image: np.ndarray  # BGR uint8, 1280x720
    code: str | None
    symbology: str | None
    category: str
    pitch_px: float = 0.0  # frame pixels per module at the code's centre
    distance_mm: float = 0.0
    in_view: bool = True  # the code with its quiet zone wholly inside the frame (False: cut by an edge)
    symbol: np.ndarray | None = None  # the frame corners of the code's symbol (quiet zone aside), 4x2


# --- the code and the app page ---------------------------------------------------------------------------


def coupon_code(rng: np.random.Generator) -> str:
    """16-20 characters: digits only (as most WeChat and merchant codes) or upper-case letters and digits."""
    n = int(rng.integers(16, 21))
    alphabet = string.digits if rng.random() < 0.5 else string.ascii_uppercase + string.digits
    while True:
        code = "".join(rng.choice(list(alphabet), n))
        if not code.startswith("99"):  # python-barcode takes a leading "99" for a code-set switch
            return code


def _modules(code: str, symbology: str, rng: np.random.Generator) -> np.ndarray:
    """Module matrix (1 = dark), no quiet zone; Code 128 as one row."""
    if symbology == "QRCODE":
        import segno

        qr = segno.make_qr(
            code, error=str(rng.choice(["l", "m", "q"])), mask=int(rng.integers(0, 8)), boost_error=False
        )
        return np.array([list(r) for r in qr.matrix], np.uint8)
    import barcode

    bits = barcode.Code128(code).build()[0]
    return np.array([[int(b) for b in bits]], np.uint8)


def _put_text(img: np.ndarray, text: str, org: tuple[int, int], scale: float, color: tuple[int, ...], th: int = 1):
    cv2.putText(img, text, org, cv2.FONT_HERSHEY_SIMPLEX, scale, color, th, cv2.LINE_AA)


def _screen(
    rng: np.random.Generator, phone: Phone, code: str | None, symbology: str | None, dark: bool, landscape: bool
) -> tuple[np.ndarray, tuple[float, float, float, float], int]:
    """The phone's screen in screen pixels (BGR), the code's box on it (x0, y0, x1, y1) and its screen
    pixels per module."""
    sw, sh = phone.res
    if landscape:
        sw, sh = sh, sw
    page = (25, 25, 25) if dark else (247, 247, 247)
    card = (44, 44, 44) if dark else (255, 255, 255)
    ink = (208, 208, 208) if dark else (30, 30, 30)
    img = np.full((sh, sw, 3), page, np.uint8)
    u = sw / 100  # layout unit: 1 % of the screen width
    # status bar and title bar
    _put_text(img, "9:41", (int(4 * u), int(5 * u)), u / 12, ink, max(1, int(u / 4)))
    _put_text(img, "Card & Offer", (int(30 * u), int(12 * u)), u / 9, ink, max(1, int(u / 4)))
    box = (0.0, 0.0, 0.0, 0.0)
    if code is None:  # a chat, not a code: bubbles with text
        y = int(20 * u)
        while y < sh - 20 * u:
            x0 = int(rng.uniform(4, 30) * u)
            bw, bh = int(rng.uniform(30, 60) * u), int(rng.uniform(8, 16) * u)
            color = (120, 220, 140) if rng.random() < 0.5 else card
            cv2.rectangle(img, (x0, y), (x0 + bw, y + bh), color, -1)
            _put_text(
                img,
                "".join(rng.choice(list(string.ascii_lowercase + " "), 14)),
                (x0 + int(2 * u), y + int(bh * 0.6)),
                u / 14,
                (40, 40, 40),
            )
            y += bh + int(4 * u)
        return img, box, 1
    assert symbology is not None
    mods = _modules(code, symbology, rng)
    # the card
    cx0, cy0 = int(4 * u), int(18 * u)
    cv2.rectangle(img, (cx0, cy0), (sw - cx0, sh - int(6 * u)), card, -1)
    _put_text(
        img,
        "COUPON  " + "".join(rng.choice(list(string.ascii_uppercase), 6)),
        (cx0 + int(4 * u), cy0 + int(9 * u)),
        u / 10,
        ink,
        max(1, int(u / 5)),
    )
    # the code's own panel: white in the light theme, a dimmed white in the dark theme
    panel = int(rng.uniform(200, 232)) if dark else 255
    dark_mod = int(rng.uniform(15, 35))
    if symbology == "QRCODE":
        n = mods.shape[0]
        side = (0.55 if not landscape else 0.35) * sw
        px = max(int(side / n), 2)  # WeChat draws whole screen pixels per module
        side = px * n
        x0, y0 = int((sw - side) / 2), int(cy0 + 20 * u)
        quiet = 2 * px
    else:
        n = mods.shape[1]
        span = (0.82 if landscape else 0.84) * sw
        px = max(int(span / n), 1)
        side = px * n
        x0 = int((sw - side) / 2)
        y0 = int((sh * 0.3) if landscape else cy0 + 16 * u)
        quiet = 10 * px
    if symbology == "QRCODE":
        code_img = np.kron(mods, np.ones((px, px), np.uint8))
        hgt = side
    else:
        hgt = int(side * (0.28 if landscape else 0.25))
        code_img = np.repeat(np.repeat(mods, px, axis=1), hgt, axis=0)
    ch, cw = code_img.shape
    cv2.rectangle(img, (x0 - quiet, y0 - quiet), (x0 + cw + quiet, y0 + ch + quiet), (panel,) * 3, -1)
    region = img[y0 : y0 + ch, x0 : x0 + cw]
    region[code_img == 1] = dark_mod
    region[code_img == 0] = panel
    # the code printed in groups of four under it, as WeChat shows it
    groups = " ".join(code[i : i + 4] for i in range(0, len(code), 4))
    _put_text(img, groups, (x0, min(y0 + ch + quiet + int(7 * u), sh - 2)), u / 9, ink, max(1, int(u / 5)))
    box = (float(x0), float(y0), float(x0 + cw), float(y0 + ch))
    return img, box, px


# --- the counter -----------------------------------------------------------------------------------------------


def _counter(rng: np.random.Generator) -> np.ndarray:
    """A counter top seen by the webcam: wood or laminate, a keyboard, receipts, boxes with labels, a cup,
    stripes from a price tag's fake barcode (not a valid code), a hand."""
    yy, xx = np.mgrid[0:H, 0:W].astype(np.float32)
    base = rng.uniform(70, 190, 3)
    grain = np.sin(xx * rng.uniform(0.01, 0.05) + 8 * np.sin(yy * rng.uniform(0.003, 0.02))) * rng.uniform(5, 20)
    img = np.clip(base[None, None, :] + grain[..., None], 0, 255).astype(np.uint8)
    for _ in range(int(rng.integers(5, 12))):
        kind = int(rng.integers(0, 6))
        x, y = int(rng.integers(-100, W)), int(rng.integers(-100, H))
        color = tuple(int(c) for c in rng.integers(20, 240, 3))
        if kind == 0:  # a product box with a printed label
            bw, bh = int(rng.integers(80, 360)), int(rng.integers(60, 260))
            cv2.rectangle(img, (x, y), (x + bw, y + bh), color, -1)
            for i in range(int(rng.integers(1, 4))):
                _put_text(
                    img,
                    "".join(rng.choice(list(string.ascii_uppercase), 7)),
                    (x + 8, y + 30 + 28 * i),
                    rng.uniform(0.5, 1.1),
                    (255 - color[0], 255 - color[1], 255 - color[2]),
                    2,
                )
        elif kind == 1:  # a receipt: small text lines
            bw = int(rng.integers(120, 220))
            cv2.rectangle(img, (x, y), (x + bw, y + 300), (235, 235, 230), -1)
            for i in range(14):
                _put_text(
                    img,
                    "".join(rng.choice(list(string.ascii_uppercase + string.digits + " .:"), 18)),
                    (x + 6, y + 18 + 20 * i),
                    0.38,
                    (50, 50, 50),
                )
        elif kind == 2:  # a keyboard
            for r in range(4):
                for c in range(12):
                    cv2.rectangle(img, (x + c * 34, y + r * 34), (x + c * 34 + 28, y + r * 34 + 28), (40, 40, 45), -1)
                    _put_text(
                        img,
                        str(rng.choice(list(string.ascii_uppercase))),
                        (x + c * 34 + 8, y + r * 34 + 20),
                        0.45,
                        (200, 200, 200),
                    )
        elif kind == 3:  # a price tag's decorative stripes (random widths: no valid code)
            xx0 = x
            for _ in range(int(rng.integers(20, 50))):
                wdt = int(rng.integers(1, 6))
                cv2.rectangle(img, (xx0, y), (xx0 + wdt, y + int(rng.integers(30, 70))), (20, 20, 20), -1)
                xx0 += wdt + int(rng.integers(1, 6))
        elif kind == 4:  # a cup or a coin tray
            cv2.circle(img, (x, y), int(rng.integers(30, 110)), color, -1)
            cv2.circle(img, (x, y), int(rng.integers(10, 30)), (255 - color[0], color[1], color[2]), 3)
        else:  # a printed poster with a grid of dots (a halftone)
            for i in range(0, int(rng.integers(80, 200)), 6):
                for j in range(0, int(rng.integers(60, 160)), 6):
                    cv2.circle(img, (x + i, y + j), 2, color, -1)
    return img


# --- optics and sensor -------------------------------------------------------------------------------------------


def _disc(radius: float) -> np.ndarray:
    """A defocus PSF: a uniform disc, edges antialiased (4x supersampled)."""
    r = max(radius, 0.5)
    n = math.ceil(r) + 1
    s = 4
    yy, xx = np.mgrid[-n * s : (n + 1) * s, -n * s : (n + 1) * s].astype(np.float32) / s
    k = ((xx * xx + yy * yy) <= r * r).astype(np.float32)
    k = cv2.resize(k, (2 * n + 1, 2 * n + 1), interpolation=cv2.INTER_AREA)
    return k / k.sum()


def _shake(rng: np.random.Generator, length: float) -> np.ndarray:
    """A hand-shake PSF: a smooth random trajectory of ``length`` px, speed varying along it."""
    steps = 64
    ang = rng.uniform(0, 2 * math.pi)
    turn = np.cumsum(rng.normal(0, 0.08, steps))
    speed = np.abs(1 + 0.5 * np.sin(np.linspace(0, rng.uniform(1, 6), steps) + rng.uniform(0, 6)))
    dx, dy = np.cos(ang + turn) * speed, np.sin(ang + turn) * speed
    x, y = np.cumsum(dx), np.cumsum(dy)
    total = np.sum(np.hypot(dx, dy))
    x, y = x * length / total, y * length / total
    x -= x.mean()
    y -= y.mean()
    n = math.ceil(max(np.abs(x).max(), np.abs(y).max())) + 2
    s = 4
    k = np.zeros(((2 * n + 1) * s, (2 * n + 1) * s), np.float32)
    for px, py in zip(x, y, strict=True):
        k[int((py + n + 0.5) * s), int((px + n + 0.5) * s)] += 1
    k = cv2.resize(k, (2 * n + 1, 2 * n + 1), interpolation=cv2.INTER_AREA)
    return k / k.sum()


def _subpixels(screen: np.ndarray) -> np.ndarray:
    """The screen's RGB stripe subpixels: each screen pixel becomes 3x3 with its colour in thirds."""
    big = np.repeat(np.repeat(screen, 3, axis=0), 3, axis=1)
    mask = np.zeros((3, 3, 3), np.uint8)
    for i, ch in enumerate((2, 1, 0)):  # R, G, B columns (BGR channel order)
        mask[:, i, ch] = 1
    mask[2, :, :] = 0  # the black matrix between rows
    tile = np.tile(mask, (screen.shape[0], screen.shape[1], 1))
    return (big * tile * 1.5).clip(0, 255).astype(np.uint8)


def _pose_quad(
    rng: np.random.Generator,
    size_mm: tuple[float, float],
    distance: float,
    focal: float,
    roll: float,
    tilt: float,
    centre: tuple[float, float],
    axis: float | None = None,
) -> np.ndarray:
    """Image corners of a screen ``size_mm`` at ``distance`` mm, rolled and tilted (about ``axis``, drawn
    when not given), centred near ``centre``."""
    wmm, hmm = size_mm
    pts = np.array([[-wmm / 2, -hmm / 2, 0], [wmm / 2, -hmm / 2, 0], [wmm / 2, hmm / 2, 0], [-wmm / 2, hmm / 2, 0]])
    a = math.radians(roll)
    rz = np.array([[math.cos(a), -math.sin(a), 0], [math.sin(a), math.cos(a), 0], [0, 0, 1]])
    if axis is None:
        axis = rng.uniform(0, 2 * math.pi)
    rvec = np.array([math.cos(axis), math.sin(axis), 0.0]) * math.radians(tilt)
    rt, _ = cv2.Rodrigues(rvec)
    p = pts @ rz.T @ rt.T
    cx, cy = centre
    t = np.array([(cx - W / 2) * distance / focal, (cy - H / 2) * distance / focal, distance])
    p = p + t
    return np.stack([focal * p[:, 0] / p[:, 2] + W / 2, focal * p[:, 1] / p[:, 2] + H / 2], axis=1)


def _fits(corners: np.ndarray, src_screen: np.ndarray, quad: np.ndarray, margin: float = 8) -> bool:
    """Whether the code's ``corners`` on the screen (its symbol, quiet zone aside) land inside the frame
    with ``margin`` pixels to spare once the screen ``src_screen`` is seen at ``quad``."""
    poly = cv2.perspectiveTransform(corners, cv2.getPerspectiveTransform(src_screen, quad.astype(np.float32)))[0]
    return bool(poly.min() > margin and poly[:, 0].max() < W - margin and poly[:, 1].max() < H - margin)


def _thumb(rng: np.random.Generator, code_poly: np.ndarray, symbology: str) -> tuple[np.ndarray, np.ndarray, float]:
    """A thumb over the code (its tip, the direction it comes from, its width in frame pixels): over the
    top or bottom edge of a Code 128, its tip 10-30 % of the bars' height in (its round end reaches
    further in: up to ~70 % of the height on a code seen square-on, ~86 % tilted), or over the
    corner of a QR Code away from its finder patterns.

    Until round 10 the Code 128 thumb over the top edge was drawn from the bottom edge's side (the edge was
    chosen with ``is`` on numpy rows, always false): it covered the bars from inside the code through the
    bottom edge, often their whole height."""
    c = code_poly.mean(axis=0)
    if symbology == "CODE128":
        over_top = rng.random() < 0.5
        edge = (code_poly[0], code_poly[1]) if over_top else (code_poly[3], code_poly[2])
        along = rng.uniform(0.2, 0.8)
        tip = edge[0] + (edge[1] - edge[0]) * along
        inward = c - (edge[0] + edge[1]) / 2
        tip = tip + inward * rng.uniform(0.2, 0.6)
        direction = -inward / (np.linalg.norm(inward) + 1e-6)
    else:
        tip = code_poly[2] + (c - code_poly[2]) * rng.uniform(0.15, 0.3)
        direction = (code_poly[2] - c) / (np.linalg.norm(code_poly[2] - c) + 1e-6)
    width = float(np.linalg.norm(code_poly[1] - code_poly[0])) * rng.uniform(0.12, 0.2)
    return tip, direction, width


def _capped_skew(skew: float, poly: np.ndarray, margin: float) -> float:
    """``skew`` brought toward 0 as far as needed for the frame corners ``poly`` to stay inside the frame,
    ``margin`` pixels to spare, once the rolling shutter moves row y by -skew (y - H/2) (0 when no skew
    of any size keeps them in).  Until round 10 the skew was applied after the placement had checked
    the symbol: up to ~65 px at the frame's top and bottom, it could push the symbol out (B:11 #125, a QR
    Code whose left finder patterns it cut; review r10)."""
    lo, hi = -math.inf, math.inf
    for x, y in poly:
        d = float(y) - H / 2
        if abs(d) < 1e-9:
            continue
        right, left = (float(x) - (W - 1 - margin)) / d, (float(x) - margin) / d  # margin <= x - s d <= W-1-margin
        if d > 0:
            lo, hi = max(lo, right), min(hi, left)
        else:
            lo, hi = max(lo, left), min(hi, right)
    return float(min(max(skew, lo), hi)) if lo <= hi else 0.0


def make_frame_b(rng: np.random.Generator, category: str, with_code: bool = True) -> FrameB:
    cond = {category}
    if category == "mixed":
        pool = [c for c in CATEGORIES_B if c not in ("clean", "mixed", "far", "near", "small_phone")]
        cond = set(rng.choice(pool, int(rng.integers(2, 4)), replace=False))
    phone = PHONES[int(rng.integers(0, len(PHONES)))]
    if "small_phone" in cond:
        phone = PHONES[0] if rng.random() < 0.5 else PHONES[3]
    symbology = "QRCODE" if rng.random() < 0.5 else "CODE128"
    code = coupon_code(rng)
    landscape = symbology == "CODE128" and rng.random() < 0.5
    dark = "dark_theme" in cond or rng.random() < 0.2
    screen, box, px_per_module = _screen(rng, phone, code if with_code else None, symbology, dark, landscape)
    sh, sw = screen.shape[:2]
    mm_per_px = phone.width_mm / phone.res[0]
    hfov = rng.uniform(60, 78)
    focal = (W / 2) / math.tan(math.radians(hfov / 2))
    module_mm = px_per_module * mm_per_px
    code_mm = max(box[2] - box[0], 0.3 * sw) * mm_per_px
    # distance: 3-60 cm, limited by the code fitting in the frame and by the finest module's size
    min_pitch = 2.0 if symbology == "QRCODE" else 1.25
    d_fit = focal * code_mm / (0.85 * (H if symbology == "QRCODE" else W))
    d_far = min(600.0, focal * module_mm / min_pitch)
    d_near = max(30.0, d_fit)
    if d_far < d_near:
        d_far = d_near
    if "moire" in cond:  # the screen's pixel grid resolves only up close: 0.35-0.9 frame px per screen px
        dist = float(np.clip(focal * mm_per_px / rng.uniform(0.35, 0.9), d_near, d_far))
    elif "far" in cond:
        dist = rng.uniform(max(d_near, d_far * 0.8), d_far)
    elif "near" in cond:
        dist = rng.uniform(d_near, min(d_far, d_near * 1.25))
    else:
        dist = rng.uniform(d_near, d_near + 0.6 * (d_far - d_near))
    pitch = focal * module_mm / dist
    roll = rng.uniform(-20, 20) + (90 if landscape and rng.random() < 0.3 else 0)
    tilt = rng.uniform(25, 45) if "perspective" in cond else rng.uniform(0, 18)
    # the code's centre lands anywhere the code fits
    ccx = (box[0] + box[2]) / 2 if with_code else sw / 2
    ccy = (box[1] + box[3]) / 2 if with_code else sh / 2
    off = np.array([(sw / 2 - ccx), (sh / 2 - ccy)]) * mm_per_px  # screen centre relative to the code's, mm
    half_span = code_mm * focal / dist / 2
    a = math.radians(roll)
    rolled = np.array([off[0] * math.cos(a) - off[1] * math.sin(a), off[0] * math.sin(a) + off[1] * math.cos(a)])
    shift = rolled * focal / dist
    size_mm = (sw * mm_per_px, sh * mm_per_px)
    src_screen = np.float32([[0, 0], [sw, 0], [sw, sh], [0, sh]])
    corners = np.float32([[box[0], box[1]], [box[2], box[1]], [box[2], box[3]], [box[0], box[3]]])[None]
    for _ in range(40):  # the whole code (and a margin) in the frame
        cx = rng.uniform(min(W / 2, half_span + 20), max(W / 2, W - half_span - 20))
        cy = rng.uniform(min(H / 2, half_span + 20), max(H / 2, H - half_span - 20))
        quad = _pose_quad(rng, size_mm, dist, focal, roll, tilt, (cx + shift[0], cy + shift[1]))
        if not with_code or _fits(corners, src_screen, quad):
            break
    else:
        # no draw put the whole code in the frame: a code larger than the frame, e.g. a landscape Code 128
        # rolled upright (its distance fitted its length to the frame's width, not to its height).  The
        # phone moves back, the code at the frame's centre, until the code fits: a coded frame shows its
        # whole symbol.  No further draws: every other frame of a set stays as it was.
        while not _fits(corners, src_screen, quad) and dist < 5000:
            dist *= 1.05
            shift = rolled * focal / dist
            quad = _pose_quad(rng, size_mm, dist, focal, roll, tilt, (W / 2 + shift[0], H / 2 + shift[1]), axis=0.0)
        pitch = focal * module_mm / dist
    if not with_code and rng.random() < 0.4:
        quad = None  # no phone at all

    # linear light
    scene = _counter(rng).astype(np.float32) / 255.0
    lin = scene**2.2 * rng.uniform(0.5, 1.0)
    if quad is not None:
        if "moire" in cond:
            # the subpixel grid projected at twice the frame's resolution, through the lens, then
            # sampled by the sensor: the beat between the two grids is the moire a webcam shows
            tex = _subpixels(screen)
            k = 3.0
            src = np.float32([[0, 0], [sw * k, 0], [sw * k, sh * k], [0, sh * k]])
            mat2 = cv2.getPerspectiveTransform(src, (quad * 2).astype(np.float32))
            big = cv2.warpPerspective(tex, mat2, (2 * W, 2 * H), flags=cv2.INTER_AREA)
            big = cv2.GaussianBlur(big, (0, 0), rng.uniform(0.6, 1.0))
            warped = cv2.resize(big, (W, H), interpolation=cv2.INTER_AREA).astype(np.float32) / 255.0
            # the grid lets through 2/9 of the light at 1.5x drive: the camera's exposure makes up for it
            warped = np.clip(warped**2.2 * 4.5 / 1.5**2.2, 0, 1) ** (1 / 2.2)
            mat = cv2.getPerspectiveTransform(src, quad.astype(np.float32))
        else:
            tex = screen
            src = np.float32([[0, 0], [sw, 0], [sw, sh], [0, sh]])
            mat = cv2.getPerspectiveTransform(src, quad.astype(np.float32))
            scale = float(np.linalg.norm(quad[1] - quad[0])) / sw  # frame px per screen px
            if scale < 0.7:  # the lens's own low-pass: a screen is seen without its pixel grid
                tex = cv2.GaussianBlur(tex, (0, 0), 0.45 / scale)
            warped = cv2.warpPerspective(tex, mat, (W, H), flags=cv2.INTER_LINEAR).astype(np.float32) / 255.0
        alpha = cv2.warpPerspective(np.ones(tex.shape[:2], np.float32), mat, (W, H), flags=cv2.INTER_LINEAR)
        bright = rng.uniform(0.55, 1.0) if "low_light" not in cond else rng.uniform(0.25, 0.45)
        emitted = warped**2.2 * bright * 1.4
        reflection = rng.uniform(0.0, 0.04)  # the room in the glass: lifts the dark modules
        screen_lin = emitted + reflection
        # the phone's body around the screen
        body = cv2.dilate((alpha > 0.5).astype(np.uint8), np.ones((25, 25), np.uint8)).astype(np.float32)
        lin = lin * (1 - body[..., None]) + 0.01 * body[..., None]
        lin = lin * (1 - alpha[..., None]) + screen_lin * alpha[..., None]
    code_poly = None
    if with_code and quad is not None:
        src = np.float32([[0, 0], [sw, 0], [sw, sh], [0, sh]])
        hmat = cv2.getPerspectiveTransform(src, quad.astype(np.float32))
        corners = np.float32([[box[0], box[1]], [box[2], box[1]], [box[2], box[3]], [box[0], box[3]]])[None]
        code_poly = cv2.perspectiveTransform(corners, hmat)[0]
        q = (2 if symbology == "QRCODE" else 10) * px_per_module  # the quiet zone, screen pixels
        quiet_box = np.float32([[box[0] - q, box[1] - q], [box[2] + q, box[1] - q], [box[2] + q, box[3] + q]])
        quiet_box = np.vstack([quiet_box, [[box[0] - q, box[3] + q]]]).astype(np.float32)[None]
        quiet_poly = cv2.perspectiveTransform(quiet_box, hmat)[0]
    if "finger" in cond and code_poly is not None:
        tip, direction, width = _thumb(rng, code_poly, symbology)
        mask = np.zeros((H, W), np.float32)
        end = tip + direction * 600
        cv2.line(mask, tuple(int(v) for v in tip), tuple(int(v) for v in end), 1.0, max(int(width), 6), cv2.LINE_AA)
        mask = cv2.GaussianBlur(mask, (0, 0), 2.5)
        shade = 0.35 + 0.25 * rng.random()
        skin = np.array([0.30, 0.40, 0.62], np.float32) * shade
        lin = lin * (1 - mask[..., None]) + skin * mask[..., None]
    if "glare" in cond and code_poly is not None:
        c = code_poly.mean(axis=0) + rng.uniform(-0.35, 0.35, 2) * np.ptp(code_poly, axis=0)
        g = np.zeros((H, W), np.float32)
        ax = (int(rng.uniform(30, 120)), int(rng.uniform(10, 50)))
        cv2.ellipse(g, (int(c[0]), int(c[1])), ax, rng.uniform(0, 180), 0, 360, 1.0, -1)
        g = cv2.GaussianBlur(g, (0, 0), max(ax) * 0.4)
        lin += g[..., None] * rng.uniform(0.4, 1.2)
    if "overexposed" in cond:
        lin *= rng.uniform(2.0, 3.5)
    # optics: every lens blurs a little; the categories push one blur to its limit
    lens = rng.uniform(0.4, 0.8)
    if "defocus" in cond or ("near" in cond and rng.random() < 0.5):
        radius = max(1.0, pitch * rng.uniform(0.45, 0.8))
        lin = cv2.filter2D(lin, -1, _disc(radius))
    else:
        lin = cv2.GaussianBlur(lin, (0, 0), lens)
    if "motion" in cond:
        lin = cv2.filter2D(lin, -1, _shake(rng, max(2.0, pitch * rng.uniform(0.7, 1.5))))
    if "rolling_shutter" in cond:  # the phone moves sideways while the rows are read out, top to bottom
        skew = rng.uniform(0.05, 0.18) * (1 if rng.random() < 0.5 else -1)
        wobble = rng.uniform(0.5, 2.5)
        if code_poly is not None:  # the symbol was placed in the frame: the skew keeps it there
            skew = _capped_skew(skew, code_poly, wobble + 1)
        yy, xx = np.mgrid[0:H, 0:W].astype(np.float32)
        map_x = xx + skew * (yy - H / 2) + wobble * np.sin(yy / rng.uniform(20, 60))
        if code_poly is not None:  # what the frame's row y shows of source column x + skew (y - H/2)
            quiet_poly[:, 0] -= skew * (quiet_poly[:, 1] - H / 2)
            code_poly[:, 0] -= skew * (code_poly[:, 1] - H / 2)
        lin = cv2.remap(lin, map_x, yy, cv2.INTER_LINEAR, borderMode=cv2.BORDER_REFLECT)
        lin = cv2.filter2D(lin, -1, _shake(rng, max(1.5, pitch * rng.uniform(0.3, 0.7))))
    # sensor: exposure, Bayer mosaic, shot + read noise, demosaic
    gain = rng.uniform(0.9, 1.1)
    if "low_light" in cond:
        gain *= rng.uniform(2.0, 4.0)  # the webcam raises its gain: more noise
    raw = np.clip(lin * gain, 0, 1)
    bayer = np.empty((H, W), np.float32)
    bayer[0::2, 0::2] = raw[0::2, 0::2, 0]  # B
    bayer[0::2, 1::2] = raw[0::2, 1::2, 1]  # G
    bayer[1::2, 0::2] = raw[1::2, 0::2, 1]  # G
    bayer[1::2, 1::2] = raw[1::2, 1::2, 2]  # R
    full_well = 2000.0 / (gain * (3 if "low_light" in cond else 1))
    noise = np.empty((H, W), np.float32)
    cv2.setRNGSeed(int(rng.integers(1 << 31)))
    cv2.randn(noise, 0.0, 1.0)
    bayer = bayer + noise * np.sqrt(bayer / full_well + (0.004 * gain) ** 2)
    bayer8 = (np.clip(bayer, 0, 1) ** (1 / 2.2) * 255).astype(np.uint8)  # gamma before demosaic, as cheap ISPs
    img = cv2.cvtColor(bayer8, cv2.COLOR_BayerRG2BGR)
    # the ISP's sharpening (halos around edges) then MJPG
    amount = rng.uniform(0.2, 0.8)
    img = cv2.addWeighted(img, 1 + amount, cv2.GaussianBlur(img, (0, 0), 1.2), -amount, 0)
    quality = int(rng.integers(35, 60)) if "mjpg" in cond else int(rng.integers(70, 92))
    params = [cv2.IMWRITE_JPEG_QUALITY, quality, cv2.IMWRITE_JPEG_SAMPLING_FACTOR, cv2.IMWRITE_JPEG_SAMPLING_FACTOR_422]
    _ok, buf = cv2.imencode(".jpg", img, params)
    img = cv2.imdecode(buf, cv2.IMREAD_COLOR)
    if not with_code:
        return FrameB(img, None, None, category)
    inside = bool(quiet_poly.min() >= 0 and quiet_poly[:, 0].max() <= W - 1 and quiet_poly[:, 1].max() <= H - 1)
    return FrameB(img, code, symbology, category, float(pitch), float(dist), inside, code_poly)


def frame_set_b(seed: int, per_category: int = 24, empty: int = 48) -> Iterator[FrameB]:
    """``per_category`` coded frames per category (QR Code and Code 128 about half each), then empties."""
    rng = np.random.default_rng([seed, 0xB])  # a seed stream of its own: never set A's frames
    for category in CATEGORIES_B:
        for _ in range(per_category):
            yield make_frame_b(rng, category)
    for _ in range(empty):
        yield make_frame_b(rng, "empty", with_code=False)
