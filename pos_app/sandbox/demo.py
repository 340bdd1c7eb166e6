"""Demo account: credentials, coupons of every card type, and codes in every status.

Codes and card_ids are deterministic (the same on every run); validity windows are relative to the
clock when the simulator is built (valid from 30 days ago to 9 days ahead, and so on).
"""

from __future__ import annotations

import base64
import hashlib
import random
import string
from dataclasses import dataclass
from typing import Any, NamedTuple

from pos_app.i18n import QT_TRANSLATE_NOOP, get_language, translate
from pos_app.i18n import QT_TRANSLATE_NOOP as N_
from pos_app.models import Verdict
from pos_app.sandbox.state import DAY, Card

DEMO_APPID = "wxdemo000000000000"  # 18 characters: "wx" + 16, like a real AppID
DEMO_SECRET = "de305ec7e7a11ce0b0b5ca5e5eed2026"  # 32 hex characters, like a real AppSecret
DEMO_STORE_LOCATION_ID = 401234567  # the store (poi_id) the location-restricted coupon is valid in
DEMO_OTHER_LOCATION_ID = 401234999

CODES_PER_REDEEMABLE_KIND = 5


def demo_card_id(name: str) -> str:
    """A stable 28-character card_id ("p" + 27 url-safe characters), like the service's."""
    digest = hashlib.sha256(f"pos-app demo card {name}".encode()).digest()
    return "p" + base64.urlsafe_b64encode(digest).decode()[:27]


def random_card_id(rng: random.Random) -> str:
    alphabet = string.ascii_letters + string.digits + "-_"
    return "p" + "".join(rng.choice(alphabet) for _ in range(27))


def openid_for(code: str) -> str:
    digest = hashlib.sha256(f"openid {code}".encode()).digest()
    return "o" + base64.urlsafe_b64encode(digest).decode()[:27]


DEMO_CUSTOM_CARD_IDS: tuple[str, ...] = (demo_card_id("custom_coffee"), demo_card_id("custom_cash"))


class DemoCode(NamedTuple):
    key: str
    code: str
    card_id: str | None  # the card_id for custom codes; None for WeChat-generated codes
    label: str
    expected: Verdict


# ---- card building ---------------------------------------------------------------------------------
BASE_INFO_KEYS = frozenset(
    """id logo_url code_type brand_name title sub_title color notice service_phone description date_info
    sku get_limit use_limit use_custom_code bind_openid can_share can_give_friend location_id_list
    use_all_locations custom_url_name custom_url custom_url_sub_title promotion_url_name promotion_url
    promotion_url_sub_title center_title center_sub_title center_url source status create_time
    update_time area_code_list""".split()
)
ADVANCED_INFO_KEYS = frozenset(
    """use_condition abstract text_image_list time_limit business_service consume_share_self_num
    consume_share_card_list share_friends""".split()
)
_TYPE_DEFAULTS: dict[str, dict[str, Any]] = {
    "CASH": {"least_cost": 0, "reduce_cost": 1000},
    "DISCOUNT": {"discount": 10},
    "GIFT": {"gift": "A small gift"},
    "GROUPON": {"deal_detail": "Set meal as described"},
    "GENERAL_COUPON": {"default_detail": "Offer as described"},
}


# The demo cards' texts are English source texts (context "DemoCards"), kept so in the simulator's world
# (and in training's saved world); card/get answers them in the app's language (``localised_card``).
CARDS = "DemoCards"
_TEXT_KEYS = frozenset(
    {
        "title", "sub_title", "description", "brand_name", "notice", "gift", "deal_detail", "default_detail",
        "detail", "prerogative", "ticket_class", "from", "to", "accept_category", "reject_category",
        "object_use_for", "abstract",
    }
)  # fmt: skip


def localised_card(answer: dict[str, Any], lang: str | None = None) -> dict[str, Any]:
    """card/get's answer with the demo cards' texts in ``lang`` (default: the app's language, so the
    training screen reads Chinese titles under zh_CN); texts that are not the demo's pass unchanged."""
    lang = lang or get_language()
    if lang == "en":
        return answer

    def walk(value: Any, key: str = "") -> Any:
        if isinstance(value, dict):
            return {k: walk(v, k) for k, v in value.items()}
        if isinstance(value, list):
            return [walk(v, key) for v in value]
        if isinstance(value, str) and key in _TEXT_KEYS:
            return translate(CARDS, value, lang)
        return value

    result: dict[str, Any] = walk(answer)
    return result


def make_card(card_type: str, card_id: str, now: float, **fields: Any) -> Card:
    """A card as card/get returns it.  Keyword arguments land where the service puts them:
    base_info keys in base_info, advanced_info keys (or an ``advanced_info`` dict) in advanced_info,
    and anything else (least_cost, reduce_cost, discount, gift, deal_detail, ...) beside them under the
    type key.  ``begin_timestamp``/``end_timestamp`` or ``fixed_term``/``fixed_begin_term`` build
    date_info; ``permanent=True`` makes a DATE_TYPE_PERMANENT card.  ``advanced_info=None`` builds a
    card without advanced_info (as older live cards are); ``use_all_locations`` appears only when given
    (live cards mostly lack it)."""
    card_type = card_type.upper()
    now_i = int(now)
    no_advanced = "advanced_info" in fields and fields["advanced_info"] is None
    advanced: dict[str, Any] = dict(fields.pop("advanced_info", None) or {})
    date_info = fields.pop("date_info", None)
    if fields.pop("permanent", False):
        date_info = {"type": "DATE_TYPE_PERMANENT"}
    if date_info is None:
        if "fixed_term" in fields or "fixed_begin_term" in fields:
            date_info = {
                "type": "DATE_TYPE_FIX_TERM",
                "fixed_term": int(fields.pop("fixed_term", 30)),
                "fixed_begin_term": int(fields.pop("fixed_begin_term", 0)),
            }
        else:
            date_info = {
                "type": "DATE_TYPE_FIX_TIME_RANGE",
                "begin_timestamp": int(fields.pop("begin_timestamp", now_i - 30 * DAY)),
                "end_timestamp": int(fields.pop("end_timestamp", now_i + 9 * DAY)),
            }
    base: dict[str, Any] = {
        "id": card_id,
        "logo_url": "http://mmbiz.qpic.cn/mmbiz/demo-logo/0",
        "code_type": "CODE_TYPE_QRCODE",
        "brand_name": N_(CARDS, "Demo Bakery"),
        "title": f"Demo {card_type.lower()} coupon",
        "sub_title": "",
        "color": "Color010",
        "notice": N_(CARDS, "Show the code at the counter"),
        "service_phone": "020-88888888",
        "description": "",
        "date_info": date_info,
        "sku": {"quantity": 99500, "total_quantity": 100000},
        "get_limit": 3,
        "use_custom_code": False,
        "can_share": True,
        "can_give_friend": True,
        "location_id_list": [],
        "status": "CARD_STATUS_VERIFY_OK",
        "create_time": now_i - 40 * DAY,
        "update_time": now_i - 35 * DAY,
        "area_code_list": [],  # undocumented-in-places extras, as the live service sends
    }
    type_fields = dict(_TYPE_DEFAULTS.get(card_type, {}))
    for key, value in fields.items():
        if key in BASE_INFO_KEYS:
            base[key] = value
        elif key in ADVANCED_INFO_KEYS:
            advanced[key] = value
        else:
            type_fields[key] = value
    if no_advanced:
        return Card(card_id, card_type, base, None, type_fields)
    advanced.setdefault("time_limit", [])  # live cards carry [] when they set no weekday/hours
    advanced.setdefault("abstract", {"abstract": base["title"], "icon_url_list": []})
    advanced.setdefault("text_image_list", [])
    advanced.setdefault("business_service", [])
    advanced.setdefault("consume_share_card_list", [])
    advanced.setdefault("share_friends", False)
    return Card(card_id, card_type, base, advanced, type_fields)


SEVEN_DAYS = [{"type": d} for d in ("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY")]


def _weekday_hours(begin: int, end: int) -> list[dict[str, int | str]]:
    days = ("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY")
    return [{"type": d, "begin_hour": begin, "begin_minute": 0, "end_hour": end, "end_minute": 0} for d in days]


def demo_cards(now: float) -> list[Card]:
    n = int(now)
    cards = [
        make_card(
            "CASH",
            demo_card_id("cash"),
            now,
            title=N_(CARDS, "¥50 off orders of ¥500"),
            sub_title=N_(CARDS, "All items, in store"),
            description=N_(CARDS, "¥50 off when you spend ¥500 or more."),
            least_cost=50000,
            reduce_cost=5000,
            use_condition={"least_cost": 50000, "can_use_with_other_discount": True},
        ),
        make_card(
            "DISCOUNT",
            demo_card_id("discount"),
            now,
            title=N_(CARDS, "20% off everything"),
            code_type="CODE_TYPE_BARCODE",
            discount=20,
        ),
        make_card(
            "GIFT",
            demo_card_id("gift"),
            now,
            title=N_(CARDS, "Free egg tart"),
            gift=N_(CARDS, "One Portuguese egg tart"),
            use_condition={"object_use_for": N_(CARDS, "any drink"), "can_use_with_other_discount": True},
        ),
        make_card(
            "GROUPON",
            demo_card_id("groupon"),
            now,
            title=N_(CARDS, "Hotpot set for two ¥132"),
            code_type="CODE_TYPE_TEXT",
            fixed_term=30,
            fixed_begin_term=0,
            deal_detail=N_(CARDS, "Soup base of your choice, 2 plates of beef, 1 plate of vegetables, 2 drinks."),
        ),
        make_card(
            "GENERAL_COUPON",
            demo_card_id("general"),
            now,
            title=N_(CARDS, "2 hours free parking"),
            default_detail=N_(CARDS, "Two hours of free parking in the mall car park."),
            time_limit=SEVEN_DAYS,  # every weekday, no hours: as live cards say "any day"
        ),
        make_card(
            "CASH",
            demo_card_id("time_limited"),
            now,
            title=N_(CARDS, "¥10 off at lunchtime"),
            sub_title=N_(CARDS, "Weekdays 10:00-14:00"),
            reduce_cost=1000,
            time_limit=_weekday_hours(10, 14),
        ),
        make_card(
            "DISCOUNT",
            demo_card_id("store_only"),
            now,
            title=N_(CARDS, "10% off at People's Square store"),
            discount=10,
            location_id_list=[DEMO_STORE_LOCATION_ID],
            use_all_locations=False,
        ),
        make_card(
            "CASH",
            demo_card_id("exclusive"),
            now,
            title=N_(CARDS, "¥20 off orders of ¥100"),
            description=N_(CARDS, "Cannot be combined with other offers."),
            reduce_cost=2000,
            # Friend's-voucher style: the minimum spend lives only in use_condition (seed 003).
            least_cost=None,
            use_condition={
                "least_cost": 10000,
                "accept_category": N_(CARDS, "Cakes"),
                "reject_category": N_(CARDS, "Gift boxes"),
                "can_use_with_other_discount": False,
            },
        ),
        make_card(
            "GIFT",
            demo_card_id("later"),
            now,
            title=N_(CARDS, "Free mooncake (from next week)"),
            gift=N_(CARDS, "One lotus-seed mooncake"),
            fixed_term=30,
            fixed_begin_term=3,
        ),
        make_card(
            "CASH",
            demo_card_id("past"),
            now,
            title=N_(CARDS, "¥5 off (last month's promotion)"),
            reduce_cost=500,
            begin_timestamp=n - 40 * DAY,
            end_timestamp=n - 2 * DAY,
        ),
        make_card(
            "GIFT",
            DEMO_CUSTOM_CARD_IDS[0],
            now,
            title=N_(CARDS, "Free coffee (member code)"),
            gift=N_(CARDS, "One americano"),
            use_custom_code=True,
            code_type="CODE_TYPE_BARCODE",
        ),
        make_card(
            "CASH",
            DEMO_CUSTOM_CARD_IDS[1],
            now,
            title=N_(CARDS, "¥30 off orders of ¥200 (member code)"),
            least_cost=20000,
            reduce_cost=3000,
            use_custom_code=True,
            code_type="CODE_TYPE_BARCODE",
        ),
    ]
    cards += [
        make_card(
            "CASH",
            demo_card_id("permanent"),
            now,
            title=N_(CARDS, "¥5 off, no end date"),
            reduce_cost=500,
            permanent=True,
        ),
        make_card(
            "GROUPON",
            demo_card_id("old_card"),
            now,
            title=N_(CARDS, "Noodle set (older card)"),
            deal_detail=N_(CARDS, "Beef noodles and a drink."),
            # An older card as captured live: numeric date_info.type, numeric status, no advanced_info.
            date_info={"type": 1, "begin_timestamp": n - 30 * DAY, "end_timestamp": n + 9 * DAY},
            status=1,
            advanced_info=None,
        ),
        make_card(
            "CASH",
            demo_card_id("card_deleted"),
            now,
            title=N_(CARDS, "¥8 off (withdrawn promotion)"),
            reduce_cost=800,
            status="CARD_STATUS_SYS_DELETE",
        ),
        make_card(
            "MEMBER_CARD",
            demo_card_id("member"),
            now,
            title=N_(CARDS, "Demo Bakery member card"),
            permanent=True,
            use_all_locations=True,
            supply_bonus=True,
            supply_balance=True,
            prerogative=N_(CARDS, "Members get 5% off cakes."),
        ),
        make_card(
            "MOVIE_TICKET",
            demo_card_id("movie"),
            now,
            title=N_(CARDS, "Evening show, Hall 3"),
            detail=N_(CARDS, "The Demo Movie, 19:30, Hall 3, 2D"),
        ),
        make_card(
            "SCENIC_TICKET",
            demo_card_id("scenic"),
            now,
            title=N_(CARDS, "Garden admission"),
            ticket_class=N_(CARDS, "Adult"),
            fixed_term=7,
            fixed_begin_term=0,
        ),
        make_card(
            "BOARDING_PASS",
            demo_card_id("boarding"),
            now,
            title=N_(CARDS, "Shuttle flight CE123"),
            **{"from": N_(CARDS, "Chengdu"), "to": N_(CARDS, "Guangzhou")},
            flight="CE123",
            gate="12",
            boarding_time=n + 3 * 3600,
            departure_time=n + 4 * 3600,
        ),
        make_card("GENERAL_CARD", demo_card_id("unknown_type"), now, title=N_(CARDS, "Stamp card (unknown type)")),
    ]
    for card in cards:  # least_cost=None above means "not under the type key"
        card.type_fields = {k: v for k, v in card.type_fields.items() if v is not None}
    return cards


# ---- demo codes ------------------------------------------------------------------------------------
@dataclass(frozen=True)
class DemoKind:
    """How to mint a code of one catalog entry."""

    key: str
    card: str | None  # demo_card_id name; None = a code that does not exist
    label: str
    expected: Verdict
    status: str = "NORMAL"
    # begin/end relative to the minting moment; None = what the card's date_info gives (FIX_TERM days,
    # permanent: 0 / 2147483647)
    window: tuple[int, int] | None = (-30 * DAY, 9 * DAY)
    count: int = 1
    gifted_away: bool = False
    outer_str: str = ""
    member: dict[str, Any] | None = None  # member cards: bonus / balance in code/get

    @property
    def card_id(self) -> str | None:
        return demo_card_id(self.card) if self.card else None


_R = CODES_PER_REDEEMABLE_KIND
_PAST = (-40 * DAY, -2 * DAY)
# Labels are shown in the training panel: marked for Qt's lupdate (context "DemoCodes"); translate them
# when shown, e.g. QCoreApplication.translate("DemoCodes", entry.label).
DEMO_KINDS: tuple[DemoKind, ...] = (
    DemoKind(
        "cash",
        "cash",
        QT_TRANSLATE_NOOP("DemoCodes", "¥50 off orders of ¥500 or more, redeemable"),
        Verdict.REDEEMABLE,
        count=_R,
    ),
    DemoKind(
        "discount", "discount", QT_TRANSLATE_NOOP("DemoCodes", "20% off, redeemable"), Verdict.REDEEMABLE, count=_R
    ),
    DemoKind(
        "gift",
        "gift",
        QT_TRANSLATE_NOOP("DemoCodes", "free egg tart, redeemable"),
        Verdict.REDEEMABLE,
        count=_R,
        outer_str="poster",
    ),
    DemoKind(
        "groupon",
        "groupon",
        QT_TRANSLATE_NOOP("DemoCodes", "hotpot set for two, redeemable (30 days from receipt)"),
        Verdict.REDEEMABLE,
        window=None,  # FIX_TERM: whole Beijing days, the last ending 23:59:59
        count=_R,
    ),
    DemoKind(
        "general",
        "general",
        QT_TRANSLATE_NOOP("DemoCodes", "2 h free parking, redeemable"),
        Verdict.REDEEMABLE,
        count=_R,
    ),
    DemoKind(
        "time_limited",
        "time_limited",
        QT_TRANSLATE_NOOP("DemoCodes", "¥10 off, weekdays 10:00-14:00 only"),
        Verdict.REDEEMABLE,
        count=_R,
    ),
    DemoKind(
        "store_only",
        "store_only",
        QT_TRANSLATE_NOOP("DemoCodes", "10% off, only in store 401234567"),  # DEMO_STORE_LOCATION_ID
        Verdict.REDEEMABLE,
        count=_R,
    ),
    DemoKind(
        "exclusive",
        "exclusive",
        QT_TRANSLATE_NOOP("DemoCodes", "¥20 off ¥100, not with other offers"),
        Verdict.REDEEMABLE,
        count=_R,
    ),
    DemoKind(
        "custom",
        "custom_cash",
        QT_TRANSLATE_NOOP("DemoCodes", "custom code: ¥30 off ¥200, redeemable"),
        Verdict.REDEEMABLE,
        count=_R,
    ),
    DemoKind(
        "consumed",
        "cash",
        QT_TRANSLATE_NOOP("DemoCodes", "already redeemed"),
        Verdict.ALREADY_REDEEMED,
        status="CONSUMED",
    ),
    DemoKind(
        "expire",
        "past",
        QT_TRANSLATE_NOOP("DemoCodes", "expired (status EXPIRE)"),
        Verdict.EXPIRED,
        status="EXPIRE",
        window=_PAST,
    ),
    DemoKind(
        "expired_clock",
        "past",
        QT_TRANSLATE_NOOP("DemoCodes", "end time passed, status still NORMAL"),
        Verdict.EXPIRED,
        window=_PAST,
    ),
    DemoKind(
        "not_yet_valid",
        "later",
        QT_TRANSLATE_NOOP("DemoCodes", "not valid yet (from in 2 days)"),
        Verdict.NOT_YET_VALID,
        window=(2 * DAY, 32 * DAY),
    ),
    DemoKind(
        "gifting",
        "gift",
        QT_TRANSLATE_NOOP("DemoCodes", "being gifted to a friend (GIFTING)"),
        Verdict.GIFTED,
        status="GIFTING",
    ),
    DemoKind(
        "gift_timeout",
        "general",
        QT_TRANSLATE_NOOP("DemoCodes", "gift timed out (GIFT_TIMEOUT)"),
        Verdict.GIFTED,
        status="GIFT_TIMEOUT",
    ),
    DemoKind(
        "deleted",
        "discount",
        QT_TRANSLATE_NOOP("DemoCodes", "deleted by the holder (DELETE)"),
        Verdict.DELETED,
        status="DELETE",
    ),
    DemoKind(
        "unavailable",
        "gift",
        QT_TRANSLATE_NOOP("DemoCodes", "invalidated (UNAVAILABLE)"),
        Verdict.UNAVAILABLE,
        status="UNAVAILABLE",
    ),
    DemoKind(
        "gifted_away",
        "cash",
        QT_TRANSLATE_NOOP("DemoCodes", "gifted away and accepted (service: invalid code)"),
        Verdict.INVALID_CODE,
        gifted_away=True,
    ),
    DemoKind("unknown", None, QT_TRANSLATE_NOOP("DemoCodes", "unknown code"), Verdict.INVALID_CODE),
    DemoKind(
        "permanent",
        "permanent",
        QT_TRANSLATE_NOOP("DemoCodes", "¥5 off, no end date (permanent card)"),
        Verdict.REDEEMABLE,
        window=None,
        count=_R,
    ),
    DemoKind(
        "old_card",
        "old_card",
        QT_TRANSLATE_NOOP("DemoCodes", "older card: numeric date type, no advanced info"),
        Verdict.REDEEMABLE,
        window=None,
        count=_R,
    ),
    DemoKind(
        "card_deleted",
        "card_deleted",
        QT_TRANSLATE_NOOP("DemoCodes", "card deleted by WeChat (SYS_DELETE): manager override needed"),
        Verdict.REDEEMABLE,
        count=_R,
    ),
    DemoKind(
        "member",
        "member",
        QT_TRANSLATE_NOOP("DemoCodes", "member card: shown, never redeemed"),
        Verdict.MEMBER_CARD,
        window=None,
        count=2,
        member={"bonus": 1280, "balance": 5600},
    ),
    DemoKind(
        "movie",
        "movie",
        QT_TRANSLATE_NOOP("DemoCodes", "movie ticket: admit"),
        Verdict.REDEEMABLE,
        window=(-1 * DAY, 1 * DAY),
        count=_R,
    ),
    DemoKind(
        "scenic",
        "scenic",
        QT_TRANSLATE_NOOP("DemoCodes", "garden admission ticket (7 days from receipt)"),
        Verdict.REDEEMABLE,
        window=None,
        count=_R,
    ),
    DemoKind(
        "boarding",
        "boarding",
        QT_TRANSLATE_NOOP("DemoCodes", "boarding pass with gate and route"),
        Verdict.REDEEMABLE,
        window=(-1 * DAY, 1 * DAY),
        count=2,
    ),
    DemoKind(
        "unknown_type",
        "unknown_type",
        QT_TRANSLATE_NOOP("DemoCodes", "a card type this app does not know: never redeemed"),
        Verdict.UNKNOWN_CARD_TYPE,
        count=2,
    ),
)
# The demo customer (one openid) holds the first code of these: after redeeming one, the others show.
CUSTOMER_KINDS = ("cash", "discount", "gift", "movie", "member")
# `pos-app sandbox` prints card links (encrypt_code) for these.
LINK_KINDS = ("cash", "gift", "movie", "member")
KINDS_BY_KEY = {k.key: k for k in DEMO_KINDS}


class CodeMinter:
    """Deterministic code generator: 12 digits for WeChat codes (a third start with 0), 10 letters and
    digits for custom codes."""

    def __init__(self, seed: str = "pos-app demo codes") -> None:
        self._rng = random.Random(seed)
        self._n = 0

    def wechat_code(self) -> str:
        self._n += 1
        head = "0" if self._n % 3 == 1 else str(self._rng.randint(1, 9))
        return head + "".join(str(self._rng.randint(0, 9)) for _ in range(11))

    def custom_code(self) -> str:
        alphabet = string.ascii_uppercase + string.digits
        return "VIP" + "".join(self._rng.choice(alphabet) for _ in range(7))
