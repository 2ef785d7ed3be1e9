-- Messaging storage schema for SQLite, version 9: the user directory behind GET /api/admin/users/ (Grains/Admin),
-- one row per user, written by the user's grain. Until now it was one grain state holding every user, rewritten
-- whole on each registration and login; a silo imports that state into this table when it starts
-- (UserDirectoryImport). Ids as canonical UUID text, times as unix milliseconds. username_key and email_key are
-- the username and email folded to upper case by the application (invariant culture): pages are ordered by
-- username_key, and "contains" searches both keys.

CREATE TABLE IF NOT EXISTS user_directory (
    user_id TEXT NOT NULL PRIMARY KEY,
    username TEXT NOT NULL,
    email TEXT NOT NULL,
    first_name TEXT NOT NULL,
    last_name TEXT NOT NULL,
    role TEXT NOT NULL,
    created_at_ms INTEGER NOT NULL,
    is_active INTEGER NOT NULL,
    last_login_at_ms INTEGER,
    username_key TEXT NOT NULL,
    email_key TEXT NOT NULL
) STRICT;

CREATE INDEX IF NOT EXISTS ix_user_directory_username ON user_directory (username_key, user_id);
