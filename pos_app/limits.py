"""Bounds shared by the client, settlement, the journal and the hub (one place, no imports).

A request that was sent can still reach WeChat until the client's overall deadline for that call has
passed; settlement treats an attempt as possibly in flight until ``sent_at + CALL_DEADLINE_SECONDS +
SETTLE_MARGIN_SECONDS``, whether or not its process is still alive.
"""

from __future__ import annotations

# Wall-clock deadline of one client call (connect + send + answer, every retry included), seconds.
CALL_DEADLINE_SECONDS = 20.0
# Extra wait before an attempt whose answer was lost may be settled as "did not happen", seconds.
SETTLE_MARGIN_SECONDS = 10.0
# Answers larger than this are cut and treated as malformed.
MAX_ANSWER_BYTES = 1024 * 1024


def settle_after(sent_at: float) -> float:
    """The earliest time an attempt sent at ``sent_at`` can no longer reach the service."""
    return sent_at + CALL_DEADLINE_SECONDS + SETTLE_MARGIN_SECONDS
