//! Import as a merge: each record in a file is new (added), the same as kindly's copy
//! (unchanged), changed in the file while kindly's copy is as it was imported (updated),
//! an earlier version than the one last imported (older: never rolled back), or changed in
//! kindly since (kindly's version kept, never overwritten). A record the file holds twice
//! is counted once, as a duplicate. Pure: the caller looks records up.

use std::collections::HashSet;

use serde::Serialize;
use uuid::Uuid;

use super::kindly_json::{BreakRecord, CheckInRecord, EntryRecord, SessionRecord, ThoughtRecord};
use crate::domain::{Break, CheckIn, Entry, Journal, SessionMark, Thought};

/// The kinds of record an import carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    CheckIn,
    Thought,
    Entry,
    Break,
    Session,
}

/// What the journal holds under an id: its record's fingerprint now, the fingerprint it
/// had when an import last wrote it (none if it was never imported), and every version
/// imports have written of it, so an older file is told from a newer one.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Held {
    pub now: String,
    pub imported: Option<String>,
    pub earlier: Vec<String>,
}

/// How many records met each fate.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Counts {
    pub added: usize,
    pub updated: usize,
    pub unchanged: usize,
    pub kept_edits: usize,
    /// Records the file holds in a version older than one imported since.
    pub older: usize,
    pub duplicates: usize,
}

impl Counts {
    /// Every record of the file, each once.
    pub fn total(&self) -> usize {
        self.added + self.updated + self.unchanged + self.kept_edits + self.older
    }
}

/// What to write: the records to save, and the fingerprint to remember for each.
#[derive(Debug, Default)]
pub struct Plan {
    pub save: Journal,
    pub fingerprints: Vec<(Uuid, String)>,
    pub counts: Counts,
}

/// A stable fingerprint of a record's content (not its id): the same on every machine
/// and every run, so it can be kept in the journal and compared later. A record that
/// would not serialise is an error, never the fingerprint of nothing (which every such
/// record would share, and so be taken for unchanged).
fn fingerprint<R: Serialize>(
    mut record: R,
    clear_id: impl FnOnce(&mut R),
) -> serde_json::Result<String> {
    const NAMESPACE: Uuid = Uuid::from_u128(0x6b69_6e64_6c79_4000_8000_6669_6e67_6572);
    clear_id(&mut record);
    let json = serde_json::to_vec(&record)?;
    Ok(Uuid::new_v5(&NAMESPACE, &json).to_string())
}

/// A record that can be imported.
pub trait Imported {
    const KIND: Kind;
    fn id(&self) -> Uuid;
    fn set_id(&mut self, id: Uuid);
    fn fingerprint(&self) -> serde_json::Result<String>;
}

macro_rules! imported {
    ($t:ty, $record:ty, $kind:expr) => {
        impl Imported for $t {
            const KIND: Kind = $kind;
            fn id(&self) -> Uuid {
                self.id
            }
            fn set_id(&mut self, id: Uuid) {
                self.id = id;
            }
            fn fingerprint(&self) -> serde_json::Result<String> {
                fingerprint(<$record>::from(self), |r| r.id.clear())
            }
        }
    };
}

imported!(CheckIn, CheckInRecord, Kind::CheckIn);
imported!(Thought, ThoughtRecord, Kind::Thought);
imported!(Entry, EntryRecord, Kind::Entry);
imported!(Break, BreakRecord, Kind::Break);
imported!(SessionMark, SessionRecord, Kind::Session);

/// Decides the fate of every record in `incoming`. `find` looks an id up in the journal;
/// `aliases` gives, for a record, an older id the same source record may have been given
/// by an earlier kindly (it is used when the journal holds that one instead).
pub fn plan<E: From<serde_json::Error>>(
    incoming: Journal,
    aliases: &dyn Fn(Uuid) -> Option<Uuid>,
    find: &mut dyn FnMut(Kind, Uuid) -> Result<Option<Held>, E>,
) -> Result<Plan, E> {
    let mut plan = Plan::default();
    let mut seen = HashSet::new();
    let Journal {
        checkins,
        thoughts,
        entries,
        breaks,
        session,
        measures,
        days,
    } = incoming;
    // Measures and days' values are settled as the journal saves them (by id, or by name).
    plan.save.measures = measures;
    plan.save.days = days;
    for r in checkins {
        if let Some(r) = decide(r, &mut plan, &mut seen, aliases, find)? {
            plan.save.checkins.push(r);
        }
    }
    for r in thoughts {
        if let Some(r) = decide(r, &mut plan, &mut seen, aliases, find)? {
            plan.save.thoughts.push(r);
        }
    }
    for r in entries {
        if let Some(r) = decide(r, &mut plan, &mut seen, aliases, find)? {
            plan.save.entries.push(r);
        }
    }
    for r in breaks {
        if let Some(r) = decide(r, &mut plan, &mut seen, aliases, find)? {
            plan.save.breaks.push(r);
        }
    }
    for r in session {
        if let Some(r) = decide(r, &mut plan, &mut seen, aliases, find)? {
            plan.save.session.push(r);
        }
    }
    Ok(plan)
}

/// One record's fate; returns it when it is to be saved.
fn decide<R: Imported, E: From<serde_json::Error>>(
    mut record: R,
    plan: &mut Plan,
    seen: &mut HashSet<Uuid>,
    aliases: &dyn Fn(Uuid) -> Option<Uuid>,
    find: &mut dyn FnMut(Kind, Uuid) -> Result<Option<Held>, E>,
) -> Result<Option<R>, E> {
    let mut held = find(R::KIND, record.id())?;
    if held.is_none()
        && let Some(old) = aliases(record.id())
        && let Some(h) = find(R::KIND, old)?
    {
        record.set_id(old);
        held = Some(h);
    }
    if !seen.insert(record.id()) {
        plan.counts.duplicates += 1;
        return Ok(None);
    }
    let incoming = record.fingerprint()?;
    let save = match held {
        None => {
            plan.counts.added += 1;
            true
        }
        Some(h) if h.now == incoming => {
            plan.counts.unchanged += 1;
            false
        }
        // kindly's copy is as the last import left it: the file's change is taken, unless
        // it is a version an import wrote before this one (the file is older than the
        // one last imported, and never takes a record back).
        Some(h) if h.imported.as_deref() == Some(h.now.as_str()) => {
            let older = h.earlier.contains(&incoming);
            if older {
                plan.counts.older += 1;
            } else {
                plan.counts.updated += 1;
            }
            !older
        }
        // Changed in kindly since (or never imported): the person's version stays.
        Some(_) => {
            plan.counts.kept_edits += 1;
            false
        }
    };
    if save {
        plan.fingerprints.push((record.id(), incoming));
        return Ok(Some(record));
    }
    Ok(None)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Mood, Scale};
    use std::collections::HashMap;

    fn checkin(note: &str) -> CheckIn {
        let at = chrono::DateTime::parse_from_rfc3339("2026-11-29T08:00:00+00:00").unwrap();
        let mut c = CheckIn::new(at, Mood::new(6).unwrap());
        c.set_note(note);
        c
    }

    #[test]
    fn each_record_meets_its_fate() {
        let [new, same, changed, edited, twice] =
            ["new", "same", "changed", "edited", "twice"].map(checkin);
        let mut held: HashMap<Uuid, Held> = HashMap::new();
        let fp = |c: &CheckIn| c.fingerprint().unwrap();
        held.insert(
            same.id,
            Held {
                now: fp(&same),
                imported: Some(fp(&same)),
                earlier: vec![fp(&same)],
            },
        );
        let mut before = changed.clone();
        before.set_note("before");
        held.insert(
            changed.id,
            Held {
                now: fp(&before),
                imported: Some(fp(&before)),
                earlier: vec![fp(&before)],
            },
        );
        let mut mine = edited.clone();
        mine.set_note("my own words");
        held.insert(
            edited.id,
            Held {
                now: fp(&mine),
                imported: Some(fp(&edited)),
                earlier: Vec::new(),
            },
        );
        let incoming = Journal {
            checkins: vec![
                new.clone(),
                same,
                changed.clone(),
                edited,
                twice.clone(),
                twice,
            ],
            ..Journal::default()
        };
        let plan =
            plan::<serde_json::Error>(incoming, &|_| None, &mut |_, id| Ok(held.get(&id).cloned()))
                .unwrap();
        assert_eq!(
            plan.counts,
            Counts {
                added: 2,
                updated: 1,
                unchanged: 1,
                kept_edits: 1,
                older: 0,
                duplicates: 1
            }
        );
        let saved: Vec<Uuid> = plan.save.checkins.iter().map(|c| c.id).collect();
        assert_eq!(saved, [new.id, changed.id, plan.save.checkins[2].id]);
    }

    #[test]
    fn a_version_imported_before_the_one_here_never_takes_the_record_back() {
        let (old, new) = (checkin("as it was"), checkin("as it is now"));
        let new = CheckIn { id: old.id, ..new };
        let held = Held {
            now: new.fingerprint().unwrap(),
            imported: Some(new.fingerprint().unwrap()),
            earlier: vec![old.fingerprint().unwrap(), new.fingerprint().unwrap()],
        };
        let plan = plan::<serde_json::Error>(
            Journal {
                checkins: vec![old],
                ..Journal::default()
            },
            &|_| None,
            &mut |_, _| Ok(Some(held.clone())),
        )
        .unwrap();
        assert_eq!(plan.counts.older, 1, "{:?}", plan.counts);
        assert!(plan.save.checkins.is_empty());
        assert_eq!(plan.counts.total(), 1);
    }

    #[test]
    fn an_older_id_for_the_same_source_record_is_kept() {
        let c = checkin("from an old import");
        let old = Uuid::from_u128(7);
        let held = Held {
            now: {
                let mut o = c.clone();
                o.id = old;
                o.fingerprint().unwrap()
            },
            imported: None,
            earlier: Vec::new(),
        };
        let plan = plan::<serde_json::Error>(
            Journal {
                checkins: vec![c.clone()],
                ..Journal::default()
            },
            &|id| (id == c.id).then_some(old),
            &mut |_, id| Ok((id == old).then(|| held.clone())),
        )
        .unwrap();
        assert_eq!(plan.counts.unchanged, 1, "{:?}", plan.counts);
    }
}
