//! The report as one HTML page: inline SVG charts, a stylesheet for the screen and for
//! print (A4 or Letter, nothing split across pages, readable in greyscale), no scripts and
//! no outside requests.

use std::fmt::Write as _;

use super::figures::{Figures, TIMES, WEEKDAYS, WeekRow};
use super::{Source, at_a_glance, gap_line, num};
use crate::domain::Scale;
use crate::insights::Trends;

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

const INK: &str = "#2b3550";
const GRID: &str = "#c8ccd8";

/// The daily mood: a dot per day with check-ins, and the 7-day average as a line.
pub fn daily(t: &Trends) -> String {
    let (w, h, pad) = (720.0_f64, 220.0_f64, 30.0_f64);
    let days = ((t.span.until - t.span.from).num_days().max(1)) as f64;
    let x =
        |d: chrono::NaiveDate| pad + (d - t.span.from).num_days() as f64 / days * (w - 2.0 * pad);
    let y = |v: f64| h - pad - (v - 1.0) / 9.0 * (h - 2.0 * pad);
    let mut svg = format!(
        "<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {w} {h}\" role=\"img\" aria-label=\"Daily mood with a 7-day average\">"
    );
    for v in [1.0, 5.0, 10.0] {
        let _ = write!(
            svg,
            "<line x1=\"{pad}\" x2=\"{:.1}\" y1=\"{:.1}\" y2=\"{:.1}\" stroke=\"{GRID}\"/><text x=\"4\" y=\"{:.1}\" font-size=\"11\" fill=\"{INK}\">{v}</text>",
            w - pad,
            y(v),
            y(v),
            y(v) + 4.0
        );
    }
    // The dots first, the line over them, so neither hides the other.
    for d in &t.days {
        let _ = write!(
            svg,
            "<circle class=\"day\" cx=\"{:.1}\" cy=\"{:.1}\" r=\"3.2\" fill=\"#fff\" stroke=\"{INK}\" stroke-width=\"1.4\"><title>{}: {:.1}</title></circle>",
            x(d.day),
            y(d.mood),
            d.day,
            d.mood
        );
    }
    let points: Vec<String> = t
        .moving
        .iter()
        .filter_map(|(d, v)| v.map(|v| format!("{:.1},{:.1}", x(*d), y(v))))
        .collect();
    let _ = write!(
        svg,
        "<polyline class=\"average\" fill=\"none\" stroke=\"{INK}\" stroke-width=\"2\" stroke-dasharray=\"6 3\" points=\"{}\"/>",
        points.join(" ")
    );
    let _ = write!(
        svg,
        "<text x=\"{pad}\" y=\"{:.1}\" font-size=\"11\" fill=\"{INK}\">{}</text><text x=\"{:.1}\" y=\"{:.1}\" font-size=\"11\" fill=\"{INK}\" text-anchor=\"end\">{}</text></svg>",
        h - 8.0,
        t.span.from.format("%-d %b"),
        w - pad,
        h - 8.0,
        t.span.until.format("%-d %b")
    );
    svg
}

/// One small chart of a weekly series: a bar per week (none where there was nothing).
fn small(
    title: &str,
    weeks: &[WeekRow],
    get: impl Fn(&WeekRow) -> Option<f64>,
    lo: f64,
    hi: f64,
) -> String {
    let (w, h, pad) = (220.0_f64, 96.0_f64, 16.0_f64);
    let n = weeks.len().max(1) as f64;
    let step = (w - 2.0 * pad) / n;
    let y = |v: f64| h - pad - (v - lo) / (hi - lo) * (h - 2.0 * pad - 10.0);
    let mut svg = format!(
        "<figure class=\"small\"><figcaption>{}</figcaption><svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {w} {h}\" role=\"img\" aria-label=\"{} by week\">",
        escape(title),
        escape(title)
    );
    let _ = write!(
        svg,
        "<line x1=\"{pad}\" x2=\"{:.1}\" y1=\"{:.1}\" y2=\"{:.1}\" stroke=\"{GRID}\"/>",
        w - pad,
        h - pad,
        h - pad
    );
    for (i, wk) in weeks.iter().enumerate() {
        if let Some(v) = get(wk) {
            let top = y(v);
            let _ = write!(
                svg,
                "<rect x=\"{:.1}\" y=\"{top:.1}\" width=\"{:.1}\" height=\"{:.1}\" fill=\"{INK}\" fill-opacity=\"0.75\"><title>week of {}: {v:.1}</title></rect>",
                pad + i as f64 * step + step * 0.15,
                step * 0.7,
                (h - pad - top).max(0.5),
                wk.start
            );
        }
    }
    let _ = write!(
        svg,
        "<text x=\"2\" y=\"{:.1}\" font-size=\"9\" fill=\"{INK}\">{lo}</text><text x=\"2\" y=\"12\" font-size=\"9\" fill=\"{INK}\">{hi}</text></svg></figure>",
        h - pad
    );
    svg
}

fn table(head: &[&str], rows: Vec<Vec<String>>) -> String {
    let mut out = String::from("<table><tr>");
    for h in head {
        let _ = write!(out, "<th>{}</th>", escape(h));
    }
    out.push_str("</tr>");
    for r in rows {
        out.push_str("<tr>");
        for c in r {
            let _ = write!(out, "<td>{}</td>", escape(&c));
        }
        out.push_str("</tr>");
    }
    out.push_str("</table>");
    out
}

const STYLE: &str = "body{font-family:system-ui,sans-serif;max-width:760px;margin:2em auto;padding:0 1em;color:#1d2233;line-height:1.5}\
h1{font-size:1.5em}h2{font-size:1.15em;margin-top:1.6em}\
table{border-collapse:collapse;margin:.5em 0}td,th{padding:2px 10px;border-bottom:1px solid #ccd;text-align:left}td:not(:first-child),th:not(:first-child){text-align:right}\
.note{color:#555}.chart{width:100%;height:auto}.smalls{display:flex;flex-wrap:wrap;gap:8px}\
figure.small{margin:0;width:230px}figure.small svg{width:100%;height:auto}figcaption{font-size:.85em}\
.first{border:1px solid #ccd;padding:.5em 1em;border-radius:6px}.marks li{margin:.3em 0}.own{font-style:italic}\
section,table,figure,.chart{break-inside:avoid;page-break-inside:avoid}\
@page{margin:15mm}\
@media print{body{max-width:none;margin:0;padding:0;font-size:10.5pt}.first{border:none;padding:0}h2{break-after:avoid;page-break-after:avoid}a{color:inherit}}";

pub fn html(s: &Source<'_>) -> String {
    let t = s.trends;
    let f: Figures = s.figures();
    let mut body = String::new();
    let _ = write!(
        body,
        "<section class=\"first\"><h1>{}</h1><ul>",
        escape(&s.title())
    );
    for line in at_a_glance(s, &f) {
        let _ = write!(body, "<li>{}</li>", escape(&line));
    }
    body.push_str("</ul>");
    if !s.marks.is_empty() {
        body.push_str("<h2>To bring up</h2><ul class=\"marks\">");
        for (m, about) in s.marks {
            let _ = write!(
                body,
                "<li>{} · {}",
                m.added_at.format("%-d %b"),
                escape(about)
            );
            if let Some(note) = &m.note {
                let _ = write!(body, " — <span class=\"own\">{}</span>", escape(note));
            }
            body.push_str("</li>");
        }
        body.push_str("</ul>");
    }
    body.push_str("</section>");
    let _ = write!(
        body,
        "<section><h2>Mood by day</h2><p class=\"note\">Each ring is a day's mean mood (1 to 10); the dashed line is the 7-day average.</p>{}</section>",
        daily(t)
    );
    body.push_str("<section><h2>Week by week</h2><div class=\"smalls\">");
    body.push_str(&small("Mood (1–10)", &f.weeks, |w| w.mood, 1.0, 10.0));
    body.push_str(&small("Energy (1–10)", &f.weeks, |w| w.energy, 1.0, 10.0));
    body.push_str(&small(
        "Kindness to self (1–5)",
        &f.weeks,
        |w| w.parts[0],
        1.0,
        5.0,
    ));
    body.push_str(&small(
        "Common humanity (1–5)",
        &f.weeks,
        |w| w.parts[1],
        1.0,
        5.0,
    ));
    body.push_str(&small(
        "Mindfulness (1–5)",
        &f.weeks,
        |w| w.parts[2],
        1.0,
        5.0,
    ));
    body.push_str(&small(
        "Thought records",
        &f.weeks,
        |w| Some(w.thoughts as f64),
        0.0,
        f.weeks.iter().map(|w| w.thoughts).max().unwrap_or(1).max(1) as f64,
    ));
    body.push_str("</div>");
    body.push_str(&table(
        &[
            "week of",
            "check-ins",
            "mood",
            "energy",
            "thought records",
            "belief eased",
            "feelings eased",
        ],
        f.weeks
            .iter()
            .map(|w| {
                vec![
                    w.start.format("%-d %b").to_string(),
                    w.checkins.to_string(),
                    num(w.mood),
                    num(w.energy),
                    w.thoughts.to_string(),
                    num(w.belief_relief),
                    num(w.intensity_relief),
                ]
            })
            .collect(),
    ));
    body.push_str("</section>");
    if !f.emotions.is_empty() || !f.felt.is_empty() {
        body.push_str("<section><h2>Emotions</h2>");
        if !f.emotions.is_empty() {
            let list: Vec<String> = f
                .emotions
                .iter()
                .map(|(e, n)| format!("{e} ({n})"))
                .collect();
            let _ = write!(
                body,
                "<p>Noticed most in check-ins: {}.</p>",
                escape(&list.join(", "))
            );
        }
        if !f.felt.is_empty() {
            body.push_str("<p class=\"note\">Rated in thought records (0–100), before and after reframing.</p>");
            body.push_str(&table(
                &["emotion", "records", "before", "after"],
                f.felt
                    .iter()
                    .map(|e| {
                        vec![
                            e.name.clone(),
                            e.records.to_string(),
                            num(e.before),
                            num(e.after),
                        ]
                    })
                    .collect(),
            ));
        }
        body.push_str("</section>");
    }
    if !f.voices.is_empty() || !f.traps.is_empty() {
        body.push_str("<section><h2>The inner critic</h2>");
        if !f.voices.is_empty() {
            body.push_str(&table(
                &[
                    "voice that came back",
                    "records",
                    "belief eased, earlier",
                    "lately",
                ],
                f.voices
                    .iter()
                    .map(|v| {
                        vec![
                            v.name.clone(),
                            v.records.to_string(),
                            num(v.earlier),
                            num(v.later),
                        ]
                    })
                    .collect(),
            ));
        }
        if !f.traps.is_empty() {
            let list: Vec<String> = f.traps.iter().map(|(v, n)| format!("{v} ({n})")).collect();
            let _ = write!(
                body,
                "<p>Thinking traps noticed most: {}.</p>",
                escape(&list.join(", "))
            );
        }
        body.push_str("</section>");
    }
    if f.checkins > 0 {
        body.push_str("<section><h2>When</h2>");
        let mut head = vec![""];
        head.extend(WEEKDAYS);
        let mut moods = vec!["mood".to_string()];
        moods.extend(f.weekdays.iter().map(|c| num(c.mean)));
        let mut ns = vec!["check-ins".to_string()];
        ns.extend(f.weekdays.iter().map(|c| c.n.to_string()));
        body.push_str(&table(&head, vec![moods, ns]));
        body.push_str(&table(
            &["time of day", "mood", "check-ins"],
            TIMES
                .iter()
                .zip(f.times.iter())
                .map(|(n, c)| vec![n.to_string(), num(c.mean), c.n.to_string()])
                .collect(),
        ));
        body.push_str("</section>");
    }
    if t.rituals.iter().any(|r| r.comparable()) {
        body.push_str("<section><h2>Gentle rituals</h2><p class=\"note\">Mean day mood on days with the ritual, and without it.</p>");
        body.push_str(&table(
            &["ritual", "with", "days", "without", "days"],
            t.rituals
                .iter()
                .filter(|r| r.comparable())
                .map(|r| {
                    vec![
                        r.name.clone(),
                        num(r.mean_with),
                        r.days_with.to_string(),
                        num(r.mean_without),
                        r.days_without.to_string(),
                    ]
                })
                .collect(),
        ));
        body.push_str("</section>");
    }
    if !f.gaps.is_empty() {
        body.push_str("<section><h2>Quieter stretches</h2><ul>");
        for (a, b) in &f.gaps {
            let _ = write!(body, "<li>{}</li>", escape(&gap_line(*a, *b)));
        }
        body.push_str("</ul></section>");
    }
    if s.include_notes {
        body.push_str("<section><h2>In your own words</h2><ul>");
        for c in s.checkins.iter().filter(|c| c.note.is_some()) {
            let _ = write!(
                body,
                "<li>{} (mood {}): {}</li>",
                c.at.format("%Y-%m-%d %H:%M"),
                c.mood.get(),
                escape(c.note.as_deref().unwrap_or_default())
            );
        }
        for th in s.thoughts.iter().filter(|t| t.reframe.is_some()) {
            let _ = write!(
                body,
                "<li>{}: “{}” → “{}”</li>",
                th.at.format("%Y-%m-%d"),
                escape(&th.thought),
                escape(th.reframe.as_deref().unwrap_or_default())
            );
        }
        body.push_str("</ul></section>");
    }
    let title = escape(&s.title());
    crate::domain::visible(&format!(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"/><meta name=\"viewport\" content=\"width=device-width\"/><title>{title}</title><style>{STYLE}</style></head><body>{body}<p class=\"note\">Made by kindly, a self-compassion journal. Not a clinical assessment.</p></body></html>\n"
    ))
}
