-- The hub's first schema.  Files in this folder are applied in name order, each in one transaction
-- together with its row in schema_version.  Never edit an applied file: add the next one.

CREATE TABLE stores (
    store_id    TEXT PRIMARY KEY,
    name        TEXT NOT NULL DEFAULT '',
    restricted  BOOLEAN NOT NULL DEFAULT false      -- true: only the card_ids in store_cards
);

CREATE TABLE store_cards (
    store_id    TEXT NOT NULL REFERENCES stores ON DELETE CASCADE,
    card_id     TEXT NOT NULL,
    PRIMARY KEY (store_id, card_id)
);

CREATE TABLE terminals (
    name              TEXT PRIMARY KEY,
    store_id          TEXT NOT NULL REFERENCES stores,
    enrol_hash        TEXT,                       -- sha256 of the one-time enrolment code
    enrol_expires     TIMESTAMPTZ,
    credential_hash   TEXT,                       -- sha256 of the terminal's credential (never the credential)
    journal_identity  TEXT,                       -- hash of the counter's journal row 1, bound at first sight
    revoked_at        TIMESTAMPTZ,
    revoke_reason     TEXT NOT NULL DEFAULT '',
    acked_seq         BIGINT NOT NULL DEFAULT 0,  -- highest contiguous journal row received
    acked_hash        TEXT NOT NULL DEFAULT '0000000000000000000000000000000000000000000000000000000000000000',
    created_at        TIMESTAMPTZ NOT NULL DEFAULT now(),
    last_seen         TIMESTAMPTZ
);
CREATE UNIQUE INDEX terminals_enrol ON terminals (enrol_hash) WHERE enrol_hash IS NOT NULL;

CREATE TABLE sessions (
    token_hash  TEXT PRIMARY KEY,                 -- sha256 of the hub session token a counter holds
    terminal    TEXT NOT NULL REFERENCES terminals ON DELETE CASCADE,
    expires_at  TIMESTAMPTZ NOT NULL
);
CREATE INDEX sessions_terminal ON sessions (terminal);

-- The one WeChat access token of the account (the secret is never stored here).
CREATE TABLE wechat_token (
    id            INTEGER PRIMARY KEY CHECK (id = 1),
    token         TEXT,
    expires_at    TIMESTAMPTZ,
    fetched_at    TIMESTAMPTZ,
    fetches       BIGINT NOT NULL DEFAULT 0,
    force_day     DATE,                           -- Beijing day of force_count
    force_count   INTEGER NOT NULL DEFAULT 0,
    last_force    TIMESTAMPTZ
);
INSERT INTO wechat_token (id) VALUES (1);

-- Every consume / unavailable a counter sent through the hub, recorded before WeChat is called.
CREATE TABLE attempts (
    attempt_id    TEXT PRIMARY KEY,
    terminal      TEXT NOT NULL,
    store_id      TEXT NOT NULL,
    action        TEXT NOT NULL CHECK (action IN ('redeem', 'invalidate')),
    code          TEXT NOT NULL,
    card_id       TEXT,
    reason        TEXT NOT NULL DEFAULT '',
    request_hash  TEXT NOT NULL,
    state         TEXT NOT NULL CHECK (state IN ('sending', 'unknown', 'final')),
    outcome       TEXT,                           -- pos_app.models.Outcome once final
    errcode       INTEGER,
    answer        JSONB,                          -- what the counter was (or will be) answered
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    sent_at       TIMESTAMPTZ,
    settled_at    TIMESTAMPTZ,
    note          TEXT NOT NULL DEFAULT ''
);
CREATE INDEX attempts_code ON attempts (code, created_at);
CREATE INDEX attempts_open ON attempts (sent_at) WHERE state <> 'final';

-- Every counter's journal, row for row (terminal, sequence) as the counter's hash chain has it.
CREATE TABLE journal_rows (
    terminal     TEXT NOT NULL REFERENCES terminals,
    seq          BIGINT NOT NULL,
    hash         TEXT NOT NULL,
    prev_hash    TEXT NOT NULL,
    row          JSONB NOT NULL,
    kind         TEXT NOT NULL,
    attempt_id   TEXT,
    ts           TIMESTAMPTZ NOT NULL,
    action       TEXT NOT NULL,
    code         TEXT NOT NULL,
    card_id      TEXT,
    cashier      TEXT NOT NULL DEFAULT '',
    outcome      TEXT NOT NULL,
    settled      BOOLEAN NOT NULL DEFAULT false,
    face_value   BIGINT,
    received_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (terminal, seq)
);
CREATE INDEX journal_rows_code ON journal_rows (code);
CREATE INDEX journal_rows_ts ON journal_rows (ts);
CREATE INDEX journal_rows_attempt ON journal_rows (attempt_id) WHERE attempt_id IS NOT NULL;

CREATE TABLE events (
    id        BIGSERIAL PRIMARY KEY,
    at        TIMESTAMPTZ NOT NULL DEFAULT now(),
    kind      TEXT NOT NULL,                      -- token_fetch, token_force, revoked, clone_detected, ...
    terminal  TEXT,
    detail    TEXT NOT NULL DEFAULT ''
);
