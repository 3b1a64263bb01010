-- kindly schema, version 4: full-text search over check-in notes, thought records and
-- journal entries, kept in step by triggers, and filled here from the rows that exist.
--
-- search_refs gives each searchable record a stable integer, which is the rowid of its
-- row in the FTS5 table (the records' own keys are UUID text). Triggers avoid OR IGNORE:
-- an upsert's own conflict clause would override it inside the trigger.

CREATE TABLE search_refs (
    rowid INTEGER PRIMARY KEY,
    kind  TEXT NOT NULL CHECK (kind IN ('checkin', 'thought', 'entry')),
    ref   TEXT NOT NULL,
    UNIQUE (kind, ref)
) STRICT;

CREATE VIRTUAL TABLE search USING fts5(body, tokenize = 'unicode61 remove_diacritics 2');

-- Check-ins: the note.
CREATE TRIGGER checkins_search_insert AFTER INSERT ON checkins BEGIN
    INSERT INTO search_refs (kind, ref) SELECT 'checkin', new.id
        WHERE NOT EXISTS (SELECT 1 FROM search_refs WHERE kind = 'checkin' AND ref = new.id);
    INSERT INTO search (rowid, body)
        SELECT rowid, new.note FROM search_refs
         WHERE kind = 'checkin' AND ref = new.id AND new.note IS NOT NULL;
END;
CREATE TRIGGER checkins_search_update AFTER UPDATE OF note ON checkins BEGIN
    DELETE FROM search WHERE rowid = (SELECT rowid FROM search_refs WHERE kind = 'checkin' AND ref = old.id);
    INSERT INTO search_refs (kind, ref) SELECT 'checkin', new.id
        WHERE NOT EXISTS (SELECT 1 FROM search_refs WHERE kind = 'checkin' AND ref = new.id);
    INSERT INTO search (rowid, body)
        SELECT rowid, new.note FROM search_refs
         WHERE kind = 'checkin' AND ref = new.id AND new.note IS NOT NULL;
END;
CREATE TRIGGER checkins_search_delete AFTER DELETE ON checkins BEGIN
    DELETE FROM search WHERE rowid = (SELECT rowid FROM search_refs WHERE kind = 'checkin' AND ref = old.id);
    DELETE FROM search_refs WHERE kind = 'checkin' AND ref = old.id;
END;

-- Thought records: every text field.
CREATE TRIGGER thoughts_search_insert AFTER INSERT ON thoughts BEGIN
    INSERT INTO search_refs (kind, ref) SELECT 'thought', new.id
        WHERE NOT EXISTS (SELECT 1 FROM search_refs WHERE kind = 'thought' AND ref = new.id);
    INSERT INTO search (rowid, body)
        SELECT rowid, concat_ws(char(10), new.situation, new.thought, new.voice, new.friend, new.reframe)
          FROM search_refs WHERE kind = 'thought' AND ref = new.id;
END;
CREATE TRIGGER thoughts_search_update AFTER UPDATE OF situation, thought, voice, friend, reframe ON thoughts BEGIN
    DELETE FROM search WHERE rowid = (SELECT rowid FROM search_refs WHERE kind = 'thought' AND ref = old.id);
    INSERT INTO search_refs (kind, ref) SELECT 'thought', new.id
        WHERE NOT EXISTS (SELECT 1 FROM search_refs WHERE kind = 'thought' AND ref = new.id);
    INSERT INTO search (rowid, body)
        SELECT rowid, concat_ws(char(10), new.situation, new.thought, new.voice, new.friend, new.reframe)
          FROM search_refs WHERE kind = 'thought' AND ref = new.id;
END;
CREATE TRIGGER thoughts_search_delete AFTER DELETE ON thoughts BEGIN
    DELETE FROM search WHERE rowid = (SELECT rowid FROM search_refs WHERE kind = 'thought' AND ref = old.id);
    DELETE FROM search_refs WHERE kind = 'thought' AND ref = old.id;
END;

-- Journal entries and letters: title and body.
CREATE TRIGGER entries_search_insert AFTER INSERT ON entries BEGIN
    INSERT INTO search_refs (kind, ref) SELECT 'entry', new.id
        WHERE NOT EXISTS (SELECT 1 FROM search_refs WHERE kind = 'entry' AND ref = new.id);
    INSERT INTO search (rowid, body)
        SELECT rowid, concat_ws(char(10), new.title, new.body)
          FROM search_refs WHERE kind = 'entry' AND ref = new.id;
END;
CREATE TRIGGER entries_search_update AFTER UPDATE OF title, body ON entries BEGIN
    DELETE FROM search WHERE rowid = (SELECT rowid FROM search_refs WHERE kind = 'entry' AND ref = old.id);
    INSERT INTO search_refs (kind, ref) SELECT 'entry', new.id
        WHERE NOT EXISTS (SELECT 1 FROM search_refs WHERE kind = 'entry' AND ref = new.id);
    INSERT INTO search (rowid, body)
        SELECT rowid, concat_ws(char(10), new.title, new.body)
          FROM search_refs WHERE kind = 'entry' AND ref = new.id;
END;
CREATE TRIGGER entries_search_delete AFTER DELETE ON entries BEGIN
    DELETE FROM search WHERE rowid = (SELECT rowid FROM search_refs WHERE kind = 'entry' AND ref = old.id);
    DELETE FROM search_refs WHERE kind = 'entry' AND ref = old.id;
END;

-- Index what was written before this version.
INSERT INTO search_refs (kind, ref) SELECT 'checkin', id FROM checkins;
INSERT INTO search_refs (kind, ref) SELECT 'thought', id FROM thoughts;
INSERT INTO search_refs (kind, ref) SELECT 'entry', id FROM entries;
INSERT INTO search (rowid, body)
    SELECT r.rowid, c.note FROM search_refs r JOIN checkins c ON r.kind = 'checkin' AND c.id = r.ref
     WHERE c.note IS NOT NULL;
INSERT INTO search (rowid, body)
    SELECT r.rowid, concat_ws(char(10), t.situation, t.thought, t.voice, t.friend, t.reframe)
      FROM search_refs r JOIN thoughts t ON r.kind = 'thought' AND t.id = r.ref;
INSERT INTO search (rowid, body)
    SELECT r.rowid, concat_ws(char(10), e.title, e.body)
      FROM search_refs r JOIN entries e ON r.kind = 'entry' AND e.id = r.ref;
