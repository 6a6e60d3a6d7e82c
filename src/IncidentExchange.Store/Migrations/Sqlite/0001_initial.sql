-- Version 1: the state the data folder's files held (published.log, deliveries.log, checks.log, directory/,
-- keys/, history.journal), the dedup window that lived in memory, and the subscription definitions the broker held.
-- Times are 100 ns ticks since the Unix epoch (UTC); unsigned numbers are stored as INTEGER (64-bit).

-- The publication ledger: one counter row per origin, locked by every reservation, so numbers stay gap-free.
CREATE TABLE ledger_counter (
    origin TEXT NOT NULL PRIMARY KEY,
    last_sequence INTEGER NOT NULL
);

CREATE TABLE ledger (
    origin TEXT NOT NULL,
    notice_id TEXT NOT NULL,
    revision INTEGER NOT NULL,
    sequence INTEGER NOT NULL,
    content_hash TEXT NOT NULL,
    issued_at INTEGER NOT NULL,
    confirmed INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (origin, notice_id, revision),
    -- The database itself refuses a sequence number handed out twice.
    UNIQUE (origin, sequence)
);

-- The delivery book. envelope is kept (not null) only while the notice's acknowledgement deadline runs.
CREATE TABLE deliveries (
    notice_id TEXT NOT NULL,
    revision INTEGER NOT NULL,
    sequence INTEGER NOT NULL,
    published_at INTEGER NOT NULL,
    critical INTEGER NOT NULL DEFAULT 0,
    envelope BLOB,
    PRIMARY KEY (notice_id, revision)
);

CREATE INDEX deliveries_by_age ON deliveries (published_at);
-- Only the few notices whose deadline runs: the re-alert watcher reads this, never the whole book.
CREATE INDEX deliveries_awaiting ON deliveries (published_at) WHERE envelope IS NOT NULL;

CREATE TABLE delivery_recipients (
    notice_id TEXT NOT NULL,
    revision INTEGER NOT NULL,
    node_id TEXT NOT NULL,
    delivered_at INTEGER,
    acknowledged_at INTEGER,
    acknowledged_by TEXT,
    realerted_at INTEGER,
    realert_failed INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (notice_id, revision, node_id),
    FOREIGN KEY (notice_id, revision) REFERENCES deliveries (notice_id, revision) ON DELETE CASCADE
);

-- The check book; id keeps the order checks were recorded in (newest first in reports).
CREATE TABLE checks (
    id INTEGER PRIMARY KEY,
    check_id TEXT NOT NULL UNIQUE,
    sent_at INTEGER NOT NULL,
    timeout INTEGER NOT NULL,
    text TEXT NOT NULL
);

CREATE INDEX checks_by_age ON checks (sent_at);

CREATE TABLE check_targets (
    check_id TEXT NOT NULL REFERENCES checks (check_id) ON DELETE CASCADE,
    node_id TEXT NOT NULL,
    delivered_at INTEGER,
    delivered_arrived_at INTEGER,
    acknowledged_at INTEGER,
    acknowledged_arrived_at INTEGER,
    acknowledged_by TEXT,
    not_sent TEXT,
    not_sent_at INTEGER,
    PRIMARY KEY (check_id, node_id)
);

-- The contact directory as signed bytes, every version.
CREATE TABLE directory_records (
    node_id TEXT NOT NULL,
    version INTEGER NOT NULL,
    envelope BLOB NOT NULL,
    accepted_at INTEGER NOT NULL,
    PRIMARY KEY (node_id, version)
);

-- At most one row: this node's own next record between signing and the broker's confirm.
CREATE TABLE own_pending_record (
    slot INTEGER NOT NULL PRIMARY KEY CHECK (slot = 1),
    envelope BLOB NOT NULL,
    saved_at INTEGER NOT NULL
);

CREATE TABLE own_keys (
    key_id TEXT NOT NULL PRIMARY KEY,
    node_id TEXT NOT NULL,
    public_key BLOB NOT NULL,
    created_at INTEGER NOT NULL,
    sealed_private_key BLOB
);

-- The inbound dedup window; id orders it, so trimming keeps the newest.
CREATE TABLE seen_alerts (
    id INTEGER PRIMARY KEY,
    origin TEXT NOT NULL,
    alert_id TEXT NOT NULL,
    revision INTEGER NOT NULL,
    reminder INTEGER NOT NULL,
    seen_at INTEGER NOT NULL,
    UNIQUE (origin, alert_id, revision, reminder)
);

CREATE TABLE history_outbox (
    id INTEGER PRIMARY KEY,
    routing_key TEXT NOT NULL,
    message_id TEXT NOT NULL,
    headers TEXT NOT NULL,
    body BLOB NOT NULL,
    written_at INTEGER NOT NULL
);

-- Durable subscriptions; the lists are JSON arrays of strings in ordinal order.
CREATE TABLE subscriptions (
    name TEXT NOT NULL PRIMARY KEY,
    min_severity INTEGER NOT NULL,
    categories TEXT NOT NULL,
    origins TEXT NOT NULL,
    sectors TEXT NOT NULL,
    created_at INTEGER NOT NULL
);
