"""Screenshots of head office's page in headless Chromium (Debian's `chromium`), English and Chinese.

    uv run python benchmarks/hub_screenshots.py [OUT_DIR]      # default docs/hub_screenshots

A private PostgreSQL cluster, the hub in front of the simulator, a fortnight of three stores' real
journals shipped to it, then one PNG per page and language.  Look at them.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("PYTHON_KEYRING_BACKEND", "tests.support.file_keyring.FileKeyring")


def shoot(url: str, out: Path) -> None:
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if browser is None:
        raise SystemExit("chromium not found (Debian: apt install chromium)")
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            [
                browser,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                f"--user-data-dir={profile}",
                f"--screenshot={out}",
                "--window-size=1280,900",
                "--hide-scrollbars",
                url,
            ],
            check=True,
            capture_output=True,
            timeout=120,
        )


def restored_counter(server: object, name: str, rows_lost: int) -> None:
    """Counter ``name`` comes back with its journal restored from an older copy (``rows_lost`` rows
    short): its upload shows the hub that head, the hub locks it out and raises an alert."""
    from pos_app.hub import journal_store
    from pos_app.hub.terminals import Terminal

    with server.db.tx() as conn:  # type: ignore[attr-defined]
        t = conn.execute("SELECT * FROM terminals WHERE name = %s", (name,)).fetchone()
        head = conn.execute(
            "SELECT seq, hash FROM journal_rows WHERE terminal = %s ORDER BY seq DESC OFFSET %s LIMIT 1",
            (name, rows_lost),
        ).fetchone()
        terminal = Terminal(name, t["store_id"], "", t["journal_identity"])
        try:
            journal_store.ingest(conn, terminal, journal_store.Batch(None, (head["seq"], head["hash"]), []))
        except journal_store.CloneDetected:
            pass


def main() -> int:
    from pos_app.credentials import Credentials
    from pos_app.hub.pgcluster import Cluster
    from pos_app.hub.server import HubServer
    from pos_app.sandbox import DEMO_APPID, DEMO_SECRET, Simulator
    from tests.hub.chain_data import ship_chain

    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "hub_screenshots"
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as work, Cluster() as pg, Simulator() as sim:
        server = HubServer(pg.url, Credentials(DEMO_APPID, DEMO_SECRET), upstream=sim.base_url)
        with server:
            ship_chain(server, Path(work), days=14, end=time.time())
            restored_counter(server, "S7-2", rows_lost=12)
            with server.db.tx() as conn:
                code = conn.execute(
                    "SELECT code FROM journal_rows WHERE outcome = 'redeemed' AND cashier = 'Li' LIMIT 1"
                ).fetchone()["code"]
            for lang in ("en", "zh_CN"):
                shoot(f"{server.url}/?lang={lang}", out / f"overview_{lang}.png")
                shoot(f"{server.url}/search?code={code}&lang={lang}", out / f"search_{lang}.png")
                shoot(f"{server.url}/unresolved?lang={lang}", out / f"unresolved_{lang}.png")
    for png in sorted(out.glob("*.png")):
        print(png)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
