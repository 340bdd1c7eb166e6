"""Head office's page, CSV and report against real shipped journals."""

from __future__ import annotations

import csv
import io
import json
import time
from datetime import datetime, timedelta

import httpx

from pos_app.cli import main as cli_main
from pos_app.hub.csv_safe import safe_cell
from pos_app.hub.reports import chain_tz
from tests.hub.chain_data import ship_chain


def test_page_figures_csv_and_report_agree_with_the_journals(hub_server, tmp_path, capsys):
    counts = ship_chain(hub_server, tmp_path, days=14, end=time.time())
    total = sum(counts.values())
    today = datetime.now(chain_tz()).date()
    since = today - timedelta(days=20)
    query = {"from": since.isoformat(), "to": today.isoformat()}

    report = httpx.get(f"{hub_server.url}/api/report", params=query).json()
    assert report["total"]["redemptions"] == total
    assert {r["terminal"]: r["redemptions"] for r in report["by_counter"]} == counts
    assert sum(r["redemptions"] for r in report["by_day"]) == total

    assert (
        cli_main(
            ["hub", "report", "--database", hub_server.db.url, "--from", query["from"], "--to", query["to"], "--json"]
        )
        == 0
    )
    assert json.loads(capsys.readouterr().out) == report
    assert (
        cli_main(
            [
                "hub",
                "report",
                "--database",
                hub_server.db.url,
                "--from",
                query["from"],
                "--to",
                query["to"],
                "--store",
                "7",
                "--json",
            ]
        )
        == 0
    )
    store7 = json.loads(capsys.readouterr().out)
    assert store7["total"]["redemptions"] == counts["S7-1"] + counts["S7-2"]

    en = httpx.get(f"{hub_server.url}/", params={**query, "lang": "en"})
    assert en.status_code == 200 and "<svg" in en.text and f"{total} redemptions" in en.text
    assert "<script" not in en.text.lower()
    zh = httpx.get(f"{hub_server.url}/", params=query, headers={"Accept-Language": "zh-CN,zh;q=0.9"})
    assert 'lang="zh-CN"' in zh.text

    exported = httpx.get(f"{hub_server.url}/export.csv", params=query)
    assert exported.content.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(exported.content.decode("utf-8-sig"))))
    assert len(rows) == total + 1 and rows[0][0] == "time"

    unresolved = httpx.get(f"{hub_server.url}/unresolved", params={"lang": "en"}).text
    for name in counts:
        assert f'<td class="">{name}</td>' in unresolved

    code = rows[1][5]
    found = httpx.get(f"{hub_server.url}/search", params={"code": code, "lang": "en"}).text
    assert "redeemed at Store" in found

    bad = httpx.get(f"{hub_server.url}/api/report", params={"from": "yesterday"})
    assert bad.status_code == 400 and "error" in bad.json()
    assert httpx.get(f"{hub_server.url}/", params={"from": "2026-13-01"}).status_code == 400


def test_csv_cells_never_run_as_formulas():
    assert safe_cell('=HYPERLINK("http://x")') == '\'=HYPERLINK("http://x")'
    for bad in ("+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1", "＝1"):
        assert safe_cell(bad).startswith("'")
    assert safe_cell(-500) == "-500" and safe_cell("李") == "李" and safe_cell(None) == ""


def test_admin_password_guards_the_pages(hub_server, monkeypatch):
    monkeypatch.setenv("POS_APP_HUB_ADMIN_PASSWORD", "s3cret")
    assert httpx.get(f"{hub_server.url}/").status_code == 401
    assert httpx.get(f"{hub_server.url}/", auth=("admin", "wrong")).status_code == 401
    assert httpx.get(f"{hub_server.url}/", auth=("admin", "s3cret")).status_code == 200
