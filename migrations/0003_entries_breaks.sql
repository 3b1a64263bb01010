-- kindly schema, version 3: journal entries and letters, self-compassion breaks,
-- and a small key/value table for app state (such as when a letter was last offered).

CREATE TABLE entries (
    id         TEXT PRIMARY KEY,                  -- UUID
    at         TEXT NOT NULL,                     -- RFC 3339 with offset
    at_utc     INTEGER NOT NULL,
    day        TEXT NOT NULL,                     -- YYYY-MM-DD, the local day
    kind       TEXT NOT NULL CHECK (kind IN ('journal', 'letter')),
    title      TEXT,
    body       TEXT NOT NULL CHECK (length(trim(body)) > 0),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT
) STRICT;

CREATE INDEX entries_by_time ON entries (at_utc);
CREATE INDEX entries_by_kind ON entries (kind, at_utc);

CREATE TABLE entry_tags (
    entry_id TEXT NOT NULL REFERENCES entries (id) ON DELETE CASCADE,
    name     TEXT NOT NULL CHECK (length(trim(name)) > 0),
    position INTEGER NOT NULL,
    PRIMARY KEY (entry_id, name)
) STRICT;

-- The one-minute self-compassion break: mood before and after, a line per step.
CREATE TABLE breaks (
    id          TEXT PRIMARY KEY,
    at          TEXT NOT NULL,
    at_utc      INTEGER NOT NULL,
    day         TEXT NOT NULL,
    mood_before INTEGER NOT NULL CHECK (mood_before BETWEEN 1 AND 10),
    mood_after  INTEGER CHECK (mood_after BETWEEN 1 AND 10),
    moment      TEXT,                             -- step 1: naming the painful moment
    shared      TEXT,                             -- step 2: struggle is shared
    wish        TEXT,                             -- step 3: a kind wish
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    deleted_at  TEXT
) STRICT;

CREATE INDEX breaks_by_time ON breaks (at_utc);

CREATE TABLE app_state (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;
