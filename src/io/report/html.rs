//! The report as one HTML page: inline SVG charts, a stylesheet for the screen and for
//! print (A4 or Letter, nothing split across pages, readable in greyscale), no scripts and
//! no outside requests.

use std::fmt::Write as _;

use super::model::{Block, Item, Report, Series};
use super::source::Source;
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
fn small(s: &Series) -> String {
    let (title, lo, hi) = (s.name, s.lo, s.hi);
    let (w, h, pad) = (220.0_f64, 96.0_f64, 16.0_f64);
    let n = s.weeks.len().max(1) as f64;
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
    for (i, (start, value)) in s.weeks.iter().zip(&s.values).enumerate() {
        if let Some(v) = *value {
            let top = y(v);
            let _ = write!(
                svg,
                "<rect x=\"{:.1}\" y=\"{top:.1}\" width=\"{:.1}\" height=\"{:.1}\" fill=\"{INK}\" fill-opacity=\"0.75\"><title>week of {}: {v:.1}</title></rect>",
                pad + i as f64 * step + step * 0.15,
                step * 0.7,
                (h - pad - top).max(0.5),
                start
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

fn table(head: &[String], rows: &[Vec<String>]) -> String {
    let mut out = String::from("<table><tr>");
    for h in head {
        let _ = write!(out, "<th>{}</th>", escape(h));
    }
    out.push_str("</tr>");
    for r in rows {
        out.push_str("<tr>");
        for c in r {
            let _ = write!(out, "<td>{}</td>", escape(c));
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

fn item(i: &Item) -> String {
    match &i.own {
        Some(own) => format!(
            "{} — <span class=\"own\">{}</span>",
            escape(&i.text),
            escape(own)
        ),
        None => escape(&i.text),
    }
}

fn block(body: &mut String, b: &Block<'_>) {
    match b {
        Block::Subheading(h) => {
            let _ = write!(body, "<h2>{}</h2>", escape(h));
        }
        Block::List(list) => {
            body.push_str(if list.marks {
                "<ul class=\"marks\">"
            } else {
                "<ul>"
            });
            for i in &list.items {
                let _ = write!(body, "<li>{}</li>", item(i));
            }
            body.push_str("</ul>");
        }
        Block::Text(text) => {
            let _ = write!(body, "<p>{}</p>", escape(text));
        }
        Block::Note(text) => {
            let _ = write!(body, "<p class=\"note\">{}</p>", escape(text));
        }
        Block::Table(t) => body.push_str(&table(&t.head, &t.rows)),
        Block::Weekly(series) => {
            body.push_str("<div class=\"smalls\">");
            for s in series {
                body.push_str(&small(s));
            }
            body.push_str("</div>");
        }
        Block::DailyMood(trends) => body.push_str(&daily(trends)),
    }
}

/// The report as one HTML page.
pub fn html(s: &Source<'_>) -> String {
    render(&Report::of(s))
}

fn render(report: &Report<'_>) -> String {
    let title = escape(&report.title);
    let mut body = String::new();
    for section in &report.sections {
        match section.heading {
            None => {
                let _ = write!(body, "<section class=\"first\"><h1>{title}</h1>");
            }
            Some(h) => {
                let _ = write!(body, "<section><h2>{}</h2>", escape(h));
            }
        }
        for b in &section.blocks {
            block(&mut body, b);
        }
        body.push_str("</section>");
    }
    crate::domain::visible(&format!(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"/><meta name=\"viewport\" content=\"width=device-width\"/><title>{title}</title><style>{STYLE}</style></head><body>{body}<p class=\"note\">Made by kindly, a self-compassion journal. Not a clinical assessment.</p></body></html>\n"
    ))
}
