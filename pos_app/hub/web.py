"""Head office's pages, served by the hub: server-rendered HTML, an inline SVG chart, no JavaScript.

/            redemptions per store, counter, cashier and day (with a chart), for a period and a store
/search      everything the chain knows about one code
/unresolved  operations whose outcome is not known yet, across the chain
/export.csv  the period's redemptions, one per line (spreadsheet-safe)
/api/report  the same figures as JSON (what `pos-app hub report --json` prints)

Chinese and English (``?lang=zh_CN`` / ``?lang=en``; default from the browser's Accept-Language).
When ``POS_APP_HUB_ADMIN_PASSWORD`` is set the pages ask for it (HTTP Basic, user "admin").
"""

from __future__ import annotations

import base64
import binascii
import hmac
import os
from datetime import date, datetime, timedelta
from html import escape
from typing import Any
from urllib.parse import urlencode

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Route

from pos_app.hub import reports
from pos_app.hub.csv_safe import to_csv
from pos_app.hub.db import DatabaseDown
from pos_app.hub.relay import Hub, changed_where
from pos_app.hub.web_alerts import alerts_banner, alerts_section
from pos_app.hub.wording import changed_sentence
from pos_app.i18n import QT_TRANSLATE_NOOP as N_
from pos_app.i18n import translate

CTX = "hub_web"
ENV_ADMIN_PASSWORD = "POS_APP_HUB_ADMIN_PASSWORD"

T_TITLE = N_(CTX, "Head office")
T_OVERVIEW = N_(CTX, "Redemptions")
T_SEARCH = N_(CTX, "Search a code")
T_UNRESOLVED = N_(CTX, "Unresolved")
T_EXPORT = N_(CTX, "Export CSV")
T_FROM = N_(CTX, "From")
T_TO = N_(CTX, "To")
T_STORE = N_(CTX, "Store")
T_ALL_STORES = N_(CTX, "All stores")
T_SHOW = N_(CTX, "Show")
T_TOTAL = N_(CTX, "{count} redemptions worth {value} from {since} to {until}")
T_PER_DAY = N_(CTX, "Redemptions per day")
T_BY_STORE = N_(CTX, "By store")
T_BY_COUNTER = N_(CTX, "By counter")
T_BY_CASHIER = N_(CTX, "By cashier")
T_BY_DAY = N_(CTX, "By day")
T_COUNTER = N_(CTX, "Counter")
T_CASHIER = N_(CTX, "Cashier")
T_DAY = N_(CTX, "Day")
T_COUNT = N_(CTX, "Redemptions")
T_VALUE = N_(CTX, "Face value")
T_NONE = N_(CTX, "No redemptions in this period.")
T_CODE = N_(CTX, "Code")
T_FIND = N_(CTX, "Find")
T_TIME = N_(CTX, "Time")
T_WHAT = N_(CTX, "What")
T_OUTCOME = N_(CTX, "Outcome")
T_COUPON = N_(CTX, "Coupon")
T_NOTHING_KNOWN = N_(CTX, "No counter of the chain has seen this code.")
T_NOT_CHANGED = N_(CTX, "Not redeemed anywhere in the chain.")
T_UNRESOLVED_HEAD = N_(CTX, "Operations whose outcome is not known yet")
T_UNRESOLVED_NONE = N_(CTX, "Nothing is unresolved.")
T_SINCE = N_(CTX, "Since")
T_SOURCE = N_(CTX, "Known from")
T_SRC_HUB = N_(CTX, "hub (answer from WeChat lost)")
T_SRC_JOURNAL = N_(CTX, "counter's journal")
T_BAD_DATE = N_(CTX, "Dates are written YYYY-MM-DD, and From comes before To.")
T_DB_DOWN = N_(CTX, "The hub's database cannot be reached. Try again in a moment.")
T_NO_CASHIER = N_(CTX, "(no name)")
T_SENT = N_(CTX, "sent, answer awaited")
T_TZ = N_(CTX, "Days in time zone {tz}")

ACTIONS = {"lookup": N_(CTX, "lookup"), "redeem": N_(CTX, "redeem"), "invalidate": N_(CTX, "make unavailable")}
OUTCOMES = {
    "redeemable": N_(CTX, "redeemable"),
    "not_redeemable": N_(CTX, "not redeemable"),
    "redeemed": N_(CTX, "redeemed"),
    "invalidated": N_(CTX, "made unavailable"),
    "refused": N_(CTX, "refused"),
    "error": N_(CTX, "not done"),
    "pending": N_(CTX, "unknown yet"),
    "consumed_elsewhere": N_(CTX, "consumed, possibly at another counter"),
}

CSS = """
body{font-family:"Noto Sans CJK SC","Noto Sans SC","Microsoft YaHei",system-ui,sans-serif;margin:0;color:#1d2733;
background:#f4f6f8}header{background:#1f3a5f;color:#fff;padding:12px 24px;display:flex;align-items:center;gap:24px}
header h1{font-size:20px;margin:0}nav a{color:#dce6f2;margin-right:16px;text-decoration:none;font-size:15px}
nav a.on{color:#fff;border-bottom:2px solid #fff}.lang{margin-left:auto}.lang a{color:#dce6f2;margin-left:10px}
main{padding:16px 24px;max-width:1220px}form{margin:0 0 14px}label{margin-right:12px}input,select,button{font-size:14px;
padding:4px 6px}.total{font-size:18px;font-weight:600;margin:6px 0 12px}.grid{display:grid;
grid-template-columns:1fr 1fr;gap:16px}section{background:#fff;border:1px solid #d8dee4;border-radius:6px;
padding:10px 14px}h2{font-size:15px;margin:4px 0 8px}table{border-collapse:collapse;width:100%;font-size:14px}
th,td{text-align:left;
padding:4px 8px;border-bottom:1px solid #e6eaee}td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
.note{color:#5b6770;font-size:13px}.changed{font-size:17px;font-weight:600;color:#8a1c1c}.ok{color:#2c6e2f}
svg text{font-family:inherit}
"""


def _lang(request: Request) -> str:
    asked = request.query_params.get("lang")
    if asked in ("en", "zh_CN"):
        return asked
    return "zh_CN" if request.headers.get("accept-language", "").lower().startswith("zh") else "en"


def _money(fen: int | None) -> str:
    return "" if fen is None else f"¥{fen / 100:,.2f}"


class Page:
    def __init__(self, request: Request) -> None:
        self.request = request
        self.lang = _lang(request)

    def t(self, text: str, **kw: Any) -> str:
        out = translate(CTX, text, self.lang)
        return out.format(**kw) if kw else out

    def link(self, path: str, **params: Any) -> str:
        query = {k: v for k, v in params.items() if v not in (None, "")}
        query["lang"] = self.lang
        return f"{path}?{urlencode(query)}"

    def render(self, active: str, body: str, status: int = 200) -> HTMLResponse:
        here = dict(self.request.query_params)
        other = {**here, "lang": "en" if self.lang == "zh_CN" else "zh_CN"}
        nav = "".join(
            f'<a href="{escape(self.link(path))}" class="{"on" if path == active else ""}">{escape(self.t(label))}</a>'
            for path, label in (("/", T_OVERVIEW), ("/search", T_SEARCH), ("/unresolved", T_UNRESOLVED))
        )
        switch = escape(f"{self.request.url.path}?{urlencode(other)}")
        html = (
            f'<!doctype html><html lang="{"zh-CN" if self.lang == "zh_CN" else "en"}"><head><meta charset="utf-8">'
            f"<title>{escape(self.t(T_TITLE))}</title><style>{CSS}</style></head><body>"
            f"<header><h1>{escape(self.t(T_TITLE))}</h1><nav>{nav}</nav>"
            f'<span class="lang"><a href="{switch}">{"English" if self.lang == "zh_CN" else "中文"}</a></span>'
            f"</header><main>{body}</main></body></html>"
        )
        return HTMLResponse(html, status_code=status)

    def table(self, head: list[tuple[str, bool]], rows: list[list[str]]) -> str:
        th = "".join(f'<th class="{"n" if num else ""}">{escape(self.t(h))}</th>' for h, num in head)
        trs = "".join(
            "<tr>"
            + "".join(f'<td class="{"n" if head[i][1] else ""}">{escape(c)}</td>' for i, c in enumerate(r))
            + "</tr>"
            for r in rows
        )
        return f"<table><tr>{th}</tr>{trs}</table>"


def bar_chart(days: list[dict[str, Any]], since: date, until: date, title: str) -> str:
    """Redemptions per day as an inline SVG bar chart (every day of the period, zero days included)."""
    counts = {d["day"]: int(d["redemptions"]) for d in days}
    span = [since + timedelta(days=i) for i in range((until - since).days + 1)][-62:]
    width, height, left, bottom, top = 1160, 240, 44, 28, 16
    peak = max([counts.get(d.isoformat(), 0) for d in span] + [1])
    step = (width - left - 8) / max(1, len(span))
    bar = max(2.0, step * 0.7)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="100%" viewBox="0 0 {width} {height}" role="img"'
        f' aria-label="{escape(title)}">',
        f'<line x1="{left}" y1="{height - bottom}" x2="{width - 4}" y2="{height - bottom}" stroke="#9aa5b1"/>',
    ]
    for frac in (0.5, 1.0):
        y = height - bottom - (height - bottom - top) * frac
        parts.append(f'<line x1="{left}" y1="{y:.1f}" x2="{width - 4}" y2="{y:.1f}" stroke="#e6eaee"/>')
        parts.append(
            f'<text x="{left - 6}" y="{y + 4:.1f}" font-size="11" text-anchor="end">{round(peak * frac)}</text>'
        )
    label_every = max(1, len(span) // 15)
    for i, day in enumerate(span):
        n = counts.get(day.isoformat(), 0)
        h = (height - bottom - top) * n / peak
        x = left + i * step + (step - bar) / 2
        y = height - bottom - h
        parts.append(
            f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar:.1f}" height="{h:.1f}" fill="#2f6db5"><title>'
            f"{day.isoformat()}: {n}</title></rect>"
        )
        if n and len(span) <= 31:
            parts.append(f'<text x="{x + bar / 2:.1f}" y="{y - 3:.1f}" font-size="11" text-anchor="middle">{n}</text>')
        if i % label_every == 0:
            parts.append(
                f'<text x="{x + bar / 2:.1f}" y="{height - bottom + 16}" font-size="11" text-anchor="middle">'
                f"{day.strftime('%m-%d')}</text>"
            )
    parts.append("</svg>")
    return "".join(parts)


def _period(request: Request) -> reports.Period:
    tz = reports.chain_tz()
    today = datetime.now(tz).date()
    try:
        since = date.fromisoformat(request.query_params.get("from") or (today - timedelta(days=13)).isoformat())
        until = date.fromisoformat(request.query_params.get("to") or today.isoformat())
    except ValueError:
        raise ValueError("bad date") from None
    if since > until or (until - since).days > 3660:
        raise ValueError("bad range")
    store = request.query_params.get("store") or None
    return reports.Period(since, until, store[:64] if store else None)


def _authorised(request: Request) -> bool:
    password = os.environ.get(ENV_ADMIN_PASSWORD)
    if not password:
        return True
    scheme, _, value = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "basic":
        return False
    try:
        user, _, given = base64.b64decode(value, validate=True).decode("utf-8").partition(":")
    except (binascii.Error, UnicodeDecodeError):
        return False
    return user == "admin" and hmac.compare_digest(given.encode(), password.encode())


def routes(hub: Hub) -> list[Route]:
    def guarded(handler: Any) -> Any:
        async def run(request: Request) -> Response:
            if not _authorised(request):
                return Response(status_code=401, headers={"WWW-Authenticate": 'Basic realm="pos-app hub"'})
            try:
                response: Response = await handler(request)
                return response
            except DatabaseDown:
                page = Page(request)
                return page.render("", f"<p>{escape(page.t(T_DB_DOWN))}</p>", status=503)

        return run

    def stores() -> list[dict[str, Any]]:
        with hub.db.tx() as conn:
            return list(conn.execute("SELECT store_id, name FROM stores ORDER BY store_id").fetchall())

    async def overview(request: Request) -> Response:
        page = Page(request)
        try:
            period = _period(request)
        except ValueError:
            return page.render("/", f"<p>{escape(page.t(T_BAD_DATE))}</p>", status=400)

        def load() -> tuple[dict[str, Any], list[dict[str, Any]]]:
            with hub.db.tx() as conn:
                return reports.figures(conn, period), stores()

        figs, all_stores = await run_in_threadpool(load)
        options = "".join(
            f'<option value="{escape(s["store_id"])}"{" selected" if s["store_id"] == period.store else ""}>'
            f"{escape(s['store_id'] + (' · ' + s['name'] if s['name'] else ''))}</option>"
            for s in all_stores
        )
        csv_link = page.link("/export.csv", **{"from": period.since, "to": period.until, "store": period.store})
        form = (
            f'<form method="get" action="/"><input type="hidden" name="lang" value="{page.lang}">'
            f'<label>{escape(page.t(T_FROM))} <input type="date" name="from" value="{period.since}"></label>'
            f'<label>{escape(page.t(T_TO))} <input type="date" name="to" value="{period.until}"></label>'
            f'<label>{escape(page.t(T_STORE))} <select name="store"><option value="">'
            f"{escape(page.t(T_ALL_STORES))}</option>{options}</select></label>"
            f"<button>{escape(page.t(T_SHOW))}</button> "
            f'<a href="{escape(csv_link)}">'
            f"{escape(page.t(T_EXPORT))}</a></form>"
        )
        total = figs["total"]
        summary = page.t(
            T_TOTAL, count=total["redemptions"], value=_money(total["value"]), since=period.since, until=period.until
        )
        body = [alerts_banner(page, figs["alerts"]), form, f'<p class="total">{escape(summary)}</p>']
        chart = bar_chart(figs["by_day"], period.since, period.until, page.t(T_PER_DAY))
        body.append(
            f"<section><h2>{escape(page.t(T_PER_DAY))}</h2>{chart}"
            f'<p class="note">{escape(page.t(T_TZ, tz=figs["time_zone"]))}</p></section>'
        )
        if not total["redemptions"]:
            body.append(f"<p>{escape(page.t(T_NONE))}</p>")
        money = (T_COUNT, True), (T_VALUE, True)

        def num(r: dict[str, Any]) -> list[str]:
            return [str(r["redemptions"]), _money(r["value"])]

        sections = [
            (T_BY_STORE, [(T_STORE, False), *money], [[r["store_name"], *num(r)] for r in figs["by_store"]]),
            (
                T_BY_COUNTER,
                [(T_STORE, False), (T_COUNTER, False), *money],
                [[r["store_id"], r["terminal"], *num(r)] for r in figs["by_counter"]],
            ),
            (
                T_BY_CASHIER,
                [(T_STORE, False), (T_CASHIER, False), *money],
                [[r["store_id"], r["cashier"] or page.t(T_NO_CASHIER), *num(r)] for r in figs["by_cashier"]],
            ),
            (T_BY_DAY, [(T_DAY, False), *money], [[r["day"], *num(r)] for r in figs["by_day"]]),
        ]
        grid = "".join(
            f"<section><h2>{escape(page.t(title))}</h2>{page.table(list(head), rows)}</section>"
            for title, head, rows in sections
        )
        body.append(f'<div class="grid" style="margin-top:16px">{grid}</div>')
        return page.render("/", "".join(body))

    async def search(request: Request) -> Response:
        page = Page(request)
        code = (request.query_params.get("code") or "").strip()[:128]
        form = (
            f'<form method="get" action="/search"><input type="hidden" name="lang" value="{page.lang}">'
            f'<label>{escape(page.t(T_CODE))} <input name="code" value="{escape(code)}" size="32" autofocus></label>'
            f"<button>{escape(page.t(T_FIND))}</button></form>"
        )
        if not code:
            return page.render("/search", form)

        def load() -> tuple[dict[str, Any] | None, list[dict[str, Any]]]:
            with hub.db.tx() as conn:
                return changed_where(conn, code), reports.code_history(conn, code)

        where, history = await run_in_threadpool(load)
        tz = reports.chain_tz()
        body = [form]
        if where is not None:
            body.append(f'<p class="changed">{escape(changed_sentence(where, page.lang))}</p>')
        else:
            body.append(f'<p class="ok">{escape(page.t(T_NOT_CHANGED))}</p>')
        if history:
            rows = [
                [
                    r["ts"].astimezone(tz).strftime("%Y-%m-%d %H:%M:%S"),
                    r["store_name"],
                    r["terminal"],
                    r["cashier"],
                    page.t(ACTIONS.get(r["action"], r["action"])),
                    page.t(OUTCOMES.get(r["outcome"], r["outcome"])),
                    r["title"] or "",
                ]
                for r in history
            ]
            head = [
                (T_TIME, False),
                (T_STORE, False),
                (T_COUNTER, False),
                (T_CASHIER, False),
                (T_WHAT, False),
                (T_OUTCOME, False),
                (T_COUPON, False),
            ]
            body.append(f"<section>{page.table(head, rows)}</section>")
        else:
            body.append(f"<p>{escape(page.t(T_NOTHING_KNOWN))}</p>")
        return page.render("/search", "".join(body))

    async def unresolved(request: Request) -> Response:
        page = Page(request)

        def load() -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
            with hub.db.tx() as conn:
                return reports.unresolved(conn), reports.journal_alerts(conn)

        rows, alerts = await run_in_threadpool(load)
        tz = reports.chain_tz()
        body = [alerts_section(page, alerts), f"<h2>{escape(page.t(T_UNRESOLVED_HEAD))}</h2>"]
        if not rows:
            body.append(f"<p>{escape(page.t(T_UNRESOLVED_NONE))}</p>")
        else:
            table = [
                [
                    r["since"].astimezone(tz).strftime("%Y-%m-%d %H:%M:%S") if r["since"] else "",
                    r["store_id"],
                    r["terminal"],
                    r["cashier"],
                    page.t(ACTIONS.get(r["action"], r["action"])),
                    r["code"],
                    page.t(T_SRC_HUB if r["source"] == "hub" else T_SRC_JOURNAL),
                ]
                for r in rows
            ]
            head = [
                (T_SINCE, False),
                (T_STORE, False),
                (T_COUNTER, False),
                (T_CASHIER, False),
                (T_WHAT, False),
                (T_CODE, False),
                (T_SOURCE, False),
            ]
            body.append(f"<section>{page.table(head, table)}</section>")
        return page.render("/unresolved", "".join(body))

    async def export_csv(request: Request) -> Response:
        try:
            period = _period(request)
        except ValueError:
            return JSONResponse({"error": "dates are YYYY-MM-DD and from <= to"}, status_code=400)

        def load() -> list[dict[str, Any]]:
            with hub.db.tx() as conn:
                return reports.redemptions(conn, period)

        rows = await run_in_threadpool(load)
        tz = reports.chain_tz()
        header = [
            "time",
            "store",
            "store_name",
            "terminal",
            "cashier",
            "code",
            "card_id",
            "title",
            "face_value_fen",
            "attempt_id",
        ]
        data = to_csv(
            header,
            (
                [
                    r["ts"].astimezone(tz).isoformat(timespec="seconds"),
                    r["store_id"],
                    r["store_name"],
                    r["terminal"],
                    r["cashier"],
                    r["code"],
                    r["card_id"],
                    r["title"],
                    r["face_value"],
                    r["attempt_id"],
                ]
                for r in rows
            ),
        )
        name = f"redemptions-{period.since}-{period.until}.csv"
        return Response(
            data,
            media_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": f'attachment; filename="{name}"'},
        )

    async def api_report(request: Request) -> Response:
        try:
            period = _period(request)
        except ValueError:
            return JSONResponse({"error": "dates are YYYY-MM-DD and from <= to"}, status_code=400)

        def load() -> dict[str, Any]:
            with hub.db.tx() as conn:
                return reports.figures(conn, period)

        return JSONResponse(await run_in_threadpool(load))

    return [
        Route("/", guarded(overview), methods=["GET"]),
        Route("/search", guarded(search), methods=["GET"]),
        Route("/unresolved", guarded(unresolved), methods=["GET"]),
        Route("/export.csv", guarded(export_csv), methods=["GET"]),
        Route("/api/report", guarded(api_report), methods=["GET"]),
    ]
