-- Messaging storage schema for SQLite, version 8: the journal's entry id index leads with the entry id,
-- (entry_id, stream) instead of (stream, entry_id). Entry ids are version-7 UUIDs stored in RFC byte
-- order, so they increase with time: led by the stream, each append went to the end of its own stream's
-- part of the index, a leaf of its own that every commit then wrote whole to the write-ahead log; led by
-- the entry id, the appends of every stream go to the end of the index and share its last leaf. The pairs
-- refused as taken are the same, and a lookup gives both columns, so it still takes one index search.
DROP INDEX IF EXISTS ux_journal_entry_id;

CREATE UNIQUE INDEX ux_journal_entry_id ON journal (entry_id, stream);
