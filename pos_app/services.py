"""The composition root of the core: one place builds the client, the journal and the workflow.

The GUI (pos_app.gui_entry) and the CLI both call :func:`build_services`; nothing else constructs these
collaborators.  Training mode (``demo=True``) starts the embedded simulator and keeps its own journal so
training never mixes with real records.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from pos_app import codes, credentials
from pos_app.client import WeChatClient
from pos_app.config import Config
from pos_app.models import CodeInfo, OperationContext
from pos_app.workflow import Workflow

log = logging.getLogger("pos_app.services")


@dataclass
class Services:
    config: Config
    client: WeChatClient
    journal: Any  # pos_app.journal.Journal
    demo: bool = False
    simulator: Any = None  # pos_app.sandbox.Simulator in training mode
    _closers: list[Callable[[], None]] = field(default_factory=list)

    def workflow(self, context: OperationContext | None = None) -> Workflow:
        if context is None:
            context = OperationContext(
                terminal=self.config.terminal_id, store_location_id=self.config.store_location_id
            )
        return Workflow(self.client, self.journal, context)

    def read_code(self, code: str, card_id: str | None) -> CodeInfo:
        """What reconciliation asks: the code's real status, without check_consume."""
        return self.client.get_code(code, card_id, check_consume=False)

    def reconcile(self) -> list[Any]:
        """Settle pending journal rows left by a crash or a lost answer (every start, every reconnect)."""
        if self.journal is None:
            return []
        from pos_app.journal.reconcile import reconcile

        return list(reconcile(self.journal, self.read_code))

    def close(self) -> None:
        for closer in reversed(self._closers):
            try:
                closer()
            except Exception:  # closing must go on for the rest
                log.exception("error while closing")
        self._closers.clear()


def build_services(demo: bool, config: Config | None = None, *, with_journal: bool = True) -> Services:
    """Everything an operation needs.  Raises ConfigError when credentials or the keyring are missing."""
    config = config if config is not None else Config.load()
    closers: list[Callable[[], None]] = []
    simulator = None
    if demo:
        from pos_app.sandbox import DEMO_APPID, DEMO_CUSTOM_CARD_IDS, DEMO_SECRET, Simulator
        from pos_app.sandbox.persist import training_state_path

        # Training's world persists beside its journal: redeemed stays redeemed across runs.
        simulator = Simulator(state_path=training_state_path())
        base_url = simulator.start()
        closers.append(simulator.stop)
        creds = credentials.Credentials(DEMO_APPID, DEMO_SECRET)
        custom_ids: list[str] = list(DEMO_CUSTOM_CARD_IDS)
    else:
        creds = credentials.require()
        base_url = config.effective_api_base()
        custom_ids = list(config.custom_card_ids)
    codes.use_custom_patterns(() if demo else config.custom_code_patterns)  # the local code grammar
    client = WeChatClient(base_url, creds, custom_card_ids=custom_ids)
    closers.append(client.close)
    journal = None
    if with_journal:
        from pos_app.journal import Journal, journal_path

        path = journal_path(demo)
        path.parent.mkdir(parents=True, exist_ok=True)
        journal = Journal.open(path)
        closers.append(journal.close)
    return Services(config, client, journal, demo, simulator, closers)
