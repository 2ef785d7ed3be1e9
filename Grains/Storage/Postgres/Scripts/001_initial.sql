-- Messaging storage schema for PostgreSQL, version 1. Idempotent: every statement may run again.
-- Times are timestamptz holding whole milliseconds (the providers truncate before writing).

-- Grain state: one row per grain. version is the ETag; a clear keeps the row with payload NULL.
-- Free space on each page lets updates stay on the page (HOT), since no indexed column changes.
CREATE TABLE IF NOT EXISTS grain_state (
    grain_type text        NOT NULL,
    grain_key  text        NOT NULL,
    version    bigint      NOT NULL,
    payload    bytea,
    updated_at timestamptz NOT NULL,
    CONSTRAINT pk_grain_state PRIMARY KEY (grain_type, grain_key)
) WITH (fillfactor = 80);

-- Append-only journals (a conversation's messages), keyed by (stream, seq). Deleted rows stay,
-- keeping their seq and dedup key, but leave queries.
CREATE TABLE IF NOT EXISTS journal (
    stream     text        NOT NULL,
    seq        bigint      NOT NULL,
    entry_id   uuid        NOT NULL,
    created_at timestamptz NOT NULL,
    author     text        NOT NULL,
    dedup_key  text,
    deleted    boolean     NOT NULL DEFAULT false,
    payload    bytea       NOT NULL,
    CONSTRAINT pk_journal PRIMARY KEY (stream, seq)
);

CREATE UNIQUE INDEX IF NOT EXISTS ux_journal_entry_id ON journal (stream, entry_id);

CREATE UNIQUE INDEX IF NOT EXISTS ux_journal_dedup_key ON journal (stream, dedup_key)
    WHERE dedup_key IS NOT NULL;

-- Pages and counts over live rows: ordered by seq, with the time filter read from the index.
CREATE INDEX IF NOT EXISTS ix_journal_live ON journal (stream, seq) INCLUDE (created_at)
    WHERE NOT deleted;

-- The same for one author's rows.
CREATE INDEX IF NOT EXISTS ix_journal_live_author ON journal (stream, author, seq) INCLUDE (created_at)
    WHERE NOT deleted;

-- Membership: one row per silo. status: 0 joining, 1 active, 2 shutting down, 3 dead.
CREATE TABLE IF NOT EXISTS silos (
    silo_id      text        NOT NULL,
    host         text        NOT NULL,
    port         integer     NOT NULL,
    status       smallint    NOT NULL,
    started_at   timestamptz NOT NULL,
    heartbeat_at timestamptz NOT NULL,
    CONSTRAINT pk_silos PRIMARY KEY (silo_id)
) WITH (fillfactor = 50);
