-- Orleans' ADO.NET grain storage (Microsoft.Orleans.Persistence.AdoNet 10.4.2) on SQLite, for the
-- StateWriteBenchmarks' SqliteAdoNet case only: the product keeps grain state in SQLite through its own
-- IGrainStorage (README, "Grain state storage"), and this measures the alternative the issue named.
-- Written for this bench from the provider's contract as 10.4.2 calls it, the same contract as
-- Grains/Storage/Postgres/Scripts/002_orleans.sql: the provider reads its SQL from OrleansQuery by key
-- and binds @ServiceId, @GrainTypeString, @GrainIdN0, @GrainIdN1, @GrainIdExtensionString (NULL when
-- the id has no string part), @GrainStateVersion (the ETag; NULL when no row is expected) and
-- @PayloadBinary; it also binds hashes that are not needed here.

CREATE TABLE IF NOT EXISTS OrleansQuery (
    QueryKey  TEXT NOT NULL PRIMARY KEY,
    QueryText TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS orleans_storage (
    service_id    TEXT    NOT NULL,
    grain_type    TEXT    NOT NULL,
    grain_id_n0   INTEGER NOT NULL,
    grain_id_n1   INTEGER NOT NULL,
    grain_key_ext TEXT    NOT NULL,
    version       INTEGER NOT NULL,
    payload       BLOB,
    modified_at   TEXT    NOT NULL,
    PRIMARY KEY (service_id, grain_type, grain_id_n0, grain_id_n1, grain_key_ext)
);

-- Read: zero or one row with payloadbinary (NULL when cleared) and version (the ETag).
INSERT OR REPLACE INTO OrleansQuery (QueryKey, QueryText) VALUES ('ReadFromStorageKey', '
SELECT payload AS payloadbinary, version
FROM orleans_storage
WHERE service_id = @ServiceId AND grain_type = @GrainTypeString
  AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1
  AND grain_key_ext = COALESCE(@GrainIdExtensionString, '''')');

-- Write: with an ETag, update only if the stored version still equals it; without one, insert version 1
-- only if no row exists. SQLite has no data-modifying CTE, so it is two statements of which at most one
-- returns a row (newgrainstateversion); no row at all is a conflict.
INSERT OR REPLACE INTO OrleansQuery (QueryKey, QueryText) VALUES ('WriteToStorageKey', '
UPDATE orleans_storage
SET payload = @PayloadBinary, version = version + 1, modified_at = CURRENT_TIMESTAMP
WHERE service_id = @ServiceId AND grain_type = @GrainTypeString
  AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1
  AND grain_key_ext = COALESCE(@GrainIdExtensionString, '''')
  AND @GrainStateVersion IS NOT NULL AND version = @GrainStateVersion
RETURNING version AS newgrainstateversion;
INSERT INTO orleans_storage (service_id, grain_type, grain_id_n0, grain_id_n1, grain_key_ext, version, payload, modified_at)
SELECT @ServiceId, @GrainTypeString, @GrainIdN0, @GrainIdN1, COALESCE(@GrainIdExtensionString, ''''), 1, @PayloadBinary, CURRENT_TIMESTAMP
WHERE @GrainStateVersion IS NULL
ON CONFLICT DO NOTHING
RETURNING version AS newgrainstateversion');

-- Clear: keep the row, drop the payload, bump the version; no row back is a conflict.
INSERT OR REPLACE INTO OrleansQuery (QueryKey, QueryText) VALUES ('ClearStorageKey', '
UPDATE orleans_storage
SET payload = NULL, version = version + 1, modified_at = CURRENT_TIMESTAMP
WHERE service_id = @ServiceId AND grain_type = @GrainTypeString
  AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1
  AND grain_key_ext = COALESCE(@GrainIdExtensionString, '''')
  AND version = @GrainStateVersion
RETURNING version');
