-- Messaging storage schema for PostgreSQL, version 3: the move onto Orleans. Idempotent.
-- The name reservation grains' keys gain their kind as a prefix (Grains.Interfaces.NameKeys), so that no
-- key parses as a hexadecimal number (Orleans' ADO.NET storage would store it as an integer key). The rows
-- of grain_state, the project's former state table, are renamed here and then moved into orleans_storage
-- through Orleans' own storage provider by the first silo that starts (LegacyGrainStateImport).
UPDATE grain_state SET grain_key = 'username/' || grain_key
    WHERE grain_type = 'username.reservation' AND grain_key NOT LIKE 'username/%';

UPDATE grain_state SET grain_key = 'email/' || grain_key
    WHERE grain_type = 'email.reservation' AND grain_key NOT LIKE 'email/%';

-- Membership was kept by the project's former runtime; Orleans keeps it in orleans_membership.
DROP TABLE IF EXISTS silos;
