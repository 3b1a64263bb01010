-- kindly schema, version 5: a covering index for the trends, so ten years of day moods,
-- self-compassion parts and ritual links are read without touching the notes.
CREATE INDEX checkins_for_trends
    ON checkins (day, mood, kindness, humanity, mindfulness, id, deleted_at)
    WHERE deleted_at IS NULL;
