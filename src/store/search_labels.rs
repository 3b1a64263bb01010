//! Search by what was picked rather than written: `tag:winter` (or `#winter`) for a journal
//! entry's tags, `emotion:calm` for the emotions of check-ins and thought records,
//! `ritual:walk` for a check-in's rituals. Names are matched whole, in any case; a name of
//! several words goes in quotes (`ritual:"tea outside"`). With words too, the filters keep
//! only the records that match both.

use chrono::{DateTime, NaiveDate};
use uuid::Uuid;

use super::search::{Found, MATCH_END, MATCH_START, kind_of};
use super::{Result, Store};

/// One filter on a picked name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LabelFilter {
    Tag(String),
    Emotion(String),
    Ritual(String),
}

/// Takes the filters out of what was typed; the rest is left for the words' search.
pub fn split_filters(typed: &str) -> (Vec<LabelFilter>, String) {
    let mut filters = Vec::new();
    let mut rest = String::new();
    let mut chars = typed.chars().peekable();
    while chars.peek().is_some() {
        let mut word = String::new();
        while let Some(c) = chars.next_if(|c| !c.is_whitespace()) {
            word.push(c);
            // A quoted name after the colon runs to its closing quote, spaces and all.
            if word.ends_with(":\"") {
                word.extend(chars.by_ref().take_while(|c| *c != '"'));
                word.push('"');
            }
        }
        let lower = word.to_lowercase();
        let name = |prefix: &str| word[prefix.len()..].trim_matches('"').trim().to_string();
        let filter = [("tag:", 0), ("#", 0), ("emotion:", 1), ("ritual:", 2)]
            .iter()
            .find(|(p, _)| lower.starts_with(p) && word.len() > p.len())
            .map(|(p, k)| match k {
                0 => LabelFilter::Tag(name(p)),
                1 => LabelFilter::Emotion(name(p)),
                _ => LabelFilter::Ritual(name(p)),
            })
            .filter(|f| !f.name().is_empty());
        match filter {
            Some(f) => filters.push(f),
            None if !word.is_empty() => {
                rest.push_str(&word);
                rest.push(' ');
            }
            None => {}
        }
        while chars.next_if(|c| c.is_whitespace()).is_some() {}
    }
    (filters, rest.trim_end().to_string())
}

/// What was typed, as a name someone could have picked: plain words with no search
/// syntax (quotes, `-`, `*`, `OR`, `NOT`).
fn plain_name(typed: &str) -> Option<String> {
    let name = typed.split_whitespace().collect::<Vec<_>>().join(" ");
    let syntax = name.contains(['"', '*', ':', '(', ')'])
        || name
            .split(' ')
            .any(|w| w.starts_with('-') || matches!(w, "OR" | "NOT" | "AND"));
    (!name.is_empty() && !syntax).then_some(name)
}

/// Checks what was typed can be searched: filters alone, or words FTS can read.
pub fn check_search(typed: &str) -> std::result::Result<(), super::SearchError> {
    let (filters, words) = split_filters(typed);
    if filters.is_empty() || !words.is_empty() {
        super::search::fts_query(&words)?;
    }
    Ok(())
}

impl LabelFilter {
    pub fn name(&self) -> &str {
        match self {
            LabelFilter::Tag(n) | LabelFilter::Emotion(n) | LabelFilter::Ritual(n) => n,
        }
    }

    /// One statement for each kind of record that can carry this name: SELECT kind, id, at,
    /// the record's own words, and its picked names, for the newest `?4` records (-1: all)
    /// carrying the name `?1`, between two days (`?2`, `?3`). The newest are chosen from ids
    /// and times alone; words and names are read only for those.
    fn statements(&self) -> Vec<String> {
        match self {
            LabelFilter::Tag(_) => vec![
                "SELECT 'entry', e.id, e.at, coalesce(e.title || ' · ', '') || e.body,
                        (SELECT group_concat(name, ', ') FROM entry_tags WHERE entry_id = e.id)
                   FROM entries e
                  WHERE e.id IN (SELECT n.id FROM entries n
                                  WHERE n.deleted_at IS NULL AND n.day >= coalesce(?2, '') AND n.day <= coalesce(?3, '9999')
                                    AND n.id IN (SELECT entry_id FROM entry_tags WHERE name = ?1 COLLATE NOCASE)
                                  ORDER BY n.at_utc DESC LIMIT ?4)"
                    .to_string(),
            ],
            LabelFilter::Emotion(_) => vec![
                checkins_with("emotion"),
                "SELECT 'thought', t.id, t.at, t.thought,
                        (SELECT group_concat(name, ', ') FROM thought_emotions WHERE thought_id = t.id)
                   FROM thoughts t
                  WHERE t.id IN (SELECT n.id FROM thoughts n
                                  WHERE n.deleted_at IS NULL AND n.day >= coalesce(?2, '') AND n.day <= coalesce(?3, '9999')
                                    AND n.id IN (SELECT thought_id FROM thought_emotions WHERE name = ?1 COLLATE NOCASE)
                                  ORDER BY n.at_utc DESC LIMIT ?4)"
                    .to_string(),
            ],
            LabelFilter::Ritual(_) => vec![checkins_with("ritual")],
        }
    }
}

/// The check-ins carrying the name `?1` as a label of `kind` (emotion or ritual). Ten years
/// hold some 17,000 labels under a few dozen names: the names spelt like `?1` in any case
/// come from the (kind, name) index by skip-scan, and the check-ins from the same index.
fn checkins_with(kind: &str) -> String {
    format!(
        "WITH RECURSIVE names(name) AS (
             SELECT min(name) FROM checkin_labels WHERE kind = '{kind}'
             UNION ALL
             SELECT (SELECT min(name) FROM checkin_labels WHERE kind = '{kind}' AND name > names.name)
               FROM names WHERE names.name IS NOT NULL
         )
         SELECT 'checkin', c.id, c.at, coalesce(c.note, ''),
                (SELECT group_concat(name, ', ') FROM checkin_labels WHERE checkin_id = c.id)
           FROM checkins c
          WHERE c.id IN (SELECT n.id FROM checkins n
                          WHERE n.deleted_at IS NULL AND n.day >= coalesce(?2, '') AND n.day <= coalesce(?3, '9999')
                            AND n.id IN (SELECT checkin_id FROM checkin_labels
                                          WHERE kind = '{kind}'
                                            AND name IN (SELECT name FROM names WHERE name = ?1 COLLATE NOCASE))
                          ORDER BY n.at_utc DESC LIMIT ?4)"
    )
}

impl Store {
    /// The same, only among records of the days `from` to `to` (inclusive, either open).
    /// `tag:`, `emotion:` and `ritual:` filters (see `search_labels`) keep only the records
    /// carrying those names; alone, they list every such record.
    pub fn search_between(
        &self,
        typed: &str,
        limit: usize,
        from: Option<NaiveDate>,
        to: Option<NaiveDate>,
    ) -> Result<Vec<Found>> {
        let (filters, words) = split_filters(typed);
        if filters.is_empty() {
            let mut found = self.search_words(typed, limit, from, to)?;
            // A plain word is also a name that may have been picked: after what was
            // written, the records carrying it as a tag, an emotion or a ritual. When
            // what was written already fills the list, none of them would be shown. Else
            // the newest `limit` of each are enough: at most `found.len()` of them are
            // already listed, and the rest fill the room left.
            if found.len() < limit
                && let Some(name) = plain_name(typed)
            {
                let mut picked = Vec::new();
                for by_name in [
                    LabelFilter::Tag(name.clone()),
                    LabelFilter::Emotion(name.clone()),
                    LabelFilter::Ritual(name),
                ] {
                    picked.extend(self.labelled(&[by_name], from, to, Some(limit))?);
                }
                picked.sort_by_key(|f| std::cmp::Reverse(f.at));
                for f in picked {
                    if !found.iter().any(|h| h.id == f.id) {
                        found.push(f);
                    }
                }
            }
            found.truncate(limit);
            return Ok(found);
        }
        // One name alone: only the newest `limit` are read. Several, or with words, are
        // matched among all the records carrying them.
        let newest = (filters.len() == 1 && words.is_empty()).then_some(limit);
        let mut labelled = self.labelled(&filters, from, to, newest)?;
        if !words.is_empty() {
            let by_words = self.search_words(&words, usize::MAX, from, to)?;
            labelled = by_words
                .into_iter()
                .filter(|f| labelled.iter().any(|l| l.id == f.id))
                .collect();
        }
        labelled.truncate(limit);
        Ok(labelled)
    }

    /// The records carrying every name in `filters`, newest first, each with its picked
    /// names (the matched ones marked) and the start of its words: all of them, or the
    /// newest `newest` of each kind of record.
    pub(super) fn labelled(
        &self,
        filters: &[LabelFilter],
        from: Option<NaiveDate>,
        to: Option<NaiveDate>,
        newest: Option<usize>,
    ) -> Result<Vec<Found>> {
        let newest = newest.map_or(-1, |n| i64::try_from(n).unwrap_or(-1));
        let mut found: Option<Vec<Found>> = None;
        for filter in filters {
            let mut these = Vec::new();
            for sql in filter.statements() {
                self.labelled_by(&sql, filter, filters, (from, to), newest, &mut these)?;
            }
            found = Some(match found {
                None => these,
                Some(before) => before
                    .into_iter()
                    .filter(|f| these.iter().any(|t| t.id == f.id))
                    .collect(),
            });
        }
        let mut found = found.unwrap_or_default();
        found.sort_by_key(|f| std::cmp::Reverse(f.at));
        Ok(found)
    }

    /// The records one statement of `filter` finds, added to `these`.
    fn labelled_by(
        &self,
        sql: &str,
        filter: &LabelFilter,
        filters: &[LabelFilter],
        (from, to): (Option<NaiveDate>, Option<NaiveDate>),
        newest: i64,
        these: &mut Vec<Found>,
    ) -> Result<()> {
        let mut stmt = self.conn.prepare_cached(sql)?;
        let rows = stmt.query_map(
            rusqlite::params![
                filter.name(),
                from.map(|d| d.to_string()),
                to.map(|d| d.to_string()),
                newest
            ],
            |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, Option<String>>(4)?,
                ))
            },
        )?;
        for row in rows {
            let (kind, id, at, words, names) = row?;
            let (Ok(id), Ok(at)) = (Uuid::parse_str(&id), DateTime::parse_from_rfc3339(&at)) else {
                continue;
            };
            these.push(Found {
                kind: kind_of(&kind),
                id,
                at,
                snippet: snippet(names.as_deref().unwrap_or(""), &words, filters),
            });
        }
        Ok(())
    }
}

/// "calm, ‹walk›\n the start of the note…": the picked names, the matched ones marked,
/// then the first words of what was written.
fn snippet(names: &str, words: &str, filters: &[LabelFilter]) -> String {
    let mut out = String::new();
    for (i, name) in names.split(", ").filter(|n| !n.is_empty()).enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        if filters.iter().any(|f| f.name().eq_ignore_ascii_case(name)) {
            out.push(MATCH_START);
            out.push_str(name);
            out.push(MATCH_END);
        } else {
            out.push_str(name);
        }
    }
    let start: String = words
        .split_whitespace()
        .take(12)
        .collect::<Vec<_>>()
        .join(" ");
    if !start.is_empty() {
        out.push('\n');
        out.push_str(&start);
        if words.split_whitespace().count() > 12 {
            out.push('…');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filters_come_out_of_what_was_typed_and_the_words_stay() {
        let (f, rest) = split_filters("river tag:Winter ritual:\"tea outside\" #walks -rain");
        assert_eq!(
            f,
            vec![
                LabelFilter::Tag("Winter".into()),
                LabelFilter::Ritual("tea outside".into()),
                LabelFilter::Tag("walks".into()),
            ]
        );
        assert_eq!(rest, "river -rain");
        let (f, rest) = split_filters("emotion: tag:");
        assert!(f.is_empty());
        assert_eq!(rest, "emotion: tag:");
    }

    /// Ten check-ins with the ritual "walk" (none says it), then two whose notes say "walk":
    /// only the newest of each are read, and the list is what reading them all would give.
    #[test]
    fn a_name_reads_only_the_newest_records_it_can_show() {
        use crate::domain::{CheckIn, Mood, Scale, parse_label_list};
        let mut store = Store::open_in_memory().unwrap();
        let mut walked = Vec::new();
        for day in 1..=10 {
            let at = DateTime::parse_from_rfc3339(&format!("2026-11-{day:02}T08:00:00+00:00"));
            let mut c = CheckIn::new(at.unwrap(), Mood::new(6).unwrap());
            c.rituals = parse_label_list("rituals", "Walk, tea").unwrap();
            store.save_checkin(&c, None).unwrap();
            walked.push(c.id);
        }
        let mut said = Vec::new();
        for day in 20..=21 {
            let at = DateTime::parse_from_rfc3339(&format!("2026-11-{day:02}T08:00:00+00:00"));
            let mut c = CheckIn::new(at.unwrap(), Mood::new(5).unwrap());
            c.set_note("a slow walk by the river");
            store.save_checkin(&c, None).unwrap();
            said.push(c.id);
        }
        let ids = |typed: &str, limit: usize| -> Vec<Uuid> {
            let found = store.search_between(typed, limit, None, None).unwrap();
            found.iter().map(|f| f.id).collect()
        };
        // What was written fills the list: no name is read.
        assert_eq!(ids("walk", 2), vec![said[1], said[0]]);
        // Room for three more: the newest three carrying the name, after what was written.
        assert_eq!(
            ids("walk", 5),
            vec![said[1], said[0], walked[9], walked[8], walked[7]]
        );
        // A name alone, in any case: the newest four, newest first.
        assert_eq!(
            ids("ritual:WALK", 4),
            vec![walked[9], walked[8], walked[7], walked[6]]
        );
        assert_eq!(ids("ritual:walk", 50).len(), 10);
        // Two names: matched among all the records carrying them.
        assert_eq!(ids("ritual:walk ritual:tea", 3).len(), 3);
    }
}
