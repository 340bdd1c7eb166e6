"""The composition root of the core: one place builds the client, the journal and the workflow.

The GUI (pos_app.gui_entry) and the CLI both call :func:`build_services`; nothing else constructs these
collaborators.  Training mode (``demo=True``) starts the embedded simulator and keeps its own journal so
training never mixes with real records.

After settings or credentials change, :meth:`Services.reconfigure` rebuilds the client (the next
``workflow()`` uses it; calls already running finish on the old one, which is closed with the rest).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from pos_app import codes, credentials
from pos_app.client import WeChatClient
from pos_app.config import Config
from pos_app.models import CodeInfo, OperationContext
from pos_app.workflow import Workflow

if TYPE_CHECKING:
    from pos_app.journal import Journal
    from pos_app.journal.reconcile import Reconciliation, Resolution
    from pos_app.sandbox import Simulator
    from pos_app.settle import KnownAttempt
    from pos_app.shipping import JournalShipping

log = logging.getLogger("pos_app.services")


@dataclass
class Services:
    config: Config
    client: WeChatClient
    journal: Journal | None
    demo: bool = False
    simulator: Simulator | None = None
    _closers: list[Callable[[], None]] = field(default_factory=list)
    # Attempts on a code known outside this journal (the hub's registry sets it): settlement weighs them.
    known_elsewhere: Callable[[str], Sequence[KnownAttempt]] | None = None
    _retired: list[WeChatClient] = field(default_factory=list)  # replaced clients, closed at close()

    def workflow(self, context: OperationContext | None = None) -> Workflow:
        if context is None:
            context = OperationContext(
                terminal=self.config.terminal_id, store_location_id=self.config.store_location_id
            )
        return Workflow(self.client, self.journal, context, known_elsewhere=self.known_elsewhere)

    def read_code(self, code: str, card_id: str | None) -> CodeInfo:
        """What reconciliation asks: the code's real status, without check_consume."""
        return self.client.get_code(code, card_id, check_consume=False)

    def reconcile(self) -> list[Resolution]:
        """Settle pending journal rows left by a crash or a lost answer (every start, every reconnect)."""
        return self.settle_pending().resolved

    def settle_pending(self, budget_s: float | None = None) -> Reconciliation:
        """Like reconcile(), and also what could not be settled (for stderr or the window's banner)."""
        from pos_app.journal.reconcile import Reconciliation, reconcile_all

        if self.journal is None:
            return Reconciliation()
        self._settle_from_hub()
        return reconcile_all(self.journal, self.read_code, budget_s=budget_s, known_elsewhere=self.known_elsewhere)

    def _settle_from_hub(self) -> None:
        """A counter of a chain asks the hub first what became of its pending attempts (the hub recorded
        each before sending it); what the hub cannot say is settled by re-reading the code as usual."""
        if self.demo or self.journal is None or not self.config.hub_terminal:
            return
        import httpx

        from pos_app.hub.settle_from_hub import settle_from_hub

        creds = credentials.require()
        try:
            settle_from_hub(self.journal, self.config.effective_api_base(), creds.appid, creds.secret, timeout=5.0)
        except httpx.HTTPError as exc:  # the hub did not answer: the re-read below still applies
            log.info("the hub did not answer about pending attempts: %s", type(exc).__name__)

    def journal_shipping(self) -> JournalShipping | None:
        """A chain's counter ships its journal to the hub by itself (``pos_app.shipping``); None when not
        connected to a hub, in training, or without a journal."""
        if self.demo or self.journal is None or not self.config.hub_terminal:
            return None
        from pos_app.shipping import for_counter

        def target() -> tuple[str, str, str]:
            creds = credentials.require()
            return self.config.effective_api_base(), creds.appid, creds.secret

        return for_counter(target, self.journal.path)

    def reconfigure(self, config: Config | None = None) -> None:
        """Settings or credentials changed: build a new client from them (API address, AppID/AppSecret,
        custom card ids).  Raises ConfigError (and keeps the old client) when they are unusable."""
        if config is not None:
            self.config = config
        client = _client(self.config, self.demo, self.simulator)
        old, self.client = self.client, client
        self._retired.append(old)

    def close(self) -> None:
        for closer in (*(c.close for c in (*self._retired, self.client)), *reversed(self._closers)):
            try:
                closer()
            except Exception:  # closing must go on for the rest
                log.exception("error while closing")
        self._closers.clear()
        self._retired.clear()


def _client(config: Config, demo: bool, simulator: Simulator | None) -> WeChatClient:
    codes.use_custom_patterns(() if demo else config.custom_code_patterns)  # the local code grammar
    if demo:
        from pos_app.sandbox import DEMO_APPID, DEMO_CUSTOM_CARD_IDS, DEMO_SECRET

        assert simulator is not None
        creds = credentials.Credentials(DEMO_APPID, DEMO_SECRET)
        return WeChatClient(simulator.base_url, creds, custom_card_ids=list(DEMO_CUSTOM_CARD_IDS))
    creds = credentials.require()
    return WeChatClient(config.effective_api_base(), creds, custom_card_ids=list(config.custom_card_ids))


def build_services(demo: bool, config: Config | None = None, *, with_journal: bool = True) -> Services:
    """Everything an operation needs.  Raises ConfigError when credentials or the keyring are missing."""
    config = config if config is not None else Config.load()
    closers: list[Callable[[], None]] = []
    simulator = None
    if demo:
        from pos_app.sandbox import Simulator
        from pos_app.sandbox.persist import training_state_path

        # Training's world persists beside its journal: redeemed stays redeemed across runs.
        simulator = Simulator(state_path=training_state_path())
        simulator.start()
        closers.append(simulator.stop)
    client = _client(config, demo, simulator)
    journal = None
    if with_journal:
        from pos_app.journal import Journal, journal_path

        path = journal_path(demo)
        path.parent.mkdir(parents=True, exist_ok=True)
        journal = Journal.open(path)
        closers.append(journal.close)
    services = Services(config, client, journal, demo, simulator, closers)
    if config.hub_terminal and not demo:  # a chain's counter: the hub knows every counter's attempts
        from pos_app.hub.settle_from_hub import hub_known_attempts

        creds = credentials.require()
        services.known_elsewhere = hub_known_attempts(config.effective_api_base(), creds.appid, creds.secret)
    return services
