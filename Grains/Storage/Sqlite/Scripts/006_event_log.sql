-- Messaging storage schema for SQLite, version 6: users' event logs get a table of their own. They were
-- streams 'events/<user id>' of the journal table, where every event updated five b-trees (the rowid
-- table, the (stream, seq) key, and the entry id, live and live-by-author indexes that only messages
-- need). An event log is read by seq alone, so event_log is clustered on (stream, seq) and has no other
-- index: an event costs one b-tree. The events already written move over.

CREATE TABLE IF NOT EXISTS event_log (
    stream        TEXT    NOT NULL,
    seq           INTEGER NOT NULL,
    entry_id      BLOB    NOT NULL,
    created_at_ms INTEGER NOT NULL,
    author        TEXT    NOT NULL,
    dedup_key     TEXT,
    deleted       INTEGER NOT NULL DEFAULT 0,
    payload       BLOB    NOT NULL,
    PRIMARY KEY (stream, seq)
) STRICT, WITHOUT ROWID;

-- 'events/' up to 'events0' (the character after '/') is every stream named events/...
INSERT OR IGNORE INTO event_log (stream, seq, entry_id, created_at_ms, author, dedup_key, deleted, payload)
    SELECT stream, seq, entry_id, created_at_ms, author, dedup_key, deleted, payload
    FROM journal WHERE stream >= 'events/' AND stream < 'events0';

DELETE FROM journal WHERE stream >= 'events/' AND stream < 'events0';
