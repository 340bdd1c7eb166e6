-- Failed credential checks and enrolment-code redemptions, for the rate limit on guesses
-- (pos_app/hub/throttle.py), shared by every hub process on this database.
CREATE TABLE auth_failures (
    id        BIGSERIAL PRIMARY KEY,
    at        TIMESTAMPTZ NOT NULL DEFAULT now(),
    address   TEXT NOT NULL,                      -- the client's address (X-Forwarded-For from a trusted proxy)
    terminal  TEXT,                               -- the name tried (known or not); NULL for enrolment codes
    kind      TEXT NOT NULL CHECK (kind IN ('credential', 'code'))
);
CREATE INDEX auth_failures_address ON auth_failures (address, at);
CREATE INDEX auth_failures_terminal ON auth_failures (terminal, at) WHERE terminal IS NOT NULL;
CREATE INDEX auth_failures_at ON auth_failures (at);

-- The furthest journal head each terminal has shown the hub (its own head, or its anchor file): a
-- journal that later ends before it, or holds another row there, went backwards (restored, cloned).
ALTER TABLE terminals ADD COLUMN seen_seq BIGINT NOT NULL DEFAULT 0;
ALTER TABLE terminals ADD COLUMN seen_hash TEXT;
ALTER TABLE terminals ADD COLUMN seen_at TIMESTAMPTZ;
-- A counter enrolled again after such a finding starts its journal afresh on the hub; the rows the hub
-- held of it are kept under an archive terminal "NAME~YYYYMMDD-HHMMSS" (archive_of = NAME), and the
-- figures count an operation once (by attempt id) whichever copy holds it.
ALTER TABLE terminals ADD COLUMN archive_of TEXT;

-- What head office must look at: a counter whose journal went backwards or differs from the hub's copy.
CREATE TABLE journal_alerts (
    id            BIGSERIAL PRIMARY KEY,
    at            TIMESTAMPTZ NOT NULL DEFAULT now(),
    terminal      TEXT NOT NULL REFERENCES terminals,
    store_id      TEXT NOT NULL,
    reason        TEXT NOT NULL,                  -- went_back, differs, other_journal
    detail        TEXT NOT NULL DEFAULT '',       -- English, for logs
    counter_seq   BIGINT,                         -- where the counter's journal ends now
    seen_seq      BIGINT NOT NULL,                -- the furthest row the hub had seen of it
    hub_rows      BIGINT NOT NULL,                -- rows the hub holds of it (kept)
    resolved_at   TIMESTAMPTZ                     -- set when the terminal is enrolled again
);
CREATE INDEX journal_alerts_open ON journal_alerts (at) WHERE resolved_at IS NULL;
