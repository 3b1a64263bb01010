//! Exports for people and spreadsheets: CSV (RFC 4180 quoting) and a Markdown journal.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use chrono::NaiveDate;

use crate::domain::time::format_at;
use crate::domain::{Journal, Label, Mood, Percent, Scale};

fn names(ls: &[Label]) -> String {
    ls.iter().map(Label::as_str).collect::<Vec<_>>().join("; ")
}

fn opt<T: ToString>(v: Option<T>) -> String {
    v.map(|v| v.to_string()).unwrap_or_default()
}

fn writer() -> csv::Writer<Vec<u8>> {
    csv::WriterBuilder::new().from_writer(Vec::new())
}

/// The finished file, with any control character from a note or an import shown as a
/// visible stand-in (an escape sequence in a cell must not reach a terminal that `cat`s the
/// file); line ends and tabs are kept.
fn finish(w: csv::Writer<Vec<u8>>) -> Result<Vec<u8>, csv::Error> {
    let bytes = w
        .into_inner()
        .map_err(|e| csv::Error::from(e.into_error()))?;
    let text = String::from_utf8_lossy(&bytes);
    Ok(text
        .split('\r')
        .map(crate::domain::visible)
        .collect::<Vec<_>>()
        .join("\r")
        .into_bytes())
}

/// The columns of each CSV file, as its header line names them (the fields of kindly's
/// JSON records of that kind, but kept lines and session marks).
pub const CHECKIN_COLUMNS: [&str; 10] = [
    "id",
    "at",
    "mood",
    "energy",
    "emotions",
    "rituals",
    "kindness",
    "humanity",
    "mindfulness",
    "note",
];
pub const THOUGHT_COLUMNS: [&str; 14] = [
    "id",
    "at",
    "situation",
    "thought",
    "voice",
    "emotions",
    "belief",
    "belief_after",
    "distortions",
    "friend",
    "helps",
    "evidence_for",
    "evidence_against",
    "reframe",
];
pub const ENTRY_COLUMNS: [&str; 7] = ["id", "at", "kind", "title", "tags", "prompt", "body"];
pub const BREAK_COLUMNS: [&str; 7] = [
    "id",
    "at",
    "mood_before",
    "mood_after",
    "moment",
    "shared",
    "wish",
];

/// One CSV file per record kind: (file name, bytes). Lists inside a cell are joined by "; ";
/// a thought's emotions are written `name before→after`. `kindly import` reads them back.
pub fn csv_files(j: &Journal) -> Result<Vec<(&'static str, Vec<u8>)>, csv::Error> {
    let mut checkins = writer();
    checkins.write_record(CHECKIN_COLUMNS)?;
    for c in &j.checkins {
        checkins.write_record([
            c.id.to_string(),
            format_at(&c.at),
            c.mood.get().to_string(),
            opt(c.energy.map(|e| e.get())),
            names(&c.emotions),
            names(&c.rituals),
            opt(c.kindness.map(|v| v.get())),
            opt(c.humanity.map(|v| v.get())),
            opt(c.mindfulness.map(|v| v.get())),
            c.note.clone().unwrap_or_default(),
        ])?;
    }
    let mut thoughts = writer();
    thoughts.write_record(THOUGHT_COLUMNS)?;
    for t in &j.thoughts {
        let emotions: Vec<String> = t
            .emotions
            .iter()
            .map(|e| {
                format!(
                    "{} {}→{}",
                    e.name,
                    opt(e.intensity.map(Percent::get)),
                    opt(e.intensity_after.map(Percent::get))
                )
            })
            .collect();
        thoughts.write_record([
            t.id.to_string(),
            format_at(&t.at),
            t.situation.clone().unwrap_or_default(),
            t.thought.clone(),
            t.voice.clone().unwrap_or_default(),
            emotions.join("; "),
            opt(t.belief.map(Percent::get)),
            opt(t.belief_after.map(Percent::get)),
            names(&t.distortions),
            t.friend.clone().unwrap_or_default(),
            t.helps.map(|h| h.as_str()).unwrap_or_default().to_string(),
            t.evidence_for.clone().unwrap_or_default(),
            t.evidence_against.clone().unwrap_or_default(),
            t.reframe.clone().unwrap_or_default(),
        ])?;
    }
    let mut entries = writer();
    entries.write_record(ENTRY_COLUMNS)?;
    for e in &j.entries {
        entries.write_record([
            e.id.to_string(),
            format_at(&e.at),
            e.kind.as_str().to_string(),
            e.title.clone().unwrap_or_default(),
            names(&e.tags),
            e.prompt.clone().unwrap_or_default(),
            e.body.clone(),
        ])?;
    }
    let mut breaks = writer();
    breaks.write_record(BREAK_COLUMNS)?;
    for b in &j.breaks {
        breaks.write_record([
            b.id.to_string(),
            format_at(&b.at),
            b.mood_before.get().to_string(),
            opt(b.mood_after.map(Mood::get)),
            b.moment.clone().unwrap_or_default(),
            b.shared.clone().unwrap_or_default(),
            b.wish.clone().unwrap_or_default(),
        ])?;
    }
    let mut files = vec![
        (CSV_FILES[0], finish(checkins)?),
        (CSV_FILES[1], finish(thoughts)?),
        (CSV_FILES[2], finish(entries)?),
        (CSV_FILES[3], finish(breaks)?),
    ];
    if let Some(values) = super::measures_text::csv(j)? {
        files.push((super::measures_text::MEASURES_CSV, values));
    }
    Ok(files)
}

/// The files a CSV export writes, one per record kind.
pub const CSV_FILES: [&str; 4] = ["checkins.csv", "thoughts.csv", "entries.csv", "breaks.csv"];

/// A readable journal: one section per day, newest first, each record under its time.
pub fn markdown(j: &Journal) -> String {
    // (day, sort key, text); sort key keeps the day's records in time order.
    let mut days: BTreeMap<NaiveDate, Vec<(i64, String)>> = BTreeMap::new();
    for c in &j.checkins {
        let energy = c
            .energy
            .map(|e| format!(" · energy {}", e.get()))
            .unwrap_or_default();
        let mut s = format!(
            "### {} · check-in · mood {}{energy}{}\n",
            c.at.format("%H:%M"),
            c.mood.get(),
            super::measures_text::on_line(&j.measures, &c.measures)
        );
        // The self-compassion parts rated (1–5), the unrated left out.
        let parts: Vec<String> = [
            ("kindness", c.kindness),
            ("humanity", c.humanity),
            ("mindfulness", c.mindfulness),
        ]
        .into_iter()
        .filter_map(|(name, r)| r.map(|r| format!("{name} {}", r.get())))
        .collect();
        if !parts.is_empty() {
            let _ = writeln!(s, "\nSelf-compassion (of 5): {}", parts.join(", "));
        }
        // Emotions felt and rituals done, each on its own line.
        for (what, labels) in [("Feeling", &c.emotions), ("Rituals", &c.rituals)] {
            let names: Vec<&str> = labels.iter().map(Label::as_str).collect();
            if !names.is_empty() {
                let _ = writeln!(s, "\n{what}: {}", names.join(", "));
            }
        }
        if let Some(n) = &c.note {
            let _ = writeln!(s, "\n{n}");
        }
        days.entry(c.day()).or_default().push((c.at.timestamp(), s));
    }
    for t in &j.thoughts {
        let mut s = format!(
            "### {} · thought record\n\n> {}\n",
            t.at.format("%H:%M"),
            t.thought.replace('\n', "\n> ")
        );
        let felt: Vec<String> = t
            .emotions
            .iter()
            .map(|e| match (e.intensity, e.intensity_after) {
                (Some(b), Some(a)) => format!("{} {}% → {}%", e.name, b.get(), a.get()),
                (Some(b), None) => format!("{} {}%", e.name, b.get()),
                _ => e.name.to_string(),
            })
            .collect();
        let felt = (!felt.is_empty()).then(|| felt.join(", "));
        let traps = (!t.distortions.is_empty()).then(|| {
            t.distortions
                .iter()
                .map(Label::as_str)
                .collect::<Vec<_>>()
                .join(", ")
        });
        let helps = t.helps.map(|h| h.words().to_string());
        for (label, v) in [
            ("What was happening", &t.situation),
            ("Whose voice", &t.voice),
            ("Feelings", &felt),
            ("Thinking traps", &traps),
            ("To a friend", &t.friend),
            ("Is it helping or hurting", &helps),
            ("What supports it", &t.evidence_for),
            ("What doesn't", &t.evidence_against),
            ("A kinder answer", &t.reframe),
        ] {
            if let Some(v) = v {
                let _ = writeln!(s, "\n**{label}:** {v}");
            }
        }
        if let (Some(b), Some(a)) = (t.belief, t.belief_after) {
            let _ = writeln!(s, "\n**Belief:** {}% → {}%", b.get(), a.get());
        }
        days.entry(t.day()).or_default().push((t.at.timestamp(), s));
    }
    for e in &j.entries {
        let mut s = format!(
            "### {} · {}{}\n\n{}\n",
            e.at.format("%H:%M"),
            e.kind.as_str(),
            e.title
                .as_deref()
                .map(|t| format!(": {t}"))
                .unwrap_or_default(),
            e.body
        );
        if let Some(p) = &e.prompt {
            let _ = writeln!(
                s,
                "\n_Written from: {}_",
                crate::domain::letter_prompt_words(p)
            );
        }
        if !e.tags.is_empty() {
            let _ = writeln!(
                s,
                "\n_{}_",
                e.tags
                    .iter()
                    .map(|t| format!("#{t}"))
                    .collect::<Vec<_>>()
                    .join(" ")
            );
        }
        days.entry(e.day()).or_default().push((e.at.timestamp(), s));
    }
    for b in &j.breaks {
        let mut s = format!(
            "### {} · self-compassion break · mood {} → {}\n",
            b.at.format("%H:%M"),
            b.mood_before.get(),
            opt(b.mood_after.map(Mood::get))
        );
        for line in [&b.moment, &b.shared, &b.wish].into_iter().flatten() {
            let _ = writeln!(s, "\n- {line}");
        }
        days.entry(b.at.date_naive())
            .or_default()
            .push((b.at.timestamp(), s));
    }
    for (day, line) in super::measures_text::day_lines(j) {
        days.entry(day).or_default().push((i64::MIN, line));
    }
    let mut md = String::from("# kindly journal\n");
    for (day, mut records) in days.into_iter().rev() {
        records.sort_by_key(|r| r.0);
        let _ = writeln!(md, "\n## {}\n", day.format("%A %-d %B %Y"));
        for (_, text) in records {
            let _ = writeln!(md, "{text}");
        }
    }
    // Read in a terminal, an editor or a Markdown viewer: no control character and no HTML
    // from a note goes out as it is.
    crate::domain::visible_markdown(&md)
}
