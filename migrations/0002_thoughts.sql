-- kindly schema, version 2: the inner-critic reframing log (thought records).

CREATE TABLE thoughts (
    id           TEXT PRIMARY KEY,                -- UUID
    at           TEXT NOT NULL,                   -- RFC 3339 with offset
    at_utc       INTEGER NOT NULL,                -- unix seconds, for ordering
    day          TEXT NOT NULL,                   -- YYYY-MM-DD, the local day
    situation    TEXT,
    thought      TEXT NOT NULL CHECK (length(trim(thought)) > 0),  -- word for word
    voice        TEXT,                            -- whose voice it sounds like
    belief       INTEGER CHECK (belief BETWEEN 0 AND 100),
    belief_after INTEGER CHECK (belief_after BETWEEN 0 AND 100),
    friend       TEXT,                            -- what you'd say to a friend
    reframe      TEXT,                            -- the compassionate answer
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    deleted_at   TEXT                             -- set when moved to the trash
) STRICT;

CREATE INDEX thoughts_by_time ON thoughts (at_utc);
CREATE INDEX thoughts_by_day ON thoughts (day);

-- Emotions felt with the thought, rated 0-100 before and after reframing.
CREATE TABLE thought_emotions (
    thought_id      TEXT NOT NULL REFERENCES thoughts (id) ON DELETE CASCADE,
    name            TEXT NOT NULL CHECK (length(trim(name)) > 0),
    intensity       INTEGER CHECK (intensity BETWEEN 0 AND 100),
    intensity_after INTEGER CHECK (intensity_after BETWEEN 0 AND 100),
    position        INTEGER NOT NULL,
    PRIMARY KEY (thought_id, name)
) STRICT;

-- Thinking-trap labels picked for the thought (built-in names or the user's own).
CREATE TABLE thought_distortions (
    thought_id TEXT NOT NULL REFERENCES thoughts (id) ON DELETE CASCADE,
    name       TEXT NOT NULL CHECK (length(trim(name)) > 0),
    position   INTEGER NOT NULL,
    PRIMARY KEY (thought_id, name)
) STRICT;

CREATE INDEX thought_distortions_by_name ON thought_distortions (name);
