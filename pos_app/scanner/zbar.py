"""zbar through pyzbar's ctypes bindings: a long-lived scanner per configuration (pyzbar's ``decode``
builds one per call and cannot set the scan density)."""

from __future__ import annotations

from ctypes import c_void_p, cast, string_at
from typing import Any

import numpy as np

_GRAY_FOURCC = 808466521  # zbar's 'Y800': 8-bit grayscale


class ZbarMissing(RuntimeError):
    """The zbar shared library cannot be loaded: camera and image decoding are unavailable."""


def load_zbar() -> Any:
    """pyzbar's bindings, or ZbarMissing (pyzbar raises ImportError, ctypes OSError) when zbar is absent."""
    try:
        from pyzbar import wrapper
    except (ImportError, OSError) as exc:
        raise ZbarMissing(str(exc)) from exc
    return wrapper


class ZbarScanner:
    """A long-lived zbar image scanner for a fixed set of symbologies."""

    def __init__(self, symbologies: tuple[str, ...], density: int = 1, rows_only: bool = False) -> None:
        w = load_zbar()
        self._w = w
        self._scanner = w.zbar_image_scanner_create()
        if not self._scanner:
            raise ZbarMissing("zbar_image_scanner_create failed")
        cfg = w.ZBarConfig
        # symbol 0 addresses every symbology: disable all, enable ours
        w.zbar_image_scanner_set_config(self._scanner, 0, cfg.CFG_ENABLE, 0)
        for name in symbologies:
            w.zbar_image_scanner_set_config(self._scanner, w.ZBarSymbol[name], cfg.CFG_ENABLE, 1)
        # the key of zbar's speed estimate; rows only: no vertical scan lines (a 1-D code turned upright)
        self.density = -density if rows_only else density
        w.zbar_image_scanner_set_config(self._scanner, 0, cfg.CFG_X_DENSITY, 0 if rows_only else density)
        w.zbar_image_scanner_set_config(self._scanner, 0, cfg.CFG_Y_DENSITY, density)

    def __del__(self) -> None:
        scanner = getattr(self, "_scanner", None)
        if scanner:
            self._w.zbar_image_scanner_destroy(scanner)

    def scan(self, gray: np.ndarray) -> list[tuple[bytes, str, list[tuple[float, float]]]]:
        w = self._w
        gray = np.ascontiguousarray(gray, dtype=np.uint8)
        h, wd = gray.shape[:2]
        pixels = gray.tobytes()
        image = w.zbar_image_create()
        out: list[tuple[bytes, str, list[tuple[float, float]]]] = []
        try:
            w.zbar_image_set_format(image, _GRAY_FOURCC)
            w.zbar_image_set_size(image, wd, h)
            w.zbar_image_set_data(image, cast(pixels, c_void_p), len(pixels), None)  # type: ignore[arg-type]
            if w.zbar_scan_image(self._scanner, image) <= 0:
                return out
            sym = w.zbar_image_first_symbol(image)
            while sym:
                data = string_at(w.zbar_symbol_get_data(sym), w.zbar_symbol_get_data_length(sym))
                try:
                    name = w.ZBarSymbol(sym.contents.type).name
                except ValueError:
                    name = str(sym.contents.type)
                n = w.zbar_symbol_get_loc_size(sym)
                pts = [
                    (float(w.zbar_symbol_get_loc_x(sym, i)), float(w.zbar_symbol_get_loc_y(sym, i))) for i in range(n)
                ]
                out.append((data, name, pts))
                sym = w.zbar_symbol_next(sym)
        finally:
            w.zbar_image_destroy(image)
        return out


def zbar_text(data: bytes) -> str | None:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return None


def outvoted(
    reads: list[tuple[bytes, str, list[tuple[float, float]]]],
) -> list[tuple[bytes, str, list[tuple[float, float]]]]:
    """A view's reads without 1-D misreads: when zbar reads two texts of one 1-D symbology in one view
    (a blurred or sharpened code read differently along different scan lines), only the one crossed by
    strictly the most scan lines is kept."""
    out = []
    for data, symbology, pts in reads:
        if symbology != "QRCODE":
            n = len(set(pts))
            rivals = [len(set(p)) for d, s, p in reads if s == symbology and d != data]
            if rivals and n <= max(rivals):
                continue
        out.append((data, symbology, pts))
    return out
