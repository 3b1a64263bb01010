-- kindly schema, version 10: pages, letters and breaks found by their day, as check-ins
-- and thought records already are (a day's look back, an export from a date).
CREATE INDEX entries_by_day ON entries (day);
CREATE INDEX breaks_by_day ON breaks (day);

-- The few pages and letters with lines kept for the deck of kind words, found without
-- reading every page (the kept lines sit after the text, so a scan reads every text).
CREATE INDEX entries_keeping ON entries (deleted_at) WHERE kept_lines != '[]';
