-- kindly schema, version 8: "bring this to my session". A mark on a record, or a note
-- alone, kept until it has been talked about (then dated and out of the list). Removing a
-- mark sets deleted_at, so the removal travels through sync like any other change.

CREATE TABLE session_marks (
    id          TEXT PRIMARY KEY,
    record_kind TEXT CHECK (record_kind IN ('checkin', 'thought', 'entry', 'break')),
    record_id   TEXT,
    note        TEXT,                     -- the person's own line, if any
    added_at    TEXT NOT NULL,            -- RFC 3339 with offset
    added_utc   INTEGER NOT NULL,         -- unix seconds, for ordering
    done_at     TEXT,                     -- when it was talked about
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    deleted_at  TEXT,
    CHECK ((record_kind IS NULL) = (record_id IS NULL)),
    CHECK (record_id IS NOT NULL OR note IS NOT NULL)
) STRICT;

CREATE INDEX session_marks_waiting ON session_marks (done_at, added_utc);
CREATE INDEX session_marks_by_record ON session_marks (record_id);

CREATE TRIGGER session_marks_sync_insert AFTER INSERT ON session_marks
    WHEN EXISTS (SELECT 1 FROM sync_me WHERE applying = 0)
BEGIN
    UPDATE sync_me SET hlc = MAX(CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER) * 65536, hlc + 1);
    INSERT INTO sync_versions (kind, record_id, hlc, device, pending)
        SELECT 'session', new.id, hlc, device, 1 FROM sync_me WHERE true
        ON CONFLICT (kind, record_id) DO UPDATE
            SET hlc = excluded.hlc, device = excluded.device, pending = 1;
END;

CREATE TRIGGER session_marks_sync_update AFTER UPDATE ON session_marks
    WHEN EXISTS (SELECT 1 FROM sync_me WHERE applying = 0)
BEGIN
    UPDATE sync_me SET hlc = MAX(CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER) * 65536, hlc + 1);
    INSERT INTO sync_versions (kind, record_id, hlc, device, pending)
        SELECT 'session', new.id, hlc, device, 1 FROM sync_me WHERE true
        ON CONFLICT (kind, record_id) DO UPDATE
            SET hlc = excluded.hlc, device = excluded.device, pending = 1;
END;
