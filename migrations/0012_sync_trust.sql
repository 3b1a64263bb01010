-- kindly schema, version 12: sync you can trust. Each field of a record carries its own
-- clock, and what was last agreed with the folder is kept, so an edit made here merges with
-- another computer's edit of the same record instead of replacing it; each record's digest
-- lets two computers find what one of them lacks, so a damaged or deleted file heals.

ALTER TABLE sync_versions ADD COLUMN stamps TEXT NOT NULL DEFAULT '{}'; -- field -> its clock (JSON)
ALTER TABLE sync_versions ADD COLUMN agreed TEXT;    -- the record as last sent or received (JSON)
ALTER TABLE sync_versions ADD COLUMN bucket INTEGER; -- which of 256 digest buckets it is in
ALTER TABLE sync_versions ADD COLUMN digest INTEGER; -- a digest of the agreed record
ALTER TABLE sync_versions ADD COLUMN sent_in INTEGER; -- the number of this computer's change file that last carried it

-- The state of another computer's journal that this one last sent what it lacked to, so
-- each state is answered once.
CREATE TABLE sync_healed (
    device TEXT PRIMARY KEY,
    state  TEXT NOT NULL
) STRICT;

-- Files in the folder that couldn't be opened: still being copied, damaged, or not written
-- by a computer holding the sync passphrase. Kept to tell "still arriving" from "damaged".
CREATE TABLE sync_troubled (
    file    TEXT PRIMARY KEY,
    size    INTEGER NOT NULL,
    times   INTEGER NOT NULL,     -- how many exchanges found it the same size and unopened
    reason  TEXT NOT NULL
) STRICT;

-- A line to say once (a copied or restored journal that took a new device id).
ALTER TABLE sync_me ADD COLUMN notice TEXT;

-- A clock pushed far ahead by a file (before clocks were bounded) comes back to now.
UPDATE sync_me
   SET hlc = CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER) * 65536
 WHERE hlc > CAST((julianday('now') - 2440587.5 + 1) * 86400000 AS INTEGER) * 65536;
UPDATE sync_versions
   SET hlc = CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER) * 65536
 WHERE hlc > CAST((julianday('now') - 2440587.5 + 1) * 86400000 AS INTEGER) * 65536;
