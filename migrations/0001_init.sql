-- kindly schema, version 1: daily check-ins, their labels, and autosaved drafts.
-- Migrations are additive: never edit this file once released; add 0002_….sql instead.

-- Each check-in is one moment, many a day. Times keep the offset the person lived in.
CREATE TABLE checkins (
    id          TEXT PRIMARY KEY,                 -- UUID, stable across export/import
    at          TEXT NOT NULL,                    -- RFC 3339 with offset, as recorded
    at_utc      INTEGER NOT NULL,                 -- unix seconds, for ordering
    day         TEXT NOT NULL,                    -- YYYY-MM-DD, the local day it was lived
    mood        INTEGER NOT NULL CHECK (mood BETWEEN 1 AND 10),
    energy      INTEGER CHECK (energy BETWEEN 1 AND 10),
    kindness    INTEGER CHECK (kindness BETWEEN 1 AND 5),
    humanity    INTEGER CHECK (humanity BETWEEN 1 AND 5),
    mindfulness INTEGER CHECK (mindfulness BETWEEN 1 AND 5),
    note        TEXT,                             -- NULL when nothing was written
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    deleted_at  TEXT                              -- set when moved to the trash
) STRICT;

CREATE INDEX checkins_by_day ON checkins (day, at_utc);
CREATE INDEX checkins_by_time ON checkins (at_utc);

-- Emotions and gentle rituals named in a check-in, in the order given.
CREATE TABLE checkin_labels (
    checkin_id TEXT NOT NULL REFERENCES checkins (id) ON DELETE CASCADE,
    kind       TEXT NOT NULL CHECK (kind IN ('emotion', 'ritual')),
    name       TEXT NOT NULL CHECK (length(trim(name)) > 0),
    position   INTEGER NOT NULL,
    PRIMARY KEY (checkin_id, kind, name)
) STRICT;

CREATE INDEX checkin_labels_by_name ON checkin_labels (kind, name);

-- Work in progress, autosaved while typing, offered back on the next start.
CREATE TABLE drafts (
    slot       TEXT PRIMARY KEY,                  -- which form, e.g. 'checkin'
    body       TEXT NOT NULL,                     -- JSON of the form's fields
    updated_at TEXT NOT NULL
) STRICT;
