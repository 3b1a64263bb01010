-- kindly schema, version 11: a thought record's evidence for and against (version 9) is
-- found by search too, like every other text it holds.

DROP TRIGGER thoughts_search_insert;
DROP TRIGGER thoughts_search_update;

CREATE TRIGGER thoughts_search_insert AFTER INSERT ON thoughts BEGIN
    INSERT INTO search_refs (kind, ref) SELECT 'thought', new.id
        WHERE NOT EXISTS (SELECT 1 FROM search_refs WHERE kind = 'thought' AND ref = new.id);
    INSERT INTO search (rowid, body)
        SELECT rowid, concat_ws(char(10), new.situation, new.thought, new.voice, new.friend,
                                new.evidence_for, new.evidence_against, new.reframe)
          FROM search_refs WHERE kind = 'thought' AND ref = new.id;
END;
CREATE TRIGGER thoughts_search_update AFTER UPDATE OF situation, thought, voice, friend,
    evidence_for, evidence_against, reframe ON thoughts BEGIN
    DELETE FROM search WHERE rowid = (SELECT rowid FROM search_refs WHERE kind = 'thought' AND ref = old.id);
    INSERT INTO search_refs (kind, ref) SELECT 'thought', new.id
        WHERE NOT EXISTS (SELECT 1 FROM search_refs WHERE kind = 'thought' AND ref = new.id);
    INSERT INTO search (rowid, body)
        SELECT rowid, concat_ws(char(10), new.situation, new.thought, new.voice, new.friend,
                                new.evidence_for, new.evidence_against, new.reframe)
          FROM search_refs WHERE kind = 'thought' AND ref = new.id;
END;

-- Index again what was written before this version.
DELETE FROM search WHERE rowid IN (SELECT rowid FROM search_refs WHERE kind = 'thought');
INSERT INTO search (rowid, body)
    SELECT r.rowid, concat_ws(char(10), t.situation, t.thought, t.voice, t.friend,
                              t.evidence_for, t.evidence_against, t.reframe)
      FROM search_refs r JOIN thoughts t ON r.kind = 'thought' AND t.id = r.ref;
