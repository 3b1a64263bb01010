-- kindly schema, version 14: every version of a record that an import has written, so a
-- file older than the one last imported is known for older and never rolls a record back.

CREATE TABLE imported_earlier (
    record_id   TEXT NOT NULL,      -- the kindly id of the record
    fingerprint TEXT NOT NULL,      -- one version of it, as a file once gave it (a hash)
    PRIMARY KEY (record_id, fingerprint)
) STRICT, WITHOUT ROWID;

INSERT INTO imported_earlier (record_id, fingerprint)
    SELECT record_id, fingerprint FROM imported;
