-- Messaging storage schema for SQLite, version 3: the move onto Orleans. Idempotent.
-- The name reservation grains' keys gain their kind as a prefix (Grains.Interfaces.NameKeys), so that no
-- key parses as a hexadecimal number; rows written before keep their reservations under the new keys.
UPDATE grain_state SET grain_key = 'username/' || grain_key
    WHERE grain_type = 'username.reservation' AND grain_key NOT LIKE 'username/%';

UPDATE grain_state SET grain_key = 'email/' || grain_key
    WHERE grain_type = 'email.reservation' AND grain_key NOT LIKE 'email/%';

-- Membership was kept by the project's former runtime; the embedded silo now uses Orleans' localhost
-- clustering, which keeps none.
DROP TABLE IF EXISTS silos;
