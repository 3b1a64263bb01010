//! Sample journals for `kindly demo` and the benchmarks: realistic, varied, and the same every run.

use chrono::{DateTime, Duration, FixedOffset, NaiveTime, TimeZone};

use crate::config::Config;
use crate::domain::{
    Amount, Break, CheckIn, DayReading, Energy, Entry, EntryKind, FeltEmotion, Journal, Label,
    Measure, MeasureKind, Mood, PartRating, Per, Percent, Reading, Scale, Thought, first_id,
};

const NOTES: &str = include_str!("../assets/demo-notes.txt");
const THOUGHTS: &str = include_str!("../assets/demo-thoughts.txt");
const ENTRIES: &str = include_str!("../assets/demo-entries.txt");

fn content_lines(text: &str) -> impl Iterator<Item = &str> {
    text.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
}

/// A whole sample journal for `weeks` weeks up to `now`: check-ins, thought records about
/// every third day, a journal page or letter every few days, and breaks on some low days.
pub fn journal(weeks: u32, now: DateTime<FixedOffset>, config: &Config) -> Journal {
    let checkins = checkins(weeks, now, &config.emotions, &config.rituals);
    let mut rng = Rng(0xD1B5_4A32_D192_ED03 ^ u64::from(weeks));
    let traps = config.traps();
    let samples: Vec<Vec<&str>> = content_lines(THOUGHTS)
        .map(|l| l.split('|').map(str::trim).collect())
        .filter(|f: &Vec<&str>| f.len() == 6)
        .collect();
    let pages: Vec<(EntryKind, String, String)> = ENTRIES
        .split("\n---\n")
        .filter_map(|block| {
            let block: String = block
                .lines()
                .filter(|l| !l.starts_with('#'))
                .collect::<Vec<_>>()
                .join("\n");
            let (head, body) = block.trim().split_once('\n')?;
            let (kind, title) = head.split_once(':')?;
            let kind = EntryKind::parse(kind.trim())?;
            Some((kind, title.trim().to_string(), body.trim().to_string()))
        })
        .collect();
    let mut out = Journal {
        checkins,
        ..Journal::default()
    };
    let start = now.date_naive() - Duration::days(i64::from(weeks) * 7 - 1);
    for (n, day) in start
        .iter_days()
        .take_while(|d| *d <= now.date_naive())
        .enumerate()
    {
        let Some(at) = offset_at(now, day, 13 + (rng.below(6) as u32)) else {
            continue;
        };
        if at > now {
            continue;
        }
        if !samples.is_empty() && rng.chance(33) {
            let f = &samples[rng.below(samples.len() as u64) as usize];
            if let Ok(mut t) = Thought::new(at, f[1]) {
                t.situation = Some(f[0].to_string());
                t.voice = Some(f[2].to_string());
                t.distortions = traps.parse_list(f[3]).unwrap_or_default();
                t.friend = Some(f[4].to_string());
                let before = 60 + rng.below(35) as u8;
                t.belief = Percent::new(before).ok();
                let pct = |v: u64| Percent::new(v.min(100) as u8).ok();
                if rng.chance(85) {
                    t.reframe = Some(f[5].to_string());
                    t.belief_after = pct(u64::from(before) - 15 - rng.below(35));
                }
                let feel = ["ashamed", "anxious", "sad", "frustrated"][rng.below(4) as usize];
                if let Ok(name) = Label::new("emotion", feel) {
                    let b = 50 + rng.below(45);
                    t.emotions.push(FeltEmotion {
                        name,
                        intensity: pct(b),
                        intensity_after: t
                            .reframe
                            .as_ref()
                            .and_then(|_| pct(b.saturating_sub(10 + rng.below(30)))),
                    });
                }
                out.thoughts.push(t);
            }
        }
        if !pages.is_empty() && (n % 4 == 2 || rng.chance(8)) {
            let (kind, title, body) = &pages[rng.below(pages.len() as u64) as usize];
            if let Ok(mut e) = Entry::new(at - Duration::hours(3), *kind, body) {
                e.title = Some(title.clone());
                out.entries.push(e);
            }
        }
        let low_day = out
            .checkins
            .iter()
            .any(|c| c.day() == day && c.mood.get() <= 4);
        if low_day && rng.chance(45) {
            let before = 2 + rng.below(3) as u8;
            if let Ok(m) = Mood::new(before) {
                let mut b = Break::new(at + Duration::minutes(30), m);
                b.mood_after = Mood::new(before + 1 + rng.below(3) as u8).ok();
                b.moment = Some("This is a hard moment.".into());
                b.shared = rng
                    .chance(70)
                    .then(|| "Lots of people feel like this sometimes.".into());
                b.wish = Some("May I be patient with myself.".into());
                if b.at <= now {
                    out.breaks.push(b);
                }
            }
        }
    }
    // Ids from the same seed too, so two runs give the very same journal.
    let mut ids = Rng(0x5851_F42D_4C95_7F2D ^ u64::from(weeks));
    let mut next_id = || {
        let mut bytes = [0u8; 16];
        bytes[..8].copy_from_slice(&ids.next().to_le_bytes());
        bytes[8..].copy_from_slice(&ids.next().to_le_bytes());
        uuid::Builder::from_random_bytes(bytes).into_uuid()
    };
    out.checkins.iter_mut().for_each(|c| c.id = next_id());
    out.thoughts.iter_mut().for_each(|t| t.id = next_id());
    out.entries.iter_mut().for_each(|e| e.id = next_id());
    out.breaks.iter_mut().for_each(|b| b.id = next_id());
    (out.measures, out.days) = measures(weeks, &out.checkins);
    out
}

/// Sleep and medication for the sample days: a night's sleep on most days, a little longer
/// on the better ones, and medication taken on most. A generator of their own, so every
/// other sample record stays as it was.
fn measures(weeks: u32, checkins: &[CheckIn]) -> (Vec<Measure>, Vec<DayReading>) {
    let mut sleep = Measure::new("sleep", MeasureKind::Number);
    sleep.id = first_id("sleep", |_| false);
    sleep.unit = Some("hours".into());
    sleep.decimals = 1;
    sleep.per = Per::Day;
    let mut meds = Measure::new("meds", MeasureKind::YesNo);
    meds.id = first_id("meds", |_| false);
    meds.per = Per::Day;
    let mut rng = Rng(0x2545_F491_4F6C_DD1D ^ u64::from(weeks));
    let mut days = Vec::new();
    for c in checkins {
        if days.last().is_some_and(|d: &DayReading| d.day == c.day()) {
            continue;
        }
        let value = |measure, v: f64| {
            Amount::new(v).map(|value| DayReading {
                day: c.day(),
                reading: Reading { measure, value },
                at: c.at,
            })
        };
        if rng.chance(90) {
            let tenths = 45 + u64::from(c.mood.get()) * 3 + rng.below(15);
            days.extend(value(sleep.id, tenths.min(100) as f64 / 10.0));
        }
        let taken = if rng.chance(85) { 1.0 } else { 0.0 };
        days.extend(value(meds.id, taken));
    }
    (vec![sleep, meds], days)
}

fn offset_at(
    now: DateTime<FixedOffset>,
    day: chrono::NaiveDate,
    hour: u32,
) -> Option<DateTime<FixedOffset>> {
    let time = NaiveTime::from_hms_opt(hour.min(23), 0, 0)?;
    now.offset()
        .from_local_datetime(&day.and_time(time))
        .single()
}

/// A small deterministic generator (xorshift64*), so demo data never depends on the clock.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
}

/// About two check-ins a day for `weeks` weeks up to `now` (never after it), with some quiet
/// days, moods that drift in waves, and rituals that tend to go with better days.
pub fn checkins(
    weeks: u32,
    now: DateTime<FixedOffset>,
    emotions: &[String],
    rituals: &[String],
) -> Vec<CheckIn> {
    let today = now.date_naive();
    let offset = *now.offset();
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15 ^ u64::from(weeks));
    let notes: Vec<&str> = NOTES
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .collect();
    let days = i64::from(weeks) * 7;
    let mut out = Vec::new();
    for back in (0..days).rev() {
        let day = today - Duration::days(back);
        if rng.chance(12) {
            continue; // life happens; some days go unrecorded
        }
        let wave = ((days - back) as f64 / 9.0).sin() * 1.5;
        let per_day = 1 + rng.below(3);
        for n in 0..per_day {
            let hour = 8 + (n as u32) * 5 + rng.below(3) as u32;
            let minute = rng.below(60) as u32;
            let Some(time) = NaiveTime::from_hms_opt(hour.min(23), minute, 0) else {
                continue;
            };
            let Some(at) = offset.from_local_datetime(&day.and_time(time)).single() else {
                continue;
            };
            if at > now {
                continue;
            }
            out.extend(one(&mut rng, at, wave, &notes, emotions, rituals));
        }
    }
    out
}

fn one(
    rng: &mut Rng,
    at: DateTime<FixedOffset>,
    wave: f64,
    notes: &[&str],
    emotions: &[String],
    rituals: &[String],
) -> Option<CheckIn> {
    let mut did = Vec::new();
    for r in rituals.iter().take(6) {
        if rng.chance(22) {
            did.push(r.clone());
        }
    }
    let lift = did.len() as f64 * 0.6;
    let raw = 5.5 + wave + lift + (rng.below(5) as f64 - 2.0);
    let mood = raw.round().clamp(1.0, 10.0) as u8;
    let pick = |rng: &mut Rng, from: &[String], low: bool| -> Vec<Label> {
        let half = from.len() / 2;
        let (lo, hi) = if low { (half, from.len()) } else { (0, half) };
        let count = 1 + rng.below(2);
        let mut out: Vec<Label> = Vec::new();
        for _ in 0..count {
            let idx = lo + rng.below((hi - lo) as u64) as usize;
            if let Some(name) = from.get(idx)
                && let Ok(l) = Label::new("emotions", name)
                && !out.contains(&l)
            {
                out.push(l);
            }
        }
        out
    };
    let mut c = CheckIn::new(at, Mood::new(mood).ok()?);
    c.emotions = pick(rng, emotions, mood <= 4);
    c.rituals = did
        .iter()
        .filter_map(|r| Label::new("rituals", r).ok())
        .collect();
    if rng.chance(70) {
        c.energy = Energy::new((mood as i64 + rng.below(5) as i64 - 2).clamp(1, 10) as u8).ok();
    }
    if rng.chance(50) {
        let base = (mood as i64 + 1) / 2;
        let part = |rng: &mut Rng| {
            PartRating::new((base + rng.below(3) as i64 - 1).clamp(1, 5) as u8).ok()
        };
        c.kindness = part(rng);
        c.humanity = part(rng);
        c.mindfulness = part(rng);
    }
    if rng.chance(60) && !notes.is_empty() {
        let note = notes[rng.below(notes.len() as u64) as usize];
        c.set_note(note);
    }
    Some(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_whole_demo_has_every_kind_of_record() {
        let now = DateTime::parse_from_rfc3339("2026-11-29T21:00:00+00:00").unwrap();
        let j = journal(12, now, &Config::default());
        assert!(j.checkins.len() > 100);
        assert!(j.thoughts.len() >= 10, "{}", j.thoughts.len());
        assert!(j.entries.iter().any(|e| e.kind == EntryKind::Letter));
        assert!(j.entries.iter().any(|e| e.kind == EntryKind::Journal));
        assert!(!j.breaks.is_empty());
        assert!(
            j.thoughts
                .iter()
                .any(|t| t.belief_relief().is_some_and(|r| r > 0))
        );
        assert_eq!(journal(12, now, &Config::default()), j, "deterministic");
    }

    #[test]
    fn the_demo_keeps_sleep_and_medication_that_fit_their_measures() {
        let now = DateTime::parse_from_rfc3339("2026-11-29T21:00:00+00:00").unwrap();
        let j = journal(12, now, &Config::default());
        let names: Vec<&str> = j.measures.iter().map(|m| m.name.as_str()).collect();
        assert_eq!(names, ["sleep", "meds"]);
        for (m, least) in j.measures.iter().zip([60, 70]) {
            let mine: Vec<_> = j
                .days
                .iter()
                .filter(|d| d.reading.measure == m.id)
                .collect();
            assert!(mine.len() >= least, "{}: {}", m.name, mine.len());
            assert!(mine.iter().all(|d| m.fits(d.reading.value)), "{}", m.name);
        }
        let meds = j.measures[1].id;
        let taken = j
            .days
            .iter()
            .filter(|d| d.reading.measure == meds && d.reading.value.get() == 1.0);
        let skipped = j
            .days
            .iter()
            .filter(|d| d.reading.measure == meds && d.reading.value.get() == 0.0);
        assert!(taken.count() > 0 && skipped.count() > 0);
    }

    #[test]
    fn demo_is_deterministic_and_in_range() {
        let cfg = Config::default();
        let now = DateTime::parse_from_rfc3339("2026-11-29T09:00:00+00:00").unwrap();
        let a = checkins(8, now, &cfg.emotions, &cfg.rituals);
        let b = checkins(8, now, &cfg.emotions, &cfg.rituals);
        let moods = |v: &[CheckIn]| v.iter().map(|c| (c.at, c.mood)).collect::<Vec<_>>();
        assert_eq!(moods(&a), moods(&b));
        assert!(a.len() > 56, "about two a day, got {}", a.len());
        assert!(a.iter().all(|c| c.at <= now), "nothing in the future");
        assert!(a.iter().any(|c| c.mood.get() <= 3) && a.iter().any(|c| c.mood.get() >= 8));
    }
}
