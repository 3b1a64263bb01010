-- kindly schema, version 15: the person's own measures beside mood (sleep, medication,
-- anxiety, pain), and their values, per check-in or per day.

-- A measure keeps its id for life, so renaming it keeps its history; hiding it keeps its
-- values. Nothing here is ever deleted by kindly.
CREATE TABLE measures (
    id         TEXT PRIMARY KEY,                  -- UUID, stable across export/import/sync
    name       TEXT NOT NULL CHECK (length(trim(name)) > 0),
    kind       TEXT NOT NULL CHECK (kind IN ('scale', 'number', 'yesno', 'count')),
    min        INTEGER,                           -- a scale's range; optional bounds otherwise
    max        INTEGER,
    unit       TEXT,                              -- numbers and counts: "hours", "mg"
    decimals   INTEGER NOT NULL DEFAULT 0 CHECK (decimals BETWEEN 0 AND 6),
    per        TEXT NOT NULL DEFAULT 'checkin' CHECK (per IN ('day', 'checkin')),
    hidden     INTEGER NOT NULL DEFAULT 0 CHECK (hidden IN (0, 1)),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
) STRICT;

CREATE UNIQUE INDEX measures_by_name ON measures (name COLLATE NOCASE);

-- Values given with one check-in (yes is 1, no is 0); they go with it to the trash. A value
-- may come (from another computer, a file) before its measure does, so measure_id is not
-- a foreign key: the value waits, kept, for its definition.
CREATE TABLE checkin_measures (
    checkin_id TEXT NOT NULL REFERENCES checkins (id) ON DELETE CASCADE,
    measure_id TEXT NOT NULL,
    value      REAL NOT NULL,
    position   INTEGER NOT NULL,                  -- the order given
    PRIMARY KEY (checkin_id, measure_id)
) STRICT, WITHOUT ROWID;

CREATE INDEX checkin_measures_by_measure ON checkin_measures (measure_id);

-- The one value of a day for a measure kept per day (a night's sleep), with or without
-- a check-in that day.
CREATE TABLE day_measures (
    measure_id TEXT NOT NULL,
    day        TEXT NOT NULL,                     -- YYYY-MM-DD, the local day it was lived
    value      REAL NOT NULL,
    at         TEXT NOT NULL,                     -- RFC 3339 with offset, when it was given
    updated_at TEXT NOT NULL,
    PRIMARY KEY (measure_id, day)
) STRICT, WITHOUT ROWID;

CREATE INDEX day_measures_by_day ON day_measures (day);
