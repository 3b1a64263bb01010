-- kindly schema, version 6: where imported records came from, so importing a file again
-- can tell a change in the file from an edit made in kindly (which is never overwritten).

CREATE TABLE imported (
    record_id   TEXT PRIMARY KEY,   -- the kindly id of a check-in, thought, entry or break
    fingerprint TEXT NOT NULL,      -- the record as the file last gave it (a hash)
    imported_at TEXT NOT NULL
) STRICT;
