-- kindly schema, version 13: drafts belong to a window. Every running kindly (a window)
-- keeps its own drafts, so two windows on one journal never write over each other's
-- unsaved words; a window's drafts wait for the next window only once it has ended.
-- Drafts from before windows had ids belong to none ('') and wait to be taken up.
CREATE TABLE window_drafts (
    window     TEXT NOT NULL,                     -- the window that wrote it
    slot       TEXT NOT NULL,                     -- which form, e.g. 'checkin'
    body       TEXT NOT NULL,                     -- JSON of the form's fields
    updated_at TEXT NOT NULL,
    PRIMARY KEY (window, slot)
) STRICT;

INSERT INTO window_drafts (window, slot, body, updated_at)
    SELECT '', slot, body, updated_at FROM drafts;

DROP TABLE drafts;

ALTER TABLE window_drafts RENAME TO drafts;
