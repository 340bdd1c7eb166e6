"""Core sub-commands: credentials, config, lookup, redeem, invalidate, sandbox."""

from __future__ import annotations

import argparse
import json
import logging
import signal
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime
from typing import TYPE_CHECKING, Any

from pos_app import codes, counter, credentials, limits
from pos_app.cli import EXIT_NO_ANSWER, EXIT_OK, EXIT_REFUSED, EXIT_USAGE
from pos_app.config import Config
from pos_app.errors import ConfigError, InputError, PosAppError, describe, localized
from pos_app.i18n import QT_TRANSLATE_NOOP as N_
from pos_app.i18n import set_language, translate
from pos_app.models import Action, OperationContext, Outcome, Result
from pos_app.workflow import VERDICT_MESSAGES

if TYPE_CHECKING:
    from pos_app.journal.reconcile import Reconciliation
    from pos_app.services import Services

log = logging.getLogger("pos_app.cli")
CTX = "cli"

# Which outcome of which command is a success (exit 0) or an answered "no" (exit 1); the rest is 3.
SUCCESS = {"lookup": Outcome.REDEEMABLE, "redeem": Outcome.REDEEMED, "invalidate": Outcome.INVALIDATED}
# Consumed elsewhere: the coupon is used, and this redemption cannot be claimed — a "no" for the cashier.
ANSWERED_NO = {Outcome.NOT_REDEEMABLE, Outcome.REFUSED, Outcome.CONSUMED_ELSEWHERE}

VERDICT_WORDS = {
    "redeemable": N_(CTX, "Redeemable"),
    "already_redeemed": N_(CTX, "Already redeemed"),
    "expired": N_(CTX, "Expired"),
    "not_yet_valid": N_(CTX, "Not yet valid"),
    "gifted": N_(CTX, "Gifted"),
    "deleted": N_(CTX, "Deleted"),
    "unavailable": N_(CTX, "Unavailable"),
    "invalid_code": N_(CTX, "Invalid code"),
    "member_card": N_(CTX, "Member card"),
    "unknown_card_type": N_(CTX, "Unknown card type"),
    "store_not_allowed": N_(CTX, "Not at this store"),
    "error": N_(CTX, "Error"),
}
OUTCOME_WORDS = {
    Outcome.REDEEMED: N_(CTX, "REDEEMED"),
    Outcome.INVALIDATED: N_(CTX, "MADE UNAVAILABLE"),
    Outcome.PENDING: N_(CTX, "NOT CONFIRMED YET"),
    Outcome.CONSUMED_ELSEWHERE: N_(CTX, "CONSUMED — POSSIBLY AT ANOTHER COUNTER"),
}
# A redeem/invalidate that did not happen says so first, never the lookup's verdict ("Redeemable").
NOT_DONE_WORDS = {
    Action.REDEEM: N_(CTX, "NOT REDEEMED"),
    Action.INVALIDATE: N_(CTX, "NOT MADE UNAVAILABLE"),
}


def _t(text: str) -> str:
    return translate(CTX, text)


def guarded(handler: Callable[[argparse.Namespace], int]) -> Callable[[argparse.Namespace], int]:
    """Known problems become a sentence and an exit status; a bug becomes a sentence too, never a traceback."""

    def run(args: argparse.Namespace) -> int:
        try:
            return handler(args)
        except InputError as exc:
            _say_error(args, exc, EXIT_USAGE)
            return EXIT_USAGE
        except PosAppError as exc:
            _say_error(args, exc, EXIT_NO_ANSWER)
            return EXIT_NO_ANSWER
        except KeyboardInterrupt:
            return 130
        except BrokenPipeError:  # output piped into `head` and closed: nothing left to say
            return EXIT_OK
        except OSError as exc:  # a folder we must write to is missing or read-only
            log.exception("file system error")
            if cause := describe(exc):  # disk full, read-only folder: say which
                print(cause, file=sys.stderr)
                return EXIT_NO_ANSWER
            print(
                _t("Cannot use {path}: {error}. Check the data folder (POS_APP_DATA_DIR) and its permissions.").format(
                    path=exc.filename or "?", error=exc.strerror or type(exc).__name__
                ),
                file=sys.stderr,
            )
            return EXIT_NO_ANSWER
        except Exception as exc:  # a bug: keep the details in the log, show a sentence
            log.exception("unexpected error")
            if cause := describe(exc):  # a known cause (disk full, locked journal...) is not a bug
                print(cause, file=sys.stderr)
                return EXIT_NO_ANSWER
            print(
                _t("Internal error: {error}. Please report this problem.").format(error=type(exc).__name__),
                file=sys.stderr,
            )
            return EXIT_NO_ANSWER

    return run


N_(CTX, "Internal error: {error}. Please report this problem.")
N_(CTX, "Cannot use {path}: {error}. Check the data folder (POS_APP_DATA_DIR) and its permissions.")


def _say_error(args: argparse.Namespace, exc: PosAppError, status: int) -> None:
    message = localized(exc.message, exc.errcode)
    if getattr(args, "json", False):  # the same keys as any answer, unknown ones null
        data: dict[str, Any] = dict.fromkeys(
            ("code", "card_id", "status", "can_consume", "begin_time", "end_time", "card", "verdict")
        )
        code_text = getattr(args, "code_text", None)
        data.update(code=codes.clean(code_text) if code_text else None, card_id=getattr(args, "card_id", None))
        data.update(outcome="error", errcode=exc.errcode, message=message, confirmed_by_reread=False)
        print(json.dumps(data, ensure_ascii=False))
    else:
        print(message, file=sys.stderr)
    log.info("exit %d: %s", status, exc.detail)


def _apply_language(config: Config | None, args: argparse.Namespace) -> None:
    if not getattr(args, "lang", None) and config is not None and config.language:
        set_language(config.language)


# -- credentials ----------------------------------------------------------------------------------------


def cmd_credentials(args: argparse.Namespace) -> int:
    if args.action == "set":
        if not args.appid or not args.secret_stdin:
            print(_t("Give --appid and --secret-stdin (the secret is read from standard input)."), file=sys.stderr)
            return EXIT_USAGE
        secret = sys.stdin.readline().strip()
        appid = codes.clean(args.appid)
        if not secret or not appid:
            print(_t("The AppID and the AppSecret must not be empty."), file=sys.stderr)
            return EXIT_USAGE
        credentials.save(appid, secret)
        print(_t("Credentials saved in the system keyring ({backend}).").format(backend=credentials.backend_name()))
        return EXIT_OK
    if args.action == "show":
        creds = credentials.load()
        if creds is None:
            print(_t("No credentials are stored."))
            return EXIT_REFUSED
        print(_t("AppID: {appid}").format(appid=creds.appid))
        print(_t("AppSecret: stored (hidden)"))
        print(_t("Keyring: {backend}").format(backend=credentials.backend_name()))
        return EXIT_OK
    credentials.clear()
    print(_t("Credentials removed from the keyring."))
    return EXIT_OK


N_(CTX, "Give --appid and --secret-stdin (the secret is read from standard input).")
N_(CTX, "The AppID and the AppSecret must not be empty.")
N_(CTX, "Credentials saved in the system keyring ({backend}).")
N_(CTX, "No credentials are stored.")
N_(CTX, "AppID: {appid}")
N_(CTX, "AppSecret: stored (hidden)")
N_(CTX, "Keyring: {backend}")
N_(CTX, "Credentials removed from the keyring.")


# -- config ----------------------------------------------------------------------------------------------


def cmd_config(args: argparse.Namespace) -> int:
    cfg = Config.load(validate=False)  # so `config set` can repair a hand-edited file
    if args.action == "list":
        for key in Config.SETTABLE:
            print(f"{key} = {cfg.get_text(key)}")
        return EXIT_OK
    if not args.key:
        print(_t("Name a setting: {keys}").format(keys=", ".join(Config.SETTABLE)), file=sys.stderr)
        return EXIT_USAGE
    if args.action == "get":
        try:
            print(cfg.get_text(args.key))
        except ConfigError as exc:
            raise InputError(exc.message, detail=exc.detail) from None
        return EXIT_OK
    if args.value is None:
        print(_t("Give the value to set."), file=sys.stderr)
        return EXIT_USAGE
    try:
        cfg.set_text(args.key, args.value)
    except ConfigError as exc:
        raise InputError(exc.message, detail=exc.detail) from None
    cfg.save()
    print(f"{args.key} = {cfg.get_text(args.key)}")
    return EXIT_OK


N_(CTX, "Name a setting: {keys}")
N_(CTX, "Give the value to set.")


# -- operations ------------------------------------------------------------------------------------------


def _services(args: argparse.Namespace) -> Services:
    from pos_app.services import build_services

    config = Config.load()
    _apply_language(config, args)
    services = build_services(args.demo, config)
    say_settlement(services.settle_pending())  # every start settles what a crash left pending
    return services


def say_settlement(report: Reconciliation) -> None:
    """What settling earlier operations established, and what it could not (stderr, never only a log)."""
    for resolution in report.resolved:
        print(_t("Settled an earlier operation: {what}").format(what=resolution.text()), file=sys.stderr)
    for notice in report.notices():
        print(notice, file=sys.stderr)


N_(CTX, "Settled an earlier operation: {what}")

MSG_CONFIRMING = N_(CTX, "The answer from WeChat was lost: checking the coupon again (at most {seconds} s)…")
MSG_RECORD_REDEEMED = N_(
    CTX, "Redeemed — but the record could not be written: {error}. It is recorded at the next start."
)
MSG_RECORD_INVALIDATED = N_(
    CTX, "Made unavailable — but the record could not be written: {error}. It is recorded at the next start."
)
MSG_RECORD_OTHER = N_(CTX, "The record of this answer could not be written: {error}.")


def _cashier(args: argparse.Namespace) -> str:
    """Who runs the command: --cashier, else the login name (every operation has a cashier)."""
    import getpass

    if getattr(args, "cashier", None):
        return str(args.cashier).strip()
    try:
        return getpass.getuser()
    except Exception:  # no login name (a container): still a name on the record
        return "cli"


class _Driver:
    """The CLI as a front end of the counter model: it feeds events and carries out effects inline."""

    def __init__(self, args: argparse.Namespace, services: Services) -> None:
        config = services.config
        cashier = _cashier(args)
        ctx = OperationContext(cashier, config.terminal_id, config.store_location_id)
        self.args = args
        self.workflow = services.workflow(ctx)
        self.till = counter.Counter(cashier=cashier, store_location_id=config.store_location_id)
        self.results: list[Result] = []  # what the session list would show, in order
        self.asked: list[counter.Effect] = []  # AskManager / AskReason / AskCashier / Notify
        self.record_error = ""
        self.pending: Result | None = None

    def feed(self, event: counter.Event) -> None:
        if isinstance(event, counter.LookupFailed | counter.ActionFailed):
            raise event.error  # guarded() names the problem (bad input, files, a bug)
        if isinstance(event, counter.ActionDone):
            self.record_error = event.record_error or self.record_error
            if event.result.outcome is Outcome.PENDING:
                self.pending = event.result
        if isinstance(event, counter.AnswerLost):
            seconds = int(limits.CALL_DEADLINE_SECONDS + limits.SETTLE_MARGIN_SECONDS)
            print(_t(MSG_CONFIRMING).format(seconds=seconds), file=sys.stderr, flush=True)
        self.run(self.till.handle(event))

    def run(self, effects: list[counter.Effect]) -> None:
        for effect in effects:
            if isinstance(effect, counter.Lookup | counter.Consume | counter.MarkUnavailable | counter.Reread):
                self.feed(counter.perform(self.workflow, effect, card_id=self.args.card_id, on_event=self.feed))
            elif isinstance(effect, counter.AddToSession):
                self.results.append(effect.result)
            elif isinstance(effect, counter.AskManager | counter.AskReason | counter.AskCashier | counter.Notify):
                self.asked.append(effect)

    def confirm(self) -> None:
        """Re-read a lost answer until it settles; give up (still pending) after its deadline."""
        if self.till.state is not counter.State.CONFIRMING or self.pending is None:
            return
        give_up = self.workflow.settle_deadline(self.pending) + 2 * counter.CONFIRM_RETRY_S
        while self.till.state is counter.State.CONFIRMING and time.time() < give_up:
            due = self.till.next_due
            if due is not None and due > time.time():
                time.sleep(min(due - time.time(), 1.0))
            self.feed(counter.Tick())

    def asked_for(self, kind: type) -> bool:
        return any(isinstance(e, kind) for e in self.asked)

    def notified(self, notice: counter.Notice) -> bool:
        return any(isinstance(e, counter.Notify) and e.notice is notice for e in self.asked)


def _operate(args: argparse.Namespace, services: Services) -> tuple[Result, str]:
    """Drive the counter model through one command; the result to print and any record error."""
    drive = _Driver(args, services)
    drive.feed(counter.Scanned(args.code))
    till = drive.till
    shown = till.current
    if shown is None:  # nothing was looked up: only a local refusal can do that
        raise InputError(codes.MSG_EMPTY)
    if till.notice is counter.Notice.INVALID_INPUT:
        raise InputError(shown.message or codes.MSG_BAD_CHARS)
    policy = till.policy
    if args.command == "lookup":
        if policy is not None and policy.failed and shown.outcome is Outcome.REDEEMABLE:
            # WeChat would redeem it, but not here/now: a merchant condition fails.
            return replace(shown, outcome=Outcome.NOT_REDEEMABLE, message=MSG_CONDITIONS), ""
        return shown, ""
    if shown.info is None:  # the service does not know the code, or did not answer: nothing to act on
        return shown, ""
    action = Action.REDEEM if args.command == "redeem" else Action.INVALIDATE
    if args.command == "redeem":
        if getattr(args, "override", False):
            drive.feed(counter.ManagerApproved(counter.Approval.OVERRIDE))  # the manager's call: --override
        drive.feed(counter.RedeemPressed())
        if drive.asked_for(counter.AskManager):
            return replace(shown, action=action, outcome=Outcome.REFUSED, message=MSG_CONDITIONS), ""
    else:
        drive.feed(counter.ManagerApproved(counter.Approval.INVALIDATE))  # whoever holds the keyring decides
        drive.feed(counter.InvalidatePressed(args.reason))
    if drive.notified(counter.Notice.NOT_REDEEMABLE) or drive.notified(counter.Notice.STORE_RULE):
        return replace(shown, action=action, outcome=Outcome.REFUSED, message=VERDICT_MESSAGES[shown.verdict]), ""
    drive.confirm()
    done = [r for r in drive.results if r.action is action]
    if till.state is counter.State.CONFIRMING and drive.pending is not None:
        return drive.pending, ""  # no answer within the deadline: it stays pending, the next run settles it
    return (done[-1] if done else shown), drive.record_error


def cmd_operation(args: argparse.Namespace) -> int:
    args.code_text = args.code
    if args.command == "invalidate":
        from pos_app.workflow import check_reason

        check_reason(args.reason)  # reject locally before any request
    services = _services(args)
    try:
        result, record_error = _operate(args, services)
        last = _last_redemption(services, result)
        _print_result(args, result, last, services.config.store_location_id, record_error)
    finally:
        services.close()
    return exit_status(args.command, result)


def exit_status(command: str, result: Result) -> int:
    """The service's outcome decides (a journal that could not record it does not change it)."""
    if result.outcome is SUCCESS[command]:
        return EXIT_OK
    if result.outcome in ANSWERED_NO:
        return EXIT_REFUSED
    return EXIT_NO_ANSWER


MSG_CONDITIONS = N_(
    "messages",
    "WeChat would accept this coupon, but a condition of the coupon is not met here (see the checks). "
    "Redeem anyway only with the manager's approval (--override).",
)


def _failed_conditions(result: Result, store_location_id: int | None) -> list[Any]:
    """Merchant conditions (store, weekday/hour, validity) this counter knows are not met."""
    if result.card is None or result.outcome is not Outcome.REDEEMABLE:
        return []
    from pos_app import rules

    checks = rules.evaluate(result.card, datetime.now().astimezone(), store_location_id, None, result.info)
    return rules.needs_override(checks)


def _last_redemption(services: Any, result: Result) -> Any:
    if services.journal is None or result.verdict.value != "already_redeemed" or result.outcome is Outcome.REDEEMED:
        return None
    try:
        return services.journal.last_redemption(result.code)
    except Exception:  # the journal is a courtesy here; the service's answer stands
        log.exception("journal lookup failed")
        return None


def result_json(result: Result, store_location_id: int | None = None) -> dict[str, Any]:
    from pos_app import rules

    info = result.info
    card_json: dict[str, Any] | None = None
    if result.card is not None:
        card = result.card
        checks = rules.evaluate(card, datetime.now().astimezone(), store_location_id, None, info)
        card_json = {
            "card_id": card.card_id,
            "title": card.title,
            "type": card.card_type.value,
            "brand_name": card.brand_name,
            "value": rules.value_text(card, translate),
            "least_cost": card.least_cost,
            "reduce_cost": card.reduce_cost,
            "discount": card.discount,
            "gift": card.gift or None,
            "location_ids": list(card.location_ids),
            "time_limits": [vars(t) for t in card.time_limits],
            "can_use_with_other_discount": card.can_use_with_other_discount,
            "conditions": [{"kind": c.kind.value, "state": c.state.value, "text": c.text(translate)} for c in checks],
        }
    return {
        "code": result.code,
        "card_id": result.card_id,
        "status": info.status.value if info and info.status else None,
        "can_consume": info.can_consume if info else None,
        "begin_time": info.begin_time if info else None,
        "end_time": info.end_time if info else None,
        "card": card_json,
        "verdict": result.verdict.value,
        "outcome": result.outcome.value,
        "errcode": result.errcode,
        "message": localized(result.message, result.errcode),
        "confirmed_by_reread": result.confirmed_by_reread,
        **_chain_json(result),
    }


def _chain_json(result: Result) -> dict[str, Any]:
    """What a chain's hub said: where the chain already changed the code, whether this store may redeem
    it (only when connected to a hub: plain WeChat answers carry neither)."""
    from pos_app.chain import chain_note

    info = result.info
    if info is None or (info.chain_change is None and info.store_allowed is None):
        return {}
    change = info.chain_change
    note = chain_note(result, time.time())
    return {
        "store_allowed": info.store_allowed,
        "chain_change": None
        if change is None
        else {**vars(change), "action": change.action.value if change.action else None, "text": str(note or "")},
    }


def _redeemed_here(last: Any) -> str:
    when = datetime.fromtimestamp(last.time).strftime("%Y-%m-%d %H:%M")
    return _t("Redeemed here at {time} by {cashier}, terminal {terminal}").format(
        time=when, cashier=last.cashier or "?", terminal=last.terminal or "?"
    )


N_(CTX, "Redeemed here at {time} by {cashier}, terminal {terminal}")


def _headline(result: Result) -> str:
    if result.outcome in OUTCOME_WORDS:
        return _t(OUTCOME_WORDS[result.outcome])
    if result.action in NOT_DONE_WORDS:
        return _t(NOT_DONE_WORDS[result.action])
    return _t(VERDICT_WORDS[result.verdict.value])


def _record_problem(result: Result, error: str) -> str:
    msg = {Outcome.REDEEMED: MSG_RECORD_REDEEMED, Outcome.INVALIDATED: MSG_RECORD_INVALIDATED}.get(
        result.outcome, MSG_RECORD_OTHER
    )
    return _t(msg).format(error=error)


def _print_result(
    args: argparse.Namespace, result: Result, last: Any, store_location_id: int | None, record_error: str = ""
) -> None:
    from pos_app import rules

    data = result_json(result, store_location_id)
    if record_error:
        data["record_error"] = record_error
    if last is not None:
        data["last_redemption"] = {
            "time": int(last.time),
            "terminal": last.terminal,
            "cashier": last.cashier,
            "text": _redeemed_here(last),
        }
    if record_error:  # the truth first: the outcome stands; the record is what failed
        print(_record_problem(result, record_error), file=sys.stderr)
    if args.json:
        print(json.dumps(data, ensure_ascii=False))
        return
    print(f"{_headline(result)} — {data['message']}")
    rows = [(_t("Code"), codes.mask(result.code))] if result.code else []  # none: an undecryptable link
    if result.card is not None:
        title = result.card.title + (f" ({result.card.brand_name})" if result.card.brand_name else "")
        rows.append((_t("Coupon"), title))
        rows.append((_t("Value"), rules.value_text(result.card, translate)))
        for check in rules.evaluate(result.card, datetime.now().astimezone(), store_location_id, None, result.info):
            mark = {"pass": "✓", "fail": "✗"}.get(check.state.value, "?")
            rows.append((_t("Check"), f"[{mark}] {check.text(translate)}"))
    if data.get("chain_change"):
        rows.insert(0, (_t("Chain"), data["chain_change"]["text"]))  # where the chain already redeemed it
    if last is not None and not data.get("chain_change"):
        rows.append((_t("Journal"), _redeemed_here(last)))
    for label, value in rows:
        print(f"  {label}: {value}")


N_(CTX, "Code")
N_(CTX, "Coupon")
N_(CTX, "Value")
N_(CTX, "Check")
N_(CTX, "Journal")
N_(CTX, "Chain")


# -- sandbox ---------------------------------------------------------------------------------------------


def cmd_sandbox(args: argparse.Namespace) -> int:
    from pos_app.sandbox import Simulator

    sim = Simulator(port=args.port)
    try:
        sim.start()
    except OSError as exc:
        print(_t("Cannot start the simulator: {error}").format(error=exc.strerror or exc), file=sys.stderr)
        return EXIT_USAGE
    stop = threading.Event()
    for signum in (signal.SIGINT, signal.SIGTERM):  # before it says how to stop it: a Ctrl+C right after
        signal.signal(signum, lambda *_: stop.set())  # the line must stop it cleanly, not interrupt it
    print(sim.describe(), flush=True)
    try:
        while not stop.wait(0.5):
            pass
    finally:
        sim.stop()
    return EXIT_OK


N_(CTX, "Cannot start the simulator: {error}")


# -- registration ----------------------------------------------------------------------------------------


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("credentials", help="store, show or clear the AppID/AppSecret in the OS keyring")
    p.add_argument("action", choices=("set", "show", "clear"))
    p.add_argument("--appid")
    p.add_argument("--secret-stdin", action="store_true", help="read the AppSecret from standard input")
    p.set_defaults(handler=guarded(cmd_credentials))

    p = sub.add_parser("config", help=f"settings: {', '.join(Config.SETTABLE)}")
    p.add_argument("action", choices=("set", "get", "list"))
    p.add_argument("key", nargs="?")
    p.add_argument("value", nargs="?")
    p.set_defaults(handler=guarded(cmd_config))

    for name, help_text in (
        ("lookup", "what a code is and whether it can be redeemed"),
        ("redeem", "look a code up, then redeem it if it can be"),
        ("invalidate", "make a code unavailable (irreversible; the customer must agree)"),
    ):
        p = sub.add_parser(name, help=help_text)
        p.add_argument("code", metavar="CODE", help="the code, or a scanned link carrying encrypt_code")
        p.add_argument("--card-id")
        p.add_argument("--json", action="store_true", help="print one JSON object")
        if name == "invalidate":
            p.add_argument("--reason", required=True, help="why (at most 64 characters)")
        if name != "lookup":
            p.add_argument("--cashier", help="who does it, recorded in the journal (default: the login name)")
        if name == "redeem":
            p.add_argument(
                "--override",
                action="store_true",
                help="redeem even though a merchant condition (store, weekday/hours) fails; manager's call",
            )
        p.set_defaults(handler=guarded(cmd_operation))

    p = sub.add_parser("sandbox", help="run the WeChat simulator standalone; prints its URL and demo codes")
    p.add_argument("--port", type=int, default=0)
    p.set_defaults(handler=guarded(cmd_sandbox))
