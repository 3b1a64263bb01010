//! Full-text search over notes, thought records and journal entries (SQLite FTS5).
//!
//! People type searches the way they would into any search box, so the words are turned
//! into a safe FTS5 query first: `"a phrase"`, `word*` for a prefix, `-word` or `NOT word`
//! to leave something out, and `OR` between alternatives. Anything else is a plain word.

use chrono::{DateTime, FixedOffset, NaiveDate};
use uuid::Uuid;

use super::{RecordKind, Result, Store, StoreError};
use crate::domain::InvalidInput;

/// Marks around a matched word in a snippet.
pub const MATCH_START: char = '\u{1}';
pub const MATCH_END: char = '\u{2}';

/// One record that matched, with a few words around the match.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub kind: RecordKind,
    pub id: Uuid,
    pub at: DateTime<FixedOffset>,
    /// Text around the match, matched words between `MATCH_START` and `MATCH_END`.
    pub snippet: String,
}

impl Found {
    /// The snippet split into (text, matched) runs, for highlighting.
    pub fn runs(&self) -> Vec<(String, bool)> {
        let mut out = Vec::new();
        let mut current = String::new();
        let mut matched = false;
        // Between a record's fields (the situation, then the thought) and between lines: a
        // quiet mark, so they don't run together on one line.
        let mut line_ended = false;
        let mut said = false;
        for c in self.snippet.chars() {
            match c {
                MATCH_START | MATCH_END => {
                    if !current.is_empty() {
                        out.push((std::mem::take(&mut current), matched));
                    }
                    matched = c == MATCH_START;
                }
                '\n' => line_ended = true,
                '\r' | '\t' => current.push(' '),
                c => {
                    if line_ended && said && !c.is_whitespace() {
                        if !current.is_empty() {
                            out.push((std::mem::take(&mut current), matched));
                        }
                        out.push((" · ".to_string(), false));
                    }
                    if !c.is_whitespace() {
                        line_ended = false;
                        said = true;
                    }
                    current.push(c);
                }
            }
        }
        if !current.is_empty() {
            out.push((current, matched));
        }
        out
    }
}

/// A record's kind as the search queries name it ('checkin', 'thought', 'entry').
pub(super) fn kind_of(kind: &str) -> RecordKind {
    match kind {
        "checkin" => RecordKind::CheckIn,
        "thought" => RecordKind::Thought,
        _ => RecordKind::Entry,
    }
}

/// Why a search could not be run: always something about the words typed.
pub type SearchError = InvalidInput;

fn problem(text: impl Into<String>) -> SearchError {
    InvalidInput::new("search", text)
}

fn quoted(word: &str) -> String {
    format!("\"{}\"", word.replace('"', "\"\""))
}

/// Turns what a person typed into an FTS5 query that cannot fail to parse.
pub fn fts_query(typed: &str) -> std::result::Result<String, SearchError> {
    let mut positives: Vec<String> = Vec::new();
    let mut negatives: Vec<String> = Vec::new();
    let mut pending_or = false;
    let mut pending_not = false;
    let mut chars = typed.chars().peekable();
    while let Some(&c) = chars.peek() {
        if c.is_whitespace() {
            chars.next();
            continue;
        }
        let negative_prefix = c == '-';
        if negative_prefix {
            chars.next();
        }
        let term = if chars.peek() == Some(&'"') {
            chars.next();
            let phrase: String = chars.by_ref().take_while(|&c| c != '"').collect();
            if !typed.matches('"').count().is_multiple_of(2) {
                return Err(problem("has a quote that isn't closed; add the closing \""));
            }
            if phrase.trim().is_empty() {
                continue;
            }
            let star = chars.peek() == Some(&'*');
            if star {
                chars.next();
            }
            format!("{}{}", quoted(phrase.trim()), if star { "*" } else { "" })
        } else {
            let word: String =
                std::iter::from_fn(|| chars.next_if(|c| !c.is_whitespace() && *c != '"')).collect();
            if !negative_prefix {
                match word.as_str() {
                    "OR" => {
                        if positives.is_empty() || pending_or {
                            return Err(problem("uses OR without a word on each side"));
                        }
                        pending_or = true;
                        continue;
                    }
                    "AND" => continue,
                    "NOT" => {
                        pending_not = true;
                        continue;
                    }
                    _ => {}
                }
            }
            let (stem, star) = match word.strip_suffix('*') {
                Some(s) => (s.trim_end_matches('*'), true),
                None => (word.as_str(), false),
            };
            if stem.is_empty() {
                if negative_prefix && word.is_empty() {
                    continue; // a lone "-" is just a dash
                }
                return Err(problem(format!("has '{word}' with nothing to look for")));
            }
            format!("{}{}", quoted(stem), if star { "*" } else { "" })
        };
        if negative_prefix || pending_not {
            negatives.push(term);
            pending_not = false;
        } else {
            if pending_or {
                let last = positives.pop().unwrap_or_default();
                positives.push(format!("{last} OR {term}"));
                pending_or = false;
            } else {
                positives.push(term);
            }
        }
    }
    if pending_or {
        return Err(problem("uses OR without a word on each side"));
    }
    if positives.is_empty() {
        return Err(problem(if negatives.is_empty() {
            "is empty; type a word to look for"
        } else {
            "only leaves words out; add a word to look for"
        }));
    }
    let positive = positives
        .iter()
        .map(|p| {
            if p.contains(" OR ") {
                format!("({p})")
            } else {
                p.clone()
            }
        })
        .collect::<Vec<_>>()
        .join(" AND ");
    Ok(negatives
        .iter()
        .fold(format!("({positive})"), |acc, n| format!("{acc} NOT {n}")))
}

impl Store {
    /// Records matching `typed`, newest first (at most `limit`), leaving out the trash.
    pub fn search(&self, typed: &str, limit: usize) -> Result<Vec<Found>> {
        self.search_between(typed, limit, None, None)
    }

    /// Records whose words match `typed`, newest first.
    pub(super) fn search_words(
        &self,
        typed: &str,
        limit: usize,
        from: Option<NaiveDate>,
        to: Option<NaiveDate>,
    ) -> Result<Vec<Found>> {
        let query = fts_query(typed)?;
        let sql = format!(
            "SELECT r.kind, r.ref,
                    snippet(search, 0, '{MATCH_START}', '{MATCH_END}', '…', 12),
                    coalesce(c.at, t.at, e.at) AS at,
                    coalesce(c.at_utc, t.at_utc, e.at_utc) AS at_utc
               FROM search JOIN search_refs r ON r.rowid = search.rowid
               LEFT JOIN checkins c ON r.kind = 'checkin' AND c.id = r.ref AND c.deleted_at IS NULL
               LEFT JOIN thoughts t ON r.kind = 'thought' AND t.id = r.ref AND t.deleted_at IS NULL
               LEFT JOIN entries e ON r.kind = 'entry' AND e.id = r.ref AND e.deleted_at IS NULL
              WHERE search MATCH ?1 AND coalesce(c.id, t.id, e.id) IS NOT NULL
                AND coalesce(c.day, t.day, e.day) >= coalesce(?3, '')
                AND coalesce(c.day, t.day, e.day) <= coalesce(?4, '9999')
              ORDER BY at_utc DESC LIMIT ?2"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(
            rusqlite::params![
                query,
                i64::try_from(limit).unwrap_or(-1),
                from.map(|d| d.to_string()),
                to.map(|d| d.to_string())
            ],
            |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                ))
            },
        );
        let rows = rows.map_err(fts_error)?;
        let mut out = Vec::new();
        for row in rows {
            let (kind, id, snippet, at) = row.map_err(fts_error)?;
            let invalid =
                || StoreError::Invalid(InvalidInput::new("search", "found an unreadable record"));
            out.push(Found {
                kind: kind_of(&kind),
                id: Uuid::parse_str(&id).map_err(|_| invalid())?,
                at: DateTime::parse_from_rfc3339(&at).map_err(|_| invalid())?,
                snippet,
            });
        }
        // The lines people wrote on their session marks find the records they are on.
        for found in self.marked_by(typed)? {
            if !out.iter().any(|f| f.id == found.id) {
                out.push(found);
            }
        }
        out.sort_by_key(|f| std::cmp::Reverse(f.at));
        out.truncate(limit);
        Ok(out)
    }

    /// Records whose waiting or past session mark's line holds every plain word of `typed`.
    fn marked_by(&self, typed: &str) -> Result<Vec<Found>> {
        let words: Vec<String> = typed
            .split_whitespace()
            .filter(|w| !w.starts_with('-') && !matches!(*w, "OR" | "NOT" | "AND"))
            .map(|w| {
                w.trim_matches(|c: char| c == '"' || c == '*')
                    .to_lowercase()
            })
            .filter(|w| !w.is_empty())
            .collect();
        if words.is_empty() {
            return Ok(Vec::new());
        }
        let mut stmt = self.conn.prepare_cached(
            "SELECT m.record_kind, m.record_id, m.note, coalesce(c.at, t.at, e.at)
               FROM session_marks m
               LEFT JOIN checkins c ON m.record_kind = 'checkin' AND c.id = m.record_id AND c.deleted_at IS NULL
               LEFT JOIN thoughts t ON m.record_kind = 'thought' AND t.id = m.record_id AND t.deleted_at IS NULL
               LEFT JOIN entries e ON m.record_kind = 'entry' AND e.id = m.record_id AND e.deleted_at IS NULL
              WHERE m.deleted_at IS NULL AND m.note IS NOT NULL
                AND coalesce(c.id, t.id, e.id) IS NOT NULL",
        )?;
        let rows: Vec<(String, String, String, String)> = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let mut out = Vec::new();
        for (kind, id, note, at) in rows {
            let lower = note.to_lowercase();
            if !words.iter().all(|w| lower.contains(w.as_str())) {
                continue;
            }
            let (Ok(id), Ok(at)) = (Uuid::parse_str(&id), DateTime::parse_from_rfc3339(&at)) else {
                continue;
            };
            let mut snippet = String::from("to bring up: ");
            for word in note.split_inclusive(char::is_whitespace) {
                let bare = word.trim_end().to_lowercase();
                if words.iter().any(|w| bare.contains(w.as_str())) {
                    snippet.push(MATCH_START);
                    snippet.push_str(word.trim_end());
                    snippet.push(MATCH_END);
                    snippet.push_str(&word[word.trim_end().len()..]);
                } else {
                    snippet.push_str(word);
                }
            }
            out.push(Found {
                kind: kind_of(&kind),
                id,
                at,
                snippet,
            });
        }
        Ok(out)
    }
}

/// FTS5 reports a query it cannot read as an SQL error; that is the person's words, not a fault.
fn fts_error(e: rusqlite::Error) -> StoreError {
    let text = e.to_string();
    if text.contains("fts5") {
        StoreError::Invalid(problem(format!("couldn't be read ({text})")))
    } else {
        StoreError::Sqlite(e)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{CheckIn, Entry, EntryKind, Mood, Scale, Thought};

    fn at(s: &str) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339(s).unwrap()
    }

    fn journal() -> (Store, CheckIn, Thought, Entry) {
        let mut store = Store::open_in_memory().unwrap();
        let mut c = CheckIn::new(at("2026-11-27T09:00:00+00:00"), Mood::new(4).unwrap());
        c.set_note("Walked by the river; the herons were out.");
        let mut t = Thought::new(
            at("2026-11-28T09:00:00+00:00"),
            "I'm hopeless at presentations",
        )
        .unwrap();
        t.reframe = Some("I was nervous, and I still spoke. That took courage.".into());
        let e = Entry::new(
            at("2026-11-29T09:00:00+00:00"),
            EntryKind::Letter,
            "Dear me, the café by the river was lovely. Self-compassion isn't self-pity.",
        )
        .unwrap();
        store.save_checkin(&c, None).unwrap();
        store.save_thought(&t, None).unwrap();
        store.save_entry(&e, None).unwrap();
        (store, c, t, e)
    }

    fn kinds(store: &Store, q: &str) -> Vec<RecordKind> {
        store
            .search(q, 50)
            .unwrap()
            .iter()
            .map(|f| f.kind)
            .collect()
    }

    #[test]
    fn finds_a_word_in_each_kind_newest_first() {
        let (store, ..) = journal();
        assert_eq!(
            kinds(&store, "river"),
            [RecordKind::Entry, RecordKind::CheckIn]
        );
        assert_eq!(kinds(&store, "courage"), [RecordKind::Thought]);
        assert_eq!(kinds(&store, "herons"), [RecordKind::CheckIn]);
    }

    #[test]
    fn matched_words_are_marked_in_the_snippet() {
        let (store, ..) = journal();
        let found = &store.search("herons", 5).unwrap()[0];
        assert!(
            found.runs().contains(&("herons".to_string(), true)),
            "{:?}",
            found.runs()
        );
    }

    #[test]
    fn quotes_stars_minus_or_and_accents_work() {
        let (store, ..) = journal();
        assert_eq!(
            kinds(&store, "\"by the river\""),
            [RecordKind::Entry, RecordKind::CheckIn]
        );
        assert_eq!(kinds(&store, "pres*"), [RecordKind::Thought]);
        assert_eq!(kinds(&store, "river -café"), [RecordKind::CheckIn]);
        assert_eq!(kinds(&store, "river NOT herons"), [RecordKind::Entry]);
        assert_eq!(
            kinds(&store, "herons OR courage"),
            [RecordKind::Thought, RecordKind::CheckIn]
        );
        assert_eq!(kinds(&store, "cafe"), [RecordKind::Entry], "accents fold");
        assert_eq!(
            kinds(&store, "self-compassion"),
            [RecordKind::Entry],
            "a hyphen is part of a word"
        );
        assert_eq!(kinds(&store, "isn't"), [RecordKind::Entry]);
    }

    #[test]
    fn unreadable_searches_are_a_clear_refusal() {
        let (store, ..) = journal();
        for bad in ["\"unclosed", "OR river", "river OR", "-river", "", "*"] {
            match store.search(bad, 5) {
                Err(StoreError::Invalid(e)) => {
                    assert!(e.to_string().starts_with("search "), "{bad}: {e}")
                }
                other => panic!("{bad:?} gave {other:?}"),
            }
        }
    }

    #[test]
    fn trashed_and_edited_records_leave_the_results() {
        let (mut store, mut c, t, _) = journal();
        store.trash(RecordKind::Thought, t.id).unwrap();
        assert!(kinds(&store, "courage").is_empty());
        store.restore(RecordKind::Thought, t.id).unwrap();
        assert_eq!(kinds(&store, "courage"), [RecordKind::Thought]);
        c.set_note("Rain all day.");
        store.save_checkin(&c, None).unwrap();
        assert!(kinds(&store, "herons").is_empty());
        assert_eq!(kinds(&store, "rain"), [RecordKind::CheckIn]);
    }
}
