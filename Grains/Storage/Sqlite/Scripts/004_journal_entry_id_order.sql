-- Messaging storage schema for SQLite, version 4: journal entry ids in RFC 9562 byte order.
-- Entry ids were stored as .NET's Guid.ToByteArray() writes them (the first three fields little-endian),
-- in which the version-7 ids the conversation grain creates do not increase with time, so every append
-- landed on a random leaf of the (stream, entry_id) index. In RFC order they increase, and appends go
-- to the end of the index, as on PostgreSQL, whose uuid type sorts that way. Rewrites every row once.
UPDATE journal SET entry_id = unhex(
    substr(hex(entry_id), 7, 2) || substr(hex(entry_id), 5, 2) || substr(hex(entry_id), 3, 2) || substr(hex(entry_id), 1, 2)
    || substr(hex(entry_id), 11, 2) || substr(hex(entry_id), 9, 2)
    || substr(hex(entry_id), 15, 2) || substr(hex(entry_id), 13, 2)
    || substr(hex(entry_id), 17, 16));
