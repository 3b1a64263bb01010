//! The therapist-ready summary: Markdown, or one self-contained HTML page with its chart
//! drawn as inline SVG (no scripts, no outside files). Aggregates only, unless notes are
//! asked for.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use crate::domain::{CheckIn, Scale, Thought};
use crate::insights::{Trends, sparkline};

/// What the report is made from: the trends, and the records behind them.
pub struct Source<'a> {
    pub trends: &'a Trends,
    pub checkins: &'a [CheckIn],
    pub thoughts: &'a [Thought],
    /// Include the person's own words (notes and reframes), not only figures.
    pub include_notes: bool,
}

fn num(v: Option<f64>) -> String {
    v.map_or("–".into(), |v| format!("{v:.1}"))
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Names with how often each came up, most often first.
type Tally = Vec<(String, usize)>;

/// The most named voices and thinking traps, with how often each came up.
fn recurring(thoughts: &[Thought]) -> (Tally, Tally) {
    let mut voices: BTreeMap<String, usize> = BTreeMap::new();
    let mut traps: BTreeMap<String, usize> = BTreeMap::new();
    for t in thoughts {
        if let Some(v) = &t.voice {
            *voices.entry(v.clone()).or_default() += 1;
        }
        for d in &t.distortions {
            *traps.entry(d.to_string()).or_default() += 1;
        }
    }
    let sorted = |m: BTreeMap<String, usize>| {
        let mut v: Vec<(String, usize)> = m.into_iter().collect();
        v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        v.truncate(5);
        v
    };
    (sorted(voices), sorted(traps))
}

/// Plain sentences shared by both formats, one per line.
fn summary_lines(s: &Source<'_>) -> Vec<String> {
    let t = s.trends;
    let mut out = vec![format!(
        "{} check-ins on {} days, {} to {}.",
        s.checkins.len(),
        t.days.len(),
        t.span.from,
        t.span.until
    )];
    let c = &t.critic;
    let mut critic = format!("{} thought records", c.count);
    if let Some(b) = c.mean_belief_relief {
        let _ = write!(
            critic,
            "; after reframing, belief in the thought eased {b:.1} points on average"
        );
    }
    if let Some(i) = c.mean_intensity_relief {
        let _ = write!(critic, " and the feelings {i:.1}");
    }
    out.push(critic + ".");
    let b = &t.breaks;
    out.push(if b.count == 0 {
        "No self-compassion breaks in this period.".into()
    } else {
        format!(
            "{} self-compassion breaks; mood {} before and {} after, on average.",
            b.count,
            num(b.mean_before),
            num(b.mean_after)
        )
    });
    out
}

pub fn markdown(s: &Source<'_>) -> String {
    let t = s.trends;
    let mut md = String::new();
    let _ = writeln!(
        md,
        "# kindly summary: {} to {}\n",
        t.span.from, t.span.until
    );
    for line in summary_lines(s) {
        let _ = writeln!(md, "- {line}");
    }
    let means: Vec<Option<f64>> = t.weeks.iter().map(|w| w.mean).collect();
    let _ = writeln!(
        md,
        "\n## Mood by week\n\n`{}` (1 to 10)\n",
        sparkline(&means, 1.0, 10.0)
    );
    let _ = writeln!(
        md,
        "| week of | days | mean | low | high |\n|---|---:|---:|---:|---:|"
    );
    for w in &t.weeks {
        let _ = writeln!(
            md,
            "| {} | {} | {} | {} | {} |",
            w.start,
            w.days,
            num(w.mean),
            num(w.min),
            num(w.max)
        );
    }
    if !t.rituals.is_empty() {
        let _ = writeln!(
            md,
            "\n## Gentle rituals\n\nMean day mood on days with the ritual, and without it.\n"
        );
        let _ = writeln!(
            md,
            "| ritual | with | days | without | days |\n|---|---:|---:|---:|---:|"
        );
        for r in &t.rituals {
            if r.comparable() {
                let _ = writeln!(
                    md,
                    "| {} | {} | {} | {} | {} |",
                    r.name,
                    num(r.mean_with),
                    r.days_with,
                    num(r.mean_without),
                    r.days_without
                );
            } else {
                let _ = writeln!(
                    md,
                    "| {} | not enough days yet | {} | | {} |",
                    r.name, r.days_with, r.days_without
                );
            }
        }
    }
    let (voices, traps) = recurring(s.thoughts);
    if !voices.is_empty() || !traps.is_empty() {
        let _ = writeln!(md, "\n## The inner critic\n");
        if !voices.is_empty() {
            let list: Vec<String> = voices.iter().map(|(v, n)| format!("{v} ({n})")).collect();
            let _ = writeln!(md, "- Voices heard most: {}", list.join(", "));
        }
        if !traps.is_empty() {
            let list: Vec<String> = traps.iter().map(|(v, n)| format!("{v} ({n})")).collect();
            let _ = writeln!(md, "- Thinking traps noticed most: {}", list.join(", "));
        }
    }
    if s.include_notes {
        let _ = writeln!(md, "\n## In their own words\n");
        for c in s.checkins.iter().filter(|c| c.note.is_some()) {
            let _ = writeln!(
                md,
                "- {} (mood {}): {}",
                c.at.format("%Y-%m-%d %H:%M"),
                c.mood.get(),
                c.note.as_deref().unwrap_or_default().replace('\n', " ")
            );
        }
        for th in s.thoughts.iter().filter(|t| t.reframe.is_some()) {
            let _ = writeln!(
                md,
                "- {}: “{}” → “{}”",
                th.at.format("%Y-%m-%d"),
                th.thought,
                th.reframe.as_deref().unwrap_or_default()
            );
        }
    }
    let _ = writeln!(
        md,
        "\n_Made by kindly, a self-compassion journal. Not a clinical assessment._"
    );
    crate::domain::visible(&md)
}

/// The daily mood chart: one circle per day with check-ins, and the 7-day average line.
pub fn svg(t: &Trends) -> String {
    let (w, h, pad) = (720.0_f64, 240.0_f64, 30.0_f64);
    let days = ((t.span.until - t.span.from).num_days().max(1)) as f64;
    let x =
        |d: chrono::NaiveDate| pad + (d - t.span.from).num_days() as f64 / days * (w - 2.0 * pad);
    let y = |v: f64| h - pad - (v - 1.0) / 9.0 * (h - 2.0 * pad);
    let mut svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {w} {h}\" width=\"{w}\" height=\"{h}\" role=\"img\" aria-label=\"Daily mood with a 7-day average\">"
    );
    for v in [1.0, 5.0, 10.0] {
        let _ = write!(
            svg,
            "<line x1=\"{pad}\" x2=\"{:.1}\" y1=\"{:.1}\" y2=\"{:.1}\" stroke=\"#ccd\" stroke-width=\"1\"/><text x=\"4\" y=\"{:.1}\" font-size=\"11\" fill=\"#667\">{v}</text>",
            w - pad,
            y(v),
            y(v),
            y(v) + 4.0
        );
    }
    let points: Vec<String> = t
        .moving
        .iter()
        .filter_map(|(d, v)| v.map(|v| format!("{:.1},{:.1}", x(*d), y(v))))
        .collect();
    let _ = write!(
        svg,
        "<polyline class=\"average\" fill=\"none\" stroke=\"#4a7fb0\" stroke-width=\"2\" points=\"{}\"/>",
        points.join(" ")
    );
    for d in &t.days {
        let _ = write!(
            svg,
            "<circle class=\"day\" cx=\"{:.1}\" cy=\"{:.1}\" r=\"3\" fill=\"#8a8fc4\"><title>{}: {:.1}</title></circle>",
            x(d.day),
            y(d.mood),
            d.day,
            d.mood
        );
    }
    let _ = write!(
        svg,
        "<text x=\"{pad}\" y=\"{:.1}\" font-size=\"11\" fill=\"#667\">{}</text><text x=\"{:.1}\" y=\"{:.1}\" font-size=\"11\" fill=\"#667\" text-anchor=\"end\">{}</text></svg>",
        h - 8.0,
        t.span.from,
        w - pad,
        h - 8.0,
        t.span.until
    );
    svg
}

pub fn html(s: &Source<'_>) -> String {
    let t = s.trends;
    let mut body = String::new();
    let _ = write!(
        body,
        "<h1>kindly summary: {} to {}</h1><ul>",
        t.span.from, t.span.until
    );
    for line in summary_lines(s) {
        let _ = write!(body, "<li>{}</li>", escape(&line));
    }
    let _ = write!(
        body,
        "</ul><h2>Mood by day</h2><p class=\"note\">Each dot is a day's mean mood (1 to 10); the line is the 7-day average.</p>{}",
        svg(t)
    );
    let _ = write!(
        body,
        "<h2>Mood by week</h2><table><tr><th>week of</th><th>days</th><th>mean</th><th>low</th><th>high</th></tr>"
    );
    for w in &t.weeks {
        let _ = write!(
            body,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            w.start,
            w.days,
            num(w.mean),
            num(w.min),
            num(w.max)
        );
    }
    body.push_str("</table>");
    if !t.rituals.is_empty() {
        body.push_str("<h2>Gentle rituals</h2><table><tr><th>ritual</th><th>mean with</th><th>days</th><th>mean without</th><th>days</th></tr>");
        for r in &t.rituals {
            let (with, without) = if r.comparable() {
                (num(r.mean_with), num(r.mean_without))
            } else {
                ("not enough days yet".to_string(), String::new())
            };
            let _ = write!(
                body,
                "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                escape(&r.name),
                with,
                r.days_with,
                without,
                r.days_without
            );
        }
        body.push_str("</table>");
    }
    let (voices, traps) = recurring(s.thoughts);
    if !voices.is_empty() || !traps.is_empty() {
        body.push_str("<h2>The inner critic</h2><ul>");
        let list = |v: &[(String, usize)]| {
            v.iter()
                .map(|(n, c)| format!("{} ({c})", escape(n)))
                .collect::<Vec<_>>()
                .join(", ")
        };
        if !voices.is_empty() {
            let _ = write!(body, "<li>Voices heard most: {}</li>", list(&voices));
        }
        if !traps.is_empty() {
            let _ = write!(
                body,
                "<li>Thinking traps noticed most: {}</li>",
                list(&traps)
            );
        }
        body.push_str("</ul>");
    }
    if s.include_notes {
        body.push_str("<h2>In their own words</h2><ul>");
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
        body.push_str("</ul>");
    }
    crate::domain::visible(&format!(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"/><title>kindly summary</title><style>body{{font-family:system-ui,sans-serif;max-width:760px;margin:2em auto;color:#223;line-height:1.5}}table{{border-collapse:collapse}}td,th{{padding:2px 10px;border-bottom:1px solid #dde;text-align:left}}.note{{color:#667}}</style></head><body>{body}<p class=\"note\">Made by kindly, a self-compassion journal. Not a clinical assessment.</p></body></html>\n"
    ))
}
