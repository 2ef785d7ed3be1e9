-- Messaging storage schema for SQLite, version 2: the live-row journal indexes gain the deleted column.
-- deleted is implied by their WHERE clause, but SQLite counts an index as covering only when it holds
-- every column a query names; with it, a journal count reads only the index, never the rows (and their
-- payloads). Idempotent: dropping and creating again yields the same indexes.

DROP INDEX IF EXISTS ix_journal_live;

CREATE INDEX IF NOT EXISTS ix_journal_live ON journal (stream, seq, created_at_ms, deleted)
    WHERE deleted = 0;

DROP INDEX IF EXISTS ix_journal_live_author;

CREATE INDEX IF NOT EXISTS ix_journal_live_author ON journal (stream, author, seq, created_at_ms, deleted)
    WHERE deleted = 0;
