-- Messaging storage schema for PostgreSQL, version 4: the audit trail (Grains/Admin). Idempotent.
-- Pages are newest first (at, event_id descending); each filter of GET /api/admin/audit/ (user, event,
-- time range) has an index that serves that order.

CREATE TABLE IF NOT EXISTS audit_events (
    event_id uuid NOT NULL PRIMARY KEY,
    event text NOT NULL,
    at timestamptz NOT NULL,
    user_id uuid,
    actor_id uuid,
    ip text,
    user_agent text,
    conversation_id uuid,
    detail text
);

CREATE INDEX IF NOT EXISTS ix_audit_events_at ON audit_events (at, event_id);

CREATE INDEX IF NOT EXISTS ix_audit_events_user ON audit_events (user_id, at, event_id) WHERE user_id IS NOT NULL;

CREATE INDEX IF NOT EXISTS ix_audit_events_event ON audit_events (event, at, event_id);
