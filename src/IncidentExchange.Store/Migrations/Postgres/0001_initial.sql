-- Version 1: the state the data folder's files held (published.log, deliveries.log, checks.log, directory/,
-- keys/, history.journal), the dedup window that lived in memory, and the subscription definitions the broker held.
-- Times are 100 ns ticks since the Unix epoch (UTC); unsigned numbers are stored as BIGINT. Text keys use the "C"
-- collation, so ordering is ordinal (byte order) whatever the database's locale, as on SQLite.

-- The publication ledger: one counter row per origin, locked by every reservation, so numbers stay gap-free.
CREATE TABLE ledger_counter (
    origin TEXT COLLATE "C" NOT NULL PRIMARY KEY,
    last_sequence BIGINT NOT NULL
);

CREATE TABLE ledger (
    origin TEXT COLLATE "C" NOT NULL,
    notice_id TEXT COLLATE "C" NOT NULL,
    revision BIGINT NOT NULL,
    sequence BIGINT NOT NULL,
    content_hash TEXT COLLATE "C" NOT NULL,
    issued_at BIGINT NOT NULL,
    confirmed BOOLEAN NOT NULL DEFAULT FALSE,
    PRIMARY KEY (origin, notice_id, revision),
    -- The database itself refuses a sequence number handed out twice.
    UNIQUE (origin, sequence)
);

-- The delivery book. envelope is kept (not null) only while the notice's acknowledgement deadline runs.
CREATE TABLE deliveries (
    notice_id TEXT COLLATE "C" NOT NULL,
    revision BIGINT NOT NULL,
    sequence BIGINT NOT NULL,
    published_at BIGINT NOT NULL,
    critical BOOLEAN NOT NULL DEFAULT FALSE,
    envelope BYTEA,
    PRIMARY KEY (notice_id, revision)
);

CREATE INDEX deliveries_by_age ON deliveries (published_at);
-- Only the few notices whose deadline runs: the re-alert watcher reads this, never the whole book.
CREATE INDEX deliveries_awaiting ON deliveries (published_at) WHERE envelope IS NOT NULL;

CREATE TABLE delivery_recipients (
    notice_id TEXT COLLATE "C" NOT NULL,
    revision BIGINT NOT NULL,
    node_id TEXT COLLATE "C" NOT NULL,
    delivered_at BIGINT,
    acknowledged_at BIGINT,
    acknowledged_by TEXT COLLATE "C",
    realerted_at BIGINT,
    realert_failed BOOLEAN NOT NULL DEFAULT FALSE,
    PRIMARY KEY (notice_id, revision, node_id),
    FOREIGN KEY (notice_id, revision) REFERENCES deliveries (notice_id, revision) ON DELETE CASCADE
);

-- The check book; id keeps the order checks were recorded in (newest first in reports).
CREATE TABLE checks (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    check_id TEXT COLLATE "C" NOT NULL UNIQUE,
    sent_at BIGINT NOT NULL,
    timeout BIGINT NOT NULL,
    text TEXT COLLATE "C" NOT NULL
);

CREATE INDEX checks_by_age ON checks (sent_at);

CREATE TABLE check_targets (
    check_id TEXT COLLATE "C" NOT NULL REFERENCES checks (check_id) ON DELETE CASCADE,
    node_id TEXT COLLATE "C" NOT NULL,
    delivered_at BIGINT,
    delivered_arrived_at BIGINT,
    acknowledged_at BIGINT,
    acknowledged_arrived_at BIGINT,
    acknowledged_by TEXT COLLATE "C",
    not_sent TEXT COLLATE "C",
    not_sent_at BIGINT,
    PRIMARY KEY (check_id, node_id)
);

-- The contact directory as signed bytes, every version.
CREATE TABLE directory_records (
    node_id TEXT COLLATE "C" NOT NULL,
    version BIGINT NOT NULL,
    envelope BYTEA NOT NULL,
    accepted_at BIGINT NOT NULL,
    PRIMARY KEY (node_id, version)
);

-- At most one row: this node's own next record between signing and the broker's confirm.
CREATE TABLE own_pending_record (
    slot INTEGER NOT NULL PRIMARY KEY CHECK (slot = 1),
    envelope BYTEA NOT NULL,
    saved_at BIGINT NOT NULL
);

CREATE TABLE own_keys (
    key_id TEXT COLLATE "C" NOT NULL PRIMARY KEY,
    node_id TEXT COLLATE "C" NOT NULL,
    public_key BYTEA NOT NULL,
    created_at BIGINT NOT NULL,
    sealed_private_key BYTEA
);

-- The inbound dedup window; id orders it, so trimming keeps the newest.
CREATE TABLE seen_alerts (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    origin TEXT COLLATE "C" NOT NULL,
    alert_id TEXT COLLATE "C" NOT NULL,
    revision BIGINT NOT NULL,
    reminder BOOLEAN NOT NULL,
    seen_at BIGINT NOT NULL,
    UNIQUE (origin, alert_id, revision, reminder)
);

CREATE TABLE history_outbox (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    routing_key TEXT COLLATE "C" NOT NULL,
    message_id TEXT COLLATE "C" NOT NULL,
    headers TEXT COLLATE "C" NOT NULL,
    body BYTEA NOT NULL,
    written_at BIGINT NOT NULL
);

-- Durable subscriptions; the lists are JSON arrays of strings in ordinal order.
CREATE TABLE subscriptions (
    name TEXT COLLATE "C" NOT NULL PRIMARY KEY,
    min_severity BIGINT NOT NULL,
    categories TEXT COLLATE "C" NOT NULL,
    origins TEXT COLLATE "C" NOT NULL,
    sectors TEXT COLLATE "C" NOT NULL,
    created_at BIGINT NOT NULL
);
