-- Messaging storage schema for SQLite, version 5: the audit trail (Grains/Admin). Ids as canonical UUID
-- text, times as unix milliseconds. Pages are newest first (at, event_id descending); each filter of
-- GET /api/admin/audit/ (user, event, time range) has an index that serves that order.

CREATE TABLE IF NOT EXISTS audit_events (
    event_id TEXT NOT NULL PRIMARY KEY,
    event TEXT NOT NULL,
    at_ms INTEGER NOT NULL,
    user_id TEXT,
    actor_id TEXT,
    ip TEXT,
    user_agent TEXT,
    conversation_id TEXT,
    detail TEXT
) STRICT;

CREATE INDEX IF NOT EXISTS ix_audit_events_at ON audit_events (at_ms, event_id);

CREATE INDEX IF NOT EXISTS ix_audit_events_user ON audit_events (user_id, at_ms, event_id) WHERE user_id IS NOT NULL;

CREATE INDEX IF NOT EXISTS ix_audit_events_event ON audit_events (event, at_ms, event_id);
