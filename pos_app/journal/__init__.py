"""The local journal of every lookup, redeem and invalidation (Qt-free).

``Journal`` (write-ahead, append-only, hash-chained), ``reconcile`` (settle pending attempts from the
service), ``export`` (CSV / JSON lines), ``report`` (shift aggregates for the GUI and CSV).
"""

from pos_app.journal.journal import (
    Journal,
    NotPendingError,
    PendingAttempt,
    Redemption,
    Row,
    UnknownAttemptError,
)
from pos_app.journal.paths import journal_path

__all__ = [
    "Journal",
    "NotPendingError",
    "PendingAttempt",
    "Redemption",
    "Row",
    "UnknownAttemptError",
    "journal_path",
]
