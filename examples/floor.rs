//! The floor kindly's first frame is measured against: the least a journal TUI can do to
//! show something true. It opens the journal read-only, reads the last 20 check-ins, draws
//! them in one bordered list, and waits for a key. `scripts/bench-compare.sh` times it
//! beside kindly in the same run.
//!
//!     cargo run --release --example floor -- PATH/TO/kindly.db

use std::io::stdout;

use ratatui::crossterm::event::{self, Event, KeyEventKind};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::widgets::{Block, BorderType, Borders, List};
use ratatui::{Terminal, backend::CrosstermBackend};
use rusqlite::{Connection, OpenFlags};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args()
        .nth(1)
        .ok_or("usage: floor PATH/TO/kindly.db")?;
    let conn = Connection::open_with_flags(
        &path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    let mut stmt = conn.prepare(
        "SELECT at, mood, coalesce(note, '') FROM checkins WHERE deleted_at IS NULL \
         ORDER BY at_utc DESC LIMIT 20",
    )?;
    let rows: Vec<String> = stmt
        .query_map([], |r| {
            let at: String = r.get(0)?;
            let mood: i64 = r.get(1)?;
            let note: String = r.get(2)?;
            Ok(format!("{at}  {mood:>2}  {note}"))
        })?
        .collect::<Result<_, _>>()?;

    enable_raw_mode()?;
    execute!(stdout(), EnterAlternateScreen)?;
    let mut terminal = Terminal::new(CrosstermBackend::new(stdout()))?;
    terminal.draw(|f| {
        let list = List::new(rows.clone()).block(
            Block::default()
                .borders(Borders::ALL)
                .border_type(BorderType::Rounded)
                .title(" How are you · last 20 · q to quit "),
        );
        f.render_widget(list, f.area());
    })?;
    loop {
        if let Event::Key(k) = event::read()?
            && k.kind != KeyEventKind::Release
        {
            break;
        }
    }
    execute!(stdout(), LeaveAlternateScreen)?;
    disable_raw_mode()?;
    Ok(())
}
