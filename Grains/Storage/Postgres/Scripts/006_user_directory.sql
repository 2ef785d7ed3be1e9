-- Messaging storage schema for PostgreSQL, version 6: the user directory behind GET /api/admin/users/
-- (Grains/Admin), one row per user, written by the user's grain. Until now it was one grain state holding every
-- user, rewritten whole on each registration and login; a silo imports that state into this table when it starts
-- (UserDirectoryImport). Idempotent. username_key and email_key are the username and email folded to upper case
-- by the application (invariant culture), compared byte by byte (COLLATE "C"): pages are ordered by username_key,
-- and "contains" searches both keys.

CREATE TABLE IF NOT EXISTS user_directory (
    user_id uuid NOT NULL PRIMARY KEY,
    username text NOT NULL,
    email text NOT NULL,
    first_name text NOT NULL,
    last_name text NOT NULL,
    role text NOT NULL,
    created_at timestamptz NOT NULL,
    is_active boolean NOT NULL,
    last_login_at timestamptz,
    username_key text COLLATE "C" NOT NULL,
    email_key text COLLATE "C" NOT NULL
);

CREATE INDEX IF NOT EXISTS ix_user_directory_username ON user_directory (username_key, user_id);
