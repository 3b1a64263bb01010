-- kindly schema, version 7: sync through a folder. Every change to a record, made here while
-- this journal syncs, gets a version (a hybrid logical clock and this device's id) and waits
-- to be written to the folder; versions from other devices are applied when they are later.

CREATE TABLE sync_me (
    only      INTEGER PRIMARY KEY CHECK (only = 1),
    device    TEXT NOT NULL,              -- this journal's device id (a UUID)
    name      TEXT NOT NULL,              -- how the others see it (the host name)
    folder    TEXT NOT NULL,              -- where `sync init` or `sync join` found the folder
    identity  TEXT NOT NULL,              -- the folder's age secret key
    recipient TEXT NOT NULL,              -- its public half: change files are encrypted to it
    next_seq  INTEGER NOT NULL DEFAULT 1, -- the number of the next change file this device writes
    hlc       INTEGER NOT NULL DEFAULT 0, -- the hybrid logical clock: ms * 65536 + counter
    applying  INTEGER NOT NULL DEFAULT 0  -- 1 while another device's versions are applied
) STRICT;

CREATE TABLE sync_versions (
    kind      TEXT NOT NULL CHECK (kind IN ('checkin', 'thought', 'entry', 'break', 'session')),
    record_id TEXT NOT NULL,
    hlc       INTEGER NOT NULL,
    device    TEXT NOT NULL,              -- the device whose change this version is
    pending   INTEGER NOT NULL,           -- 1: changed here, not yet in the folder
    PRIMARY KEY (kind, record_id)
) STRICT;

CREATE INDEX sync_waiting ON sync_versions (pending) WHERE pending = 1;

CREATE TABLE sync_applied (
    file       TEXT PRIMARY KEY,          -- a change file, by its path in the folder
    applied_at TEXT NOT NULL
) STRICT;

CREATE TABLE sync_devices (
    device     TEXT PRIMARY KEY,
    name       TEXT NOT NULL,
    last_wrote TEXT NOT NULL,             -- when its newest change file read here was written
    files      INTEGER NOT NULL
) STRICT;

CREATE TRIGGER checkins_sync_insert AFTER INSERT ON checkins
    WHEN EXISTS (SELECT 1 FROM sync_me WHERE applying = 0)
BEGIN
    UPDATE sync_me SET hlc = MAX(CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER) * 65536, hlc + 1);
    INSERT INTO sync_versions (kind, record_id, hlc, device, pending)
        SELECT 'checkin', new.id, hlc, device, 1 FROM sync_me WHERE true
        ON CONFLICT (kind, record_id) DO UPDATE
            SET hlc = excluded.hlc, device = excluded.device, pending = 1;
END;

CREATE TRIGGER checkins_sync_update AFTER UPDATE ON checkins
    WHEN EXISTS (SELECT 1 FROM sync_me WHERE applying = 0)
BEGIN
    UPDATE sync_me SET hlc = MAX(CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER) * 65536, hlc + 1);
    INSERT INTO sync_versions (kind, record_id, hlc, device, pending)
        SELECT 'checkin', new.id, hlc, device, 1 FROM sync_me WHERE true
        ON CONFLICT (kind, record_id) DO UPDATE
            SET hlc = excluded.hlc, device = excluded.device, pending = 1;
END;

CREATE TRIGGER thoughts_sync_insert AFTER INSERT ON thoughts
    WHEN EXISTS (SELECT 1 FROM sync_me WHERE applying = 0)
BEGIN
    UPDATE sync_me SET hlc = MAX(CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER) * 65536, hlc + 1);
    INSERT INTO sync_versions (kind, record_id, hlc, device, pending)
        SELECT 'thought', new.id, hlc, device, 1 FROM sync_me WHERE true
        ON CONFLICT (kind, record_id) DO UPDATE
            SET hlc = excluded.hlc, device = excluded.device, pending = 1;
END;

CREATE TRIGGER thoughts_sync_update AFTER UPDATE ON thoughts
    WHEN EXISTS (SELECT 1 FROM sync_me WHERE applying = 0)
BEGIN
    UPDATE sync_me SET hlc = MAX(CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER) * 65536, hlc + 1);
    INSERT INTO sync_versions (kind, record_id, hlc, device, pending)
        SELECT 'thought', new.id, hlc, device, 1 FROM sync_me WHERE true
        ON CONFLICT (kind, record_id) DO UPDATE
            SET hlc = excluded.hlc, device = excluded.device, pending = 1;
END;

CREATE TRIGGER entries_sync_insert AFTER INSERT ON entries
    WHEN EXISTS (SELECT 1 FROM sync_me WHERE applying = 0)
BEGIN
    UPDATE sync_me SET hlc = MAX(CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER) * 65536, hlc + 1);
    INSERT INTO sync_versions (kind, record_id, hlc, device, pending)
        SELECT 'entry', new.id, hlc, device, 1 FROM sync_me WHERE true
        ON CONFLICT (kind, record_id) DO UPDATE
            SET hlc = excluded.hlc, device = excluded.device, pending = 1;
END;

CREATE TRIGGER entries_sync_update AFTER UPDATE ON entries
    WHEN EXISTS (SELECT 1 FROM sync_me WHERE applying = 0)
BEGIN
    UPDATE sync_me SET hlc = MAX(CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER) * 65536, hlc + 1);
    INSERT INTO sync_versions (kind, record_id, hlc, device, pending)
        SELECT 'entry', new.id, hlc, device, 1 FROM sync_me WHERE true
        ON CONFLICT (kind, record_id) DO UPDATE
            SET hlc = excluded.hlc, device = excluded.device, pending = 1;
END;

CREATE TRIGGER breaks_sync_insert AFTER INSERT ON breaks
    WHEN EXISTS (SELECT 1 FROM sync_me WHERE applying = 0)
BEGIN
    UPDATE sync_me SET hlc = MAX(CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER) * 65536, hlc + 1);
    INSERT INTO sync_versions (kind, record_id, hlc, device, pending)
        SELECT 'break', new.id, hlc, device, 1 FROM sync_me WHERE true
        ON CONFLICT (kind, record_id) DO UPDATE
            SET hlc = excluded.hlc, device = excluded.device, pending = 1;
END;

CREATE TRIGGER breaks_sync_update AFTER UPDATE ON breaks
    WHEN EXISTS (SELECT 1 FROM sync_me WHERE applying = 0)
BEGIN
    UPDATE sync_me SET hlc = MAX(CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER) * 65536, hlc + 1);
    INSERT INTO sync_versions (kind, record_id, hlc, device, pending)
        SELECT 'break', new.id, hlc, device, 1 FROM sync_me WHERE true
        ON CONFLICT (kind, record_id) DO UPDATE
            SET hlc = excluded.hlc, device = excluded.device, pending = 1;
END;
