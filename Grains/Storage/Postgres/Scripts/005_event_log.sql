-- Messaging storage schema for PostgreSQL, version 5: users' event logs get a table of their own. Idempotent.
-- They were streams 'events/<user id>' of the journal table, where every event also updated the entry
-- id, live and live-by-author indexes that only messages need. An event log is read by seq alone, so
-- event_log has its primary key (stream, seq) as its one index. The events already written move over.

CREATE TABLE IF NOT EXISTS event_log (
    stream     text        NOT NULL,
    seq        bigint      NOT NULL,
    entry_id   uuid        NOT NULL,
    created_at timestamptz NOT NULL,
    author     text        NOT NULL,
    dedup_key  text,
    deleted    boolean     NOT NULL DEFAULT false,
    payload    bytea       NOT NULL,
    CONSTRAINT pk_event_log PRIMARY KEY (stream, seq)
);

INSERT INTO event_log (stream, seq, entry_id, created_at, author, dedup_key, deleted, payload)
    SELECT stream, seq, entry_id, created_at, author, dedup_key, deleted, payload
    FROM journal WHERE stream LIKE 'events/%'
    ON CONFLICT DO NOTHING;

DELETE FROM journal WHERE stream LIKE 'events/%';
