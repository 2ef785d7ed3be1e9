-- Messaging storage schema for SQLite, version 1. Idempotent: every statement may run again.
-- Times are INTEGER unix milliseconds (UTC). STRICT tables refuse values of the wrong type.

-- Grain state: one row per grain. version is the ETag; a clear keeps the row with payload NULL.
CREATE TABLE IF NOT EXISTS grain_state (
    grain_type    TEXT    NOT NULL,
    grain_key     TEXT    NOT NULL,
    version       INTEGER NOT NULL,
    payload       BLOB,
    updated_at_ms INTEGER NOT NULL,
    PRIMARY KEY (grain_type, grain_key)
) STRICT;

-- Append-only journals (a conversation's messages), keyed by (stream, seq). Deleted rows stay,
-- keeping their seq and dedup key, but leave queries.
CREATE TABLE IF NOT EXISTS journal (
    stream        TEXT    NOT NULL,
    seq           INTEGER NOT NULL,
    entry_id      BLOB    NOT NULL,
    created_at_ms INTEGER NOT NULL,
    author        TEXT    NOT NULL,
    dedup_key     TEXT,
    deleted       INTEGER NOT NULL DEFAULT 0,
    payload       BLOB    NOT NULL,
    PRIMARY KEY (stream, seq)
) STRICT;

CREATE UNIQUE INDEX IF NOT EXISTS ux_journal_entry_id ON journal (stream, entry_id);

CREATE UNIQUE INDEX IF NOT EXISTS ux_journal_dedup_key ON journal (stream, dedup_key)
    WHERE dedup_key IS NOT NULL;

-- Pages and counts over live rows: ordered by seq, with the time filter read from the index.
CREATE INDEX IF NOT EXISTS ix_journal_live ON journal (stream, seq, created_at_ms)
    WHERE deleted = 0;

-- The same for one author's rows.
CREATE INDEX IF NOT EXISTS ix_journal_live_author ON journal (stream, author, seq, created_at_ms)
    WHERE deleted = 0;

-- Membership: one row per silo. status: 0 joining, 1 active, 2 shutting down, 3 dead.
CREATE TABLE IF NOT EXISTS silos (
    silo_id         TEXT    NOT NULL PRIMARY KEY,
    host            TEXT    NOT NULL,
    port            INTEGER NOT NULL,
    status          INTEGER NOT NULL,
    started_at_ms   INTEGER NOT NULL,
    heartbeat_at_ms INTEGER NOT NULL
) STRICT;
