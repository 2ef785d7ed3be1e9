-- Messaging storage schema for PostgreSQL, version 2: the move onto Orleans.
--
-- Tables and query texts for Microsoft Orleans 10.4.2 ADO.NET providers on PostgreSQL 15:
--   * Microsoft.Orleans.Clustering.AdoNet  (membership table + gateway list)
--   * Microsoft.Orleans.Persistence.AdoNet (grain state)
-- used with Invariant = "Npgsql".
--
-- Written for this service from the contract the 10.4.2 assemblies implement
-- (which query keys they look up, which parameters they bind, which columns
-- they read). It is not a copy of the SQL scripts shipped in the Orleans
-- repository.
--
-- How the providers use this:
--   The providers do not contain SQL. At start-up each one runs
--     SELECT QueryKey, QueryText FROM OrleansQuery
--   (unquoted, so PostgreSQL resolves it to the table orleansquery, found
--   through the connection's search_path) and then executes the text it
--   finds under each key. Parameters are bound by name and written in the
--   query texts as @Name. Npgsql matches result columns by name
--   case-insensitively, so the lower-case aliases below (for example
--   "siloname") are read by the provider's "SiloName".
--
-- Runs after 001 (journal is not touched here; 003 retires grain_state and silos).
-- Safe to run again: tables are created only when missing, the view and
-- function are replaced, and every query text is upserted, so a re-run
-- refreshes the texts.
-- No statement controls transactions, so the schema runner may wrap the
-- whole file in one. Query texts and comments contain no semicolon, so
-- even a runner that splits the file on semicolons gets whole statements.


---------------------------------------------------------------------------
-- orleansquery: the lookup table the providers read their SQL from.
-- querykey is the name Orleans asks for (exact, case-sensitive),
-- querytext is the SQL it will run.
---------------------------------------------------------------------------
CREATE TABLE IF NOT EXISTS orleansquery
(
    querykey  varchar(64)   NOT NULL,
    querytext varchar(8000) NOT NULL,
    CONSTRAINT orleansquery_pkey PRIMARY KEY (querykey)
);


---------------------------------------------------------------------------
-- orleans_membership_version: one row per cluster (Orleans ClusterId,
-- bound as @DeploymentId). "version" is the optimistic-concurrency counter
-- of the whole membership table: every membership insert or update must
-- name the version it last read, and bumps it by one when it succeeds.
---------------------------------------------------------------------------
CREATE TABLE IF NOT EXISTS orleans_membership_version
(
    deployment_id text        NOT NULL,
    version       integer     NOT NULL DEFAULT 0,
    changed_at    timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT orleans_membership_version_pkey PRIMARY KEY (deployment_id)
);


---------------------------------------------------------------------------
-- orleans_membership: one row per silo incarnation
-- (address + silo port + generation) in a cluster.
--   status         Orleans SiloStatus as a number:
--                  1 Created, 2 Joining, 3 Active, 4 ShuttingDown,
--                  5 Stopping, 6 Dead
--   proxy_port     gateway port clients connect to (0 = no gateway)
--   suspect_times  votes against this silo, as Orleans formats them:
--                  "<silo>,<utc time>|<silo>,<utc time>..." (NULL or '' = none)
--   start_time, i_am_alive_time are UTC instants, hence timestamptz.
-- Deleting a cluster's version row removes its silo rows (ON DELETE CASCADE).
---------------------------------------------------------------------------
CREATE TABLE IF NOT EXISTS orleans_membership
(
    deployment_id   text        NOT NULL,
    address         varchar(45) NOT NULL,
    port            integer     NOT NULL,
    generation      integer     NOT NULL,
    silo_name       text        NOT NULL,
    host_name       text        NOT NULL,
    status          integer     NOT NULL,
    proxy_port      integer     NOT NULL DEFAULT 0,
    suspect_times   text        NULL,
    start_time      timestamptz NOT NULL,
    i_am_alive_time timestamptz NOT NULL,
    CONSTRAINT orleans_membership_pkey PRIMARY KEY (deployment_id, address, port, generation),
    CONSTRAINT orleans_membership_version_fkey FOREIGN KEY (deployment_id)
        REFERENCES orleans_membership_version (deployment_id) ON DELETE CASCADE
);


---------------------------------------------------------------------------
-- orleans_storage: grain state, one row per (service, grain type, grain id).
--   grain_id_n0, grain_id_n1  the numeric part of the grain id as Orleans
--                  splits it: a Guid key is its 16 bytes as two little-endian
--                  int64, an integer key is (0, key), a string key is (0, 0).
--   grain_key_ext  the string key of string-keyed grains, or the key
--                  extension of compound keys, '' when there is none (stored
--                  as '' rather than NULL so the primary key can use it).
--   version        the ETag Orleans hands back on every write. 1 on first
--                  write, +1 on every write or clear.
--   payload        the grain state: UTF-8 JSON bytes, as the application's
--                  System.Text.Json serializer wrote them (read them with
--                  convert_from(payload, 'UTF8'), or the view below). Kept
--                  as bytea rather than jsonb so that any state the
--                  serializer writes is stored as written (jsonb refuses the
--                  \u0000 escape and reorders keys). NULL means the state
--                  was cleared (the row keeps its version).
-- The primary key compares the full ids and type name, so hashes from the
-- provider are not stored (its hash picker has no effect on this table).
-- btree limit: service id + grain type + string key must stay under about
-- 2.7 kB per row.
---------------------------------------------------------------------------
CREATE TABLE IF NOT EXISTS orleans_storage
(
    service_id    text        NOT NULL,
    grain_type    text        NOT NULL,
    grain_id_n0   bigint      NOT NULL,
    grain_id_n1   bigint      NOT NULL,
    grain_key_ext text        NOT NULL DEFAULT '',
    version       integer     NOT NULL,
    payload       bytea       NULL,
    modified_at   timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT orleans_storage_pkey PRIMARY KEY (service_id, grain_type, grain_id_n0, grain_id_n1, grain_key_ext)
);


---------------------------------------------------------------------------
-- orleans_guid_key: rebuilds the Guid of a Guid-keyed grain from
-- grain_id_n0 / grain_id_n1 (inverse of the provider's split: bytes 0-3,
-- 4-5, 6-7 are little-endian groups, bytes 8-15 are taken in order).
-- Only for people reading the table, Orleans never calls it.
---------------------------------------------------------------------------
CREATE OR REPLACE FUNCTION orleans_guid_key(n0 bigint, n1 bigint)
    RETURNS uuid
    LANGUAGE sql
    IMMUTABLE STRICT PARALLEL SAFE
RETURN (
       lpad(to_hex(n0 & 4294967295), 8, '0')
    || lpad(to_hex((n0 >> 32) & 65535), 4, '0')
    || lpad(to_hex((n0 >> 48) & 65535), 4, '0')
    || lpad(to_hex(n1 & 255), 2, '0')
    || lpad(to_hex((n1 >> 8) & 255), 2, '0')
    || lpad(to_hex((n1 >> 16) & 255), 2, '0')
    || lpad(to_hex((n1 >> 24) & 255), 2, '0')
    || lpad(to_hex((n1 >> 32) & 255), 2, '0')
    || lpad(to_hex((n1 >> 40) & 255), 2, '0')
    || lpad(to_hex((n1 >> 48) & 255), 2, '0')
    || lpad(to_hex((n1 >> 56) & 255), 2, '0')
)::uuid;


---------------------------------------------------------------------------
-- orleans_storage_readable: the grain state table as a person would want to
-- read it. The key kind is not stored, so the key columns are a best guess:
--   string_key  the string key (or key extension), NULL when none
--   long_key    n1 when n0 = 0 and n1 <> 0 (integer-keyed grains)
--   guid_key    the rebuilt Guid when n0 <> 0 (Guid-keyed grains)
---------------------------------------------------------------------------
CREATE OR REPLACE VIEW orleans_storage_readable AS
SELECT service_id,
       grain_type,
       NULLIF(grain_key_ext, '')                                      AS string_key,
       CASE WHEN grain_id_n0 = 0 AND grain_id_n1 <> 0 THEN grain_id_n1 END AS long_key,
       CASE WHEN grain_id_n0 <> 0 THEN orleans_guid_key(grain_id_n0, grain_id_n1) END AS guid_key,
       version,
       convert_from(payload, 'UTF8') AS payload_json,
       modified_at
FROM orleans_storage;


---------------------------------------------------------------------------
-- Query texts.
---------------------------------------------------------------------------

INSERT INTO orleansquery (querykey, querytext) VALUES

-- Clustering: create the cluster's version row if it is missing.
-- Binds @DeploymentId. Must return one row with one column that converts
-- to a boolean: true when this call created the row.
('InsertMembershipVersionKey', $q$
WITH created AS (
    INSERT INTO orleans_membership_version (deployment_id, version, changed_at)
    VALUES (@DeploymentId, 0, now())
    ON CONFLICT (deployment_id) DO NOTHING
    RETURNING 1
)
SELECT EXISTS (SELECT 1 FROM created) AS created
$q$),

-- Clustering: the silo's periodic heartbeat. Binds @DeploymentId, @Address,
-- @Port, @Generation, @IAmAliveTime. Result is ignored. Does not touch the
-- table version (heartbeats are not versioned changes).
-- Note the key is spelled UpdateIAmAlivetimeKey (lower-case t) in 10.4.2.
('UpdateIAmAlivetimeKey', $q$
UPDATE orleans_membership
SET i_am_alive_time = @IAmAliveTime
WHERE deployment_id = @DeploymentId
  AND address = @Address
  AND port = @Port
  AND generation = @Generation
$q$),

-- Clustering: add a silo row, only if the table is still at the version
-- the silo read (@Version is the version read, not the next one) and the
-- row does not exist yet. On success the table version goes up by one.
-- Binds @DeploymentId, @Address, @Port, @Generation, @SiloName, @HostName,
-- @Status, @ProxyPort, @StartTime, @IAmAliveTime, @Version.
-- Returns one boolean: true when inserted, false on any conflict.
-- The version row is locked first (FOR UPDATE re-checks the version after
-- waiting for a concurrent writer), so check, insert and bump are atomic.
('InsertMembershipKey', $q$
WITH expected AS (
    SELECT deployment_id
    FROM orleans_membership_version
    WHERE deployment_id = @DeploymentId
      AND version = @Version
    FOR UPDATE
), inserted AS (
    INSERT INTO orleans_membership
        (deployment_id, address, port, generation, silo_name, host_name,
         status, proxy_port, suspect_times, start_time, i_am_alive_time)
    SELECT deployment_id, @Address, @Port, @Generation, @SiloName, @HostName,
           @Status, @ProxyPort, NULL, @StartTime, @IAmAliveTime
    FROM expected
    ON CONFLICT (deployment_id, address, port, generation) DO NOTHING
    RETURNING 1
), bumped AS (
    UPDATE orleans_membership_version
    SET version = version + 1, changed_at = now()
    WHERE deployment_id = @DeploymentId
      AND EXISTS (SELECT 1 FROM inserted)
    RETURNING 1
)
SELECT EXISTS (SELECT 1 FROM bumped) AS inserted
$q$),

-- Clustering: change a silo's status, suspicion votes and alive time, under
-- the same table-version rule as the insert. Binds @DeploymentId, @Address,
-- @Port, @Generation, @Status, @SuspectTimes, @IAmAliveTime, @Version.
-- Returns one boolean: true when updated, false on a version conflict or a
-- missing row.
('UpdateMembershipKey', $q$
WITH expected AS (
    SELECT deployment_id
    FROM orleans_membership_version
    WHERE deployment_id = @DeploymentId
      AND version = @Version
    FOR UPDATE
), updated AS (
    UPDATE orleans_membership m
    SET status = @Status,
        suspect_times = @SuspectTimes,
        i_am_alive_time = @IAmAliveTime
    FROM expected e
    WHERE m.deployment_id = e.deployment_id
      AND m.address = @Address
      AND m.port = @Port
      AND m.generation = @Generation
    RETURNING 1
), bumped AS (
    UPDATE orleans_membership_version
    SET version = version + 1, changed_at = now()
    WHERE deployment_id = @DeploymentId
      AND EXISTS (SELECT 1 FROM updated)
    RETURNING 1
)
SELECT EXISTS (SELECT 1 FROM bumped) AS updated
$q$),

-- Clustering: one silo's row plus the table version. Binds @DeploymentId,
-- @Address, @Port, @Generation. Orleans needs at least one row (it takes
-- the version from the first row), so the version row is the driving table
-- and the silo columns are NULL when the silo has no row (NULL starttime
-- means "no member" to the provider). Columns read: version, address,
-- port, generation, siloname, hostname, status, proxyport, suspecttimes,
-- starttime, iamalivetime.
('MembershipReadRowKey', $q$
SELECT v.version,
       m.address,
       m.port,
       m.generation,
       m.silo_name       AS siloname,
       m.host_name       AS hostname,
       m.status,
       m.proxy_port      AS proxyport,
       m.suspect_times   AS suspecttimes,
       m.start_time      AS starttime,
       m.i_am_alive_time AS iamalivetime
FROM orleans_membership_version v
LEFT JOIN orleans_membership m
       ON m.deployment_id = v.deployment_id
      AND m.address = @Address
      AND m.port = @Port
      AND m.generation = @Generation
WHERE v.deployment_id = @DeploymentId
$q$),

-- Clustering: every silo row of the cluster plus the table version, same
-- columns and same "at least one row" rule as MembershipReadRowKey.
-- Binds @DeploymentId.
('MembershipReadAllKey', $q$
SELECT v.version,
       m.address,
       m.port,
       m.generation,
       m.silo_name       AS siloname,
       m.host_name       AS hostname,
       m.status,
       m.proxy_port      AS proxyport,
       m.suspect_times   AS suspecttimes,
       m.start_time      AS starttime,
       m.i_am_alive_time AS iamalivetime
FROM orleans_membership_version v
LEFT JOIN orleans_membership m
       ON m.deployment_id = v.deployment_id
WHERE v.deployment_id = @DeploymentId
$q$),

-- Clustering (clients): gateways to connect to. Binds @DeploymentId and
-- @Status (always 3 = Active). Columns read: address, proxyport, generation.
('GatewaysQueryKey', $q$
SELECT address,
       proxy_port AS proxyport,
       generation
FROM orleans_membership
WHERE deployment_id = @DeploymentId
  AND status = @Status
  AND proxy_port > 0
$q$),

-- Clustering: forget a whole cluster (used by tooling and tests).
-- Binds @DeploymentId. Silo rows go with the version row via the cascade.
('DeleteMembershipTableEntriesKey', $q$
DELETE FROM orleans_membership_version
WHERE deployment_id = @DeploymentId
$q$),

-- Clustering: required bulk clean-up of old dead silos. Binds @DeploymentId
-- and @IAmAliveTime (the cut-off instant). Removes rows that are Dead (6)
-- and whose start and last heartbeat are both older than the cut-off.
-- 10.4.2 only runs this when CleanupDefunctSiloEntryKey below is absent.
('CleanupDefunctSiloEntriesKey', $q$
DELETE FROM orleans_membership
WHERE deployment_id = @DeploymentId
  AND status = 6
  AND start_time < @IAmAliveTime
  AND i_am_alive_time < @IAmAliveTime
$q$),

-- Clustering: optional per-row clean-up, preferred by 10.4.2 when present.
-- Orleans reads all rows, picks dead silos whose times (and every vote) are
-- older than the cut-off, then deletes each one with this text, passing the
-- values it saw: @DeploymentId, @Address, @Port, @Generation, @StartTime,
-- @IAmAliveTime, @SuspectTimes. The row goes only if it is still Dead and
-- unchanged since it was read. NULL and '' votes count as the same (Orleans
-- sends NULL for a row stored with '').
('CleanupDefunctSiloEntryKey', $q$
DELETE FROM orleans_membership
WHERE deployment_id = @DeploymentId
  AND address = @Address
  AND port = @Port
  AND generation = @Generation
  AND status = 6
  AND start_time = @StartTime
  AND i_am_alive_time = @IAmAliveTime
  AND COALESCE(suspect_times, '') = COALESCE(@SuspectTimes, '')
$q$),

-- Storage: read one grain's state. Binds @ServiceId, @GrainTypeString,
-- @GrainIdN0, @GrainIdN1, @GrainIdExtensionString (NULL when the id has
-- no string part), plus @GrainIdHash and @GrainTypeHash which are not
-- needed here. Returns zero or one row with payloadbinary (bytes, NULL
-- when cleared) and version (becomes the grain's ETag).
('ReadFromStorageKey', $q$
SELECT payload AS payloadbinary,
       version
FROM orleans_storage
WHERE service_id = @ServiceId
  AND grain_type = @GrainTypeString
  AND grain_id_n0 = @GrainIdN0
  AND grain_id_n1 = @GrainIdN1
  AND grain_key_ext = COALESCE(@GrainIdExtensionString, '')
$q$),

-- Storage: write one grain's state. Same id parameters as the read, plus
-- @GrainStateVersion (the grain's ETag, NULL when it believes no row
-- exists) and @PayloadBinary (UTF-8 JSON bytes).
--   ETag given: update only if the stored version still equals it.
--   No ETag:    insert version 1 only if no row exists yet.
-- Returns one row with newgrainstateversion on success and no row on a
-- conflict. The provider turns "no row" (or the same version back) into
-- InconsistentStateException.
('WriteToStorageKey', $q$
WITH updated AS (
    UPDATE orleans_storage
    SET payload = @PayloadBinary,
        version = version + 1,
        modified_at = now()
    WHERE service_id = @ServiceId
      AND grain_type = @GrainTypeString
      AND grain_id_n0 = @GrainIdN0
      AND grain_id_n1 = @GrainIdN1
      AND grain_key_ext = COALESCE(@GrainIdExtensionString, '')
      AND version = @GrainStateVersion
    RETURNING version
), inserted AS (
    INSERT INTO orleans_storage
        (service_id, grain_type, grain_id_n0, grain_id_n1, grain_key_ext,
         version, payload, modified_at)
    SELECT @ServiceId, @GrainTypeString, @GrainIdN0, @GrainIdN1,
           COALESCE(@GrainIdExtensionString, ''),
           1, @PayloadBinary, now()
    WHERE @GrainStateVersion IS NULL
    ON CONFLICT (service_id, grain_type, grain_id_n0, grain_id_n1, grain_key_ext) DO NOTHING
    RETURNING version
)
SELECT version AS newgrainstateversion FROM updated
UNION ALL
SELECT version FROM inserted
$q$),

-- Storage: clear one grain's state (the default, DeleteStateOnClear =
-- false). Keeps the row, drops the payload and bumps the version, so the
-- ETag chain continues. Same parameters as the write without the payload.
-- Returns the new version in the first column, or no row on a conflict.
('ClearStorageKey', $q$
UPDATE orleans_storage
SET payload = NULL,
    version = version + 1,
    modified_at = now()
WHERE service_id = @ServiceId
  AND grain_type = @GrainTypeString
  AND grain_id_n0 = @GrainIdN0
  AND grain_id_n1 = @GrainIdN1
  AND grain_key_ext = COALESCE(@GrainIdExtensionString, '')
  AND version = @GrainStateVersion
RETURNING version
$q$),

-- Storage: optional, used instead of ClearStorageKey when the storage
-- options set DeleteStateOnClear = true. Deletes the row if the version
-- still matches. Must return a non-empty value that differs from the ETag
-- (version + 1), or no row on a conflict.
('DeleteStorageKey', $q$
DELETE FROM orleans_storage
WHERE service_id = @ServiceId
  AND grain_type = @GrainTypeString
  AND grain_id_n0 = @GrainIdN0
  AND grain_id_n1 = @GrainIdN1
  AND grain_key_ext = COALESCE(@GrainIdExtensionString, '')
  AND version = @GrainStateVersion
RETURNING version + 1
$q$)

ON CONFLICT (querykey) DO UPDATE SET querytext = EXCLUDED.querytext;
