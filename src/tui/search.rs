//! The search box: type to look through everything written, Enter opens the record.

use chrono::NaiveDate;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders, Clear, Paragraph, Widget, Wrap};
use ratatui_textarea::{Input, TextArea};

use super::theme::Theme;
use super::widgets::{editor, editor_text, show_cursor, shown};
use crate::store::{Found, Store, StoreError};

/// How many matches the box lists.
const LIMIT: usize = 200;

pub struct SearchBox {
    pub input: TextArea<'static>,
    pub results: Vec<Found>,
    pub selected: usize,
    /// Why the words can't be searched, said gently.
    pub problem: Option<String>,
}

impl Default for SearchBox {
    fn default() -> Self {
        Self::new()
    }
}

impl SearchBox {
    pub fn new() -> Self {
        let mut input = editor("", "words, \"a phrase\", walk*, -rain");
        show_cursor(&mut input, true);
        Self {
            input,
            results: Vec::new(),
            selected: 0,
            problem: None,
        }
    }

    pub fn query(&self) -> String {
        editor_text(&self.input)
    }

    pub fn type_key(&mut self, input: Input) -> bool {
        if matches!(input.key, ratatui_textarea::Key::Enter) {
            return false;
        }
        self.input.input(input)
    }

    pub fn paste(&mut self, text: &str) -> bool {
        self.input.insert_str(text.replace(['\n', '\r'], " "))
    }

    /// Searches again for what the box holds.
    pub fn run(&mut self, store: &Store) {
        let query = self.query();
        self.selected = 0;
        if query.trim().is_empty() {
            self.results.clear();
            self.problem = None;
            return;
        }
        match store.search(&query, LIMIT) {
            Ok(found) => {
                self.results = found;
                self.problem = None;
            }
            Err(StoreError::Invalid(e)) => {
                // Keep the last results while the words are half typed.
                self.problem = Some(format!("The {e}."));
            }
            Err(e) => self.problem = Some(format!("Search isn't working just now ({e}).")),
        }
    }
}

pub struct SearchView<'a> {
    pub hits: &'a crate::tui::pane::Hits,
    pub search: &'a SearchBox,
    pub theme: &'a Theme,
    pub today: NaiveDate,
}

impl Widget for SearchView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let s = self.search;
        let t = self.theme;
        Clear.render(area, buf);
        let block = Block::default()
            .borders(Borders::ALL)
            .border_type(BorderType::Rounded)
            .border_style(t.accent)
            .title(Span::styled(" Search everything ", t.title));
        let inner = block.inner(area);
        block.render(area, buf);
        let [input, status, list] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Length(1),
            Constraint::Min(0),
        ])
        .areas(inner);
        let [mark, text] =
            Layout::horizontal([Constraint::Length(2), Constraint::Min(1)]).areas(input);
        Line::from(Span::styled("/", t.focus)).render(mark, buf);
        s.input.render(text, buf);
        let words = match (&s.problem, s.results.len(), s.query().trim().is_empty()) {
            (Some(p), _, _) => Span::styled(p.clone(), t.notice),
            (None, _, true) => {
                Span::styled("Type to look through notes, thoughts and pages.", t.muted)
            }
            (None, 0, false) => {
                Span::styled("Nothing found. Fewer or shorter words may help.", t.muted)
            }
            (None, 1, false) => Span::styled("1 match", t.muted),
            (None, n, false) => Span::styled(format!("{n} matches, newest first"), t.muted),
        };
        Paragraph::new(Line::from(words))
            .wrap(Wrap { trim: true })
            .render(status, buf);
        let fits = usize::from(list.height.max(1));
        let first = s.selected.saturating_sub(fits - 1);
        for (i, f) in s.results.iter().enumerate().skip(first).take(fits) {
            let y = list.y + (i - first) as u16;
            let row = Rect::new(list.x, y, list.width, 1);
            let date = if f.at.date_naive() == self.today {
                f.at.format("today").to_string()
            } else {
                f.at.format("%-d %b %Y").to_string()
            };
            let mut spans = vec![
                Span::styled(format!("{:<9}", f.kind.word()), t.accent),
                Span::styled(format!("{date:<12}"), t.muted),
            ];
            for (run, matched) in f.runs() {
                spans.push(Span::styled(
                    shown(&run),
                    if matched { t.focus } else { t.text },
                ));
            }
            let mut line = Line::from(spans);
            if i == s.selected {
                buf.set_style(row, t.selection);
                line = line.patch_style(t.selection);
            }
            line.render(row, buf);
            self.hits.add(row, crate::tui::pane::Target::Row(i));
        }
    }
}
