"""An embedded stand-in for api.weixin.qq.com: what the tests run against and training mode uses.

with Simulator() as sim:               # seeded with the demo account, ephemeral port
    base = sim.base_url                # "http://127.0.0.1:PORT"
    code = sim.demo_code("cash")       # a redeemable ¥50-off-¥500 code
"""

from pos_app.sandbox.demo import (
    DEMO_APPID,
    DEMO_CUSTOM_CARD_IDS,
    DEMO_OTHER_LOCATION_ID,
    DEMO_SECRET,
    DEMO_STORE_LOCATION_ID,
    DemoCode,
)
from pos_app.sandbox.faults import KINDS as FAULT_KINDS
from pos_app.sandbox.server import Call, Simulator

__all__ = [
    "DEMO_APPID",
    "DEMO_CUSTOM_CARD_IDS",
    "DEMO_OTHER_LOCATION_ID",
    "DEMO_SECRET",
    "DEMO_STORE_LOCATION_ID",
    "FAULT_KINDS",
    "Call",
    "DemoCode",
    "Simulator",
]
