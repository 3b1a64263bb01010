-- kindly schema, version 9: the steps the practice asks for, letters with a starting
-- point, and the deck of the person's own kind words.

-- "Is this thought helping or hurting me?", and the two columns of a classic thought record.
ALTER TABLE thoughts ADD COLUMN helps TEXT
    CHECK (helps IN ('helping', 'hurting', 'both', 'unsure'));
ALTER TABLE thoughts ADD COLUMN evidence_for TEXT;
ALTER TABLE thoughts ADD COLUMN evidence_against TEXT;

-- The prompt a letter was written from (never part of its body), and the lines of a letter
-- or page the person chose for their deck of kind words (a JSON array of strings).
ALTER TABLE entries ADD COLUMN prompt TEXT;
ALTER TABLE entries ADD COLUMN kept_lines TEXT NOT NULL DEFAULT '[]'
    CHECK (json_valid(kept_lines) AND json_type(kept_lines) = 'array');

-- Lines taken out of the deck, by their text: a kind line removed stays removed wherever it
-- comes from. This stays on this device.
CREATE TABLE deck_removed (
    line       TEXT PRIMARY KEY,
    removed_at TEXT NOT NULL
) STRICT;
