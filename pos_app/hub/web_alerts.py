"""Head office's alerts: counters whose journal went backwards or differs from the hub's copy (restored
from an old backup, cloned), as found by ``pos_app.hub.journal_store`` and kept in ``journal_alerts``.

Shown at the top of the Unresolved page (one line on the overview points there) until the counter is
enrolled again; `hub report --json` lists the same under ``alerts``.
"""

from __future__ import annotations

from datetime import datetime
from html import escape
from typing import Any

from pos_app.hub.reports import chain_tz
from pos_app.i18n import QT_TRANSLATE_NOOP as N_

CTX = "hub_web"
T_ALERTS_HEAD = N_(CTX, "Counters whose journal went backwards or was replaced")
T_ALERTS_BANNER = N_(
    CTX, "{count} counter(s) locked out: their journal went backwards or was replaced. See Unresolved."
)
T_ALERTS_NOTE = N_(
    CTX,
    "Each counter is locked out. The hub keeps every row it received; enrolling the counter again after "
    "checking it keeps them under NAME~date and lets the counter ship its journal afresh.",
)
T_STORE = N_(CTX, "Store")
T_COUNTER = N_(CTX, "Counter")
T_FOUND = N_(CTX, "Found")
T_WHAT_HAPPENED = N_(CTX, "What happened")
T_HELD = N_(CTX, "Rows on the hub")
REASONS = {
    "went_back": N_(CTX, "its journal went back: it ends at row {counter}, but it had reached row {seen}"),
    "differs": N_(CTX, "its journal holds other rows than before (row {seen} differs): restored or copied"),
    "other_journal": N_(CTX, "another journal presents itself as this counter: cloned or replaced"),
}


def _what(page: Any, alert: dict[str, Any]) -> str:
    text = REASONS.get(alert["reason"], REASONS["differs"])
    counter = alert["counter_seq"] if alert["counter_seq"] is not None else "?"
    return str(page.t(text, counter=counter, seen=alert["seen_seq"]))


def alerts_section(page: Any, alerts: list[dict[str, Any]]) -> str:
    """The Unresolved page's alerts (empty when there are none)."""
    if not alerts:
        return ""
    tz = chain_tz()
    rows = [
        [
            datetime.fromisoformat(a["at"]).astimezone(tz).strftime("%Y-%m-%d %H:%M:%S"),
            a["store_name"],
            a["terminal"],
            _what(page, a),
            str(a["hub_rows"]),
        ]
        for a in alerts
    ]
    head = [(T_FOUND, False), (T_STORE, False), (T_COUNTER, False), (T_WHAT_HAPPENED, False), (T_HELD, True)]
    return (
        f'<section style="border-color:#c0392b;margin-bottom:16px"><h2 class="changed">{escape(page.t(T_ALERTS_HEAD))}'
        f'</h2>{page.table(head, rows)}<p class="note">{escape(page.t(T_ALERTS_NOTE))}</p></section>'
    )


def alerts_banner(page: Any, alerts: list[dict[str, Any]]) -> str:
    """One line on the overview pointing at the alerts."""
    if not alerts:
        return ""
    return (
        f'<p class="changed"><a href="{escape(page.link("/unresolved"))}" style="color:inherit">'
        f"{escape(page.t(T_ALERTS_BANNER, count=len(alerts)))}</a></p>"
    )
