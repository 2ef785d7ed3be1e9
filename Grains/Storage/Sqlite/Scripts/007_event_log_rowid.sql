-- Messaging storage schema for SQLite, version 7: event_log keeps its rows in a rowid table, with
-- (stream, seq) as its key's index, instead of clustered on (stream, seq) (WITHOUT ROWID). Clustered, each
-- event went into its user's leaf in the middle of the table: a leaf held a handful of events and split
-- every few of them, and every leaf a commit touches is written whole to the write-ahead log. A rowid
-- table takes new rows at its end, so the events of many users share its last leaf; the key's index
-- holds (stream, seq) only, small entries that rarely split. Reads by cursor search the key's index
-- as before. The events already written move over with their cursors.

ALTER TABLE event_log RENAME TO event_log_v6;

CREATE TABLE event_log (
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

INSERT INTO event_log (stream, seq, entry_id, created_at_ms, author, dedup_key, deleted, payload)
    SELECT stream, seq, entry_id, created_at_ms, author, dedup_key, deleted, payload
    FROM event_log_v6 ORDER BY stream, seq;

DROP TABLE event_log_v6;
