//! Sample journals for `kindly demo` and the benchmarks: realistic, varied, and the same every run.

use chrono::{DateTime, Duration, FixedOffset, NaiveTime, TimeZone};

use crate::domain::{CheckIn, Energy, Label, Mood, PartRating, Scale};

const NOTES: &str = include_str!("../assets/demo-notes.txt");

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
    use crate::config::Config;

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
