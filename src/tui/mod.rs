//! The terminal UI: a guard that always gives the terminal back, and an event loop that
//! draws only after something changed and sleeps (no CPU) while waiting.

pub mod action;
pub mod app;
pub mod keymap;
pub mod pane;
pub mod panes;
pub mod records;
pub mod search;
pub mod session_list;
pub mod theme;
pub mod typed;
pub mod vocabulary;
pub mod widgets;

use std::io::{IsTerminal, Stdout, stdout};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::time::{Duration, Instant};

use anyhow::Context;
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::event::{
    self, DisableBracketedPaste, DisableFocusChange, DisableMouseCapture, EnableBracketedPaste,
    EnableFocusChange, EnableMouseCapture, Event,
};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};

pub use app::App;

use crate::config::Config;
use crate::store::Store;
use app::exchange;

/// What the TUI checks of the config file's `[keys]` and `[themes.NAME]` tables as it is
/// read, so a mistake is named with its line before the screen opens.
pub const CONFIG_CHECKS: crate::config::Checks = crate::config::Checks {
    keys: check_keys,
    theme: check_theme,
};

fn check_keys(keys: &[(String, Vec<String>)]) -> Result<(), (String, String)> {
    keymap::Keymap::with(keys)
        .map(|_| ())
        .map_err(|e| (e.action, e.message))
}

fn check_theme(roles: &std::collections::BTreeMap<String, String>) -> Result<(), String> {
    theme::Theme::from_roles(roles).map(|_| ())
}

/// The most terminal events read in one run, so a long paste still shows as it comes in.
const RUN: usize = 512;

/// How long the input thread looks for more input already waiting behind an event.
const LOOK_AHEAD: Duration = Duration::from_millis(1);

/// What wakes the event loop.
enum Wake {
    /// Terminal events: one, or a run of them that were already waiting (a paste, a burst
    /// of typing), so the loop wakes and draws once for the run.
    Term(Vec<Event>),
    /// The terminal went away or input broke: save and leave.
    InputClosed,
    /// SIGTERM or SIGHUP: save and leave.
    Signal,
    /// The exchange with the sync folder, on its own thread, is done.
    Exchanged(exchange::Report),
}

/// Raw mode and the alternate screen, undone on drop (quit or error) and by the panic hook.
struct TerminalGuard;

impl TerminalGuard {
    fn enter(mouse: bool) -> anyhow::Result<Self> {
        install_panic_hook();
        let guard = TerminalGuard;
        Self::take_terminal(mouse)?;
        Ok(guard)
    }

    /// Raw mode, the alternate screen, bracketed paste and (if wanted) the mouse: at the
    /// start, and again when an editor hands the terminal back.
    fn take_terminal(mouse: bool) -> anyhow::Result<()> {
        enable_raw_mode().context("couldn't prepare the terminal")?;
        // Bracketed paste delivers a paste as text, so pasted letters are never taken as keys.
        // Focus reports wake the window when the person comes back to it, so what another
        // window saved meanwhile is there to see.
        execute!(
            stdout(),
            EnterAlternateScreen,
            EnableBracketedPaste,
            EnableFocusChange
        )
        .context("couldn't prepare the terminal")?;
        if mouse {
            execute!(stdout(), EnableMouseCapture).context("couldn't prepare the terminal")?;
        }
        Ok(())
    }
}

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        restore_terminal();
    }
}

/// Gives the terminal back. Errors are ignored: a vanished terminal has nothing to restore,
/// and printing about it could panic.
fn restore_terminal() {
    let _ = disable_raw_mode();
    let _ = execute!(
        stdout(),
        DisableMouseCapture,
        DisableBracketedPaste,
        DisableFocusChange,
        LeaveAlternateScreen,
        ratatui::crossterm::cursor::Show
    );
}

fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore_terminal();
        previous(info);
    }));
}

/// Opens the TUI on `store` until the person quits, a signal arrives or the terminal goes.
/// The day's `backup`, if due, starts once the first frame is out.
pub fn run(store: Store, config: Config, mut backup: crate::backups::Backup) -> anyhow::Result<()> {
    if !std::io::stdin().is_terminal() || !stdout().is_terminal() {
        anyhow::bail!(
            "kindly's screen needs a terminal; from a script, try 'kindly checkin --help'"
        );
    }
    let mouse = config.mouse;
    let clock: app::Clock = Box::new(crate::domain::time::now_local);
    // The integrity check starts once the first frame is out; writes wait for its answer.
    let mut app = App::open(store, config.clone(), theme::Theme::resolve(&config), clock)?;

    let guard = TerminalGuard::enter(mouse)?;
    let mut terminal = fresh_screen()?;
    // Input is read on its own thread only once the terminal is set up, so nothing the
    // terminal says during set-up is taken for a key. It reads one event (and any already
    // waiting behind it) each time the loop says go, so while an editor has the terminal,
    // nothing of kindly's reads from it.
    let (tx, rx) = mpsc::channel();
    let (go, go_rx) = mpsc::channel::<()>();
    let input = tx.clone();
    let exchanges = tx.clone();
    std::thread::spawn(move || {
        while go_rx.recv().is_ok() {
            // A blocking read: no polling, so no CPU while waiting.
            let wake = match event::read() {
                Ok(ev) => {
                    let mut run = vec![ev];
                    // A zero wait would never look at what crossterm has already read (its
                    // /dev/tty source skips its buffer then); a millisecond does.
                    while run.len() < RUN && event::poll(LOOK_AHEAD).unwrap_or(false) {
                        match event::read() {
                            Ok(ev) => run.push(ev),
                            Err(_) => break,
                        }
                    }
                    Wake::Term(run)
                }
                Err(_) => Wake::InputClosed,
            };
            let closed = matches!(wake, Wake::InputClosed);
            if input.send(wake).is_err() || closed {
                break;
            }
        }
    });
    // Ctrl-C is a key in raw mode; a SIGINT can only come while an editor has the terminal
    // (or from kill), and it is the editor's to act on, never a reason to lose the screen.
    signal_hook::flag::register(
        signal_hook::consts::SIGINT,
        std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false)),
    )
    .context("couldn't listen for signals")?;
    let mut signals = signal_hook::iterator::Signals::new([
        signal_hook::consts::SIGTERM,
        signal_hook::consts::SIGHUP,
    ])
    .context("couldn't listen for signals")?;
    std::thread::spawn(move || {
        if signals.forever().next().is_some() {
            let _ = tx.send(Wake::Signal);
        }
    });

    // The terminal lent to the person's editor, and taken back with a screen drawn afresh.
    let mut lend =
        |terminal: &mut Terminal<CrosstermBackend<Stdout>>, command: &str, text: &str| {
            restore_terminal();
            let result = crate::editor::edit(command, text);
            TerminalGuard::take_terminal(mouse)?;
            // The old screen goes without its Drop, which would show the cursor again.
            std::mem::forget(std::mem::replace(terminal, fresh_screen()?));
            terminal.hide_cursor()?;
            Ok(result)
        };
    // An exchange reports back through the loop's own channel.
    let report = move || {
        let tx = exchanges.clone();
        move |done| {
            let _ = tx.send(Wake::Exchanged(done));
        }
    };
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        event_loop(
            &mut terminal,
            &mut app,
            &rx,
            &go,
            &mut lend,
            &report,
            &mut backup,
        )
    }));
    // Whatever ended the loop, even a fault of kindly's own, unsaved work becomes a draft
    // before we go.
    let saved = app.keep_drafts();
    // What was written here goes to the sync folder on the way out.
    let parting = if result.is_ok() {
        app.notice = None;
        exchange_on_the_way_out(&mut app, &rx, &report);
        app.notice.take()
    } else {
        None
    };
    drop(guard);
    if let Some(line) = parting {
        eprintln!("{line}");
    }
    // A backup still copying gets a little longer; it never stops the screen closing for long.
    if let Some(line) = backup.finish(crate::backups::COMMAND_WAIT) {
        eprintln!("{line}");
    }
    // Words the journal couldn't take are kept in files beside it, never dropped.
    let saved = saved.or_else(|e| {
        let kept = app.keep_drafts_aside();
        if kept.is_empty() {
            return Err(e);
        }
        let list: Vec<String> = kept.iter().map(|p| p.display().to_string()).collect();
        anyhow::bail!(
            "your unsaved words couldn't go into the journal ({e}), so they're kept in {}",
            list.join(", ")
        )
    });
    // The guard has given the terminal back (cursor shown too). Dropping the ratatui
    // Terminal would try to show the cursor once more and print an error when the terminal
    // has gone away, so it is let go without its Drop; the process is ending anyway.
    std::mem::forget(terminal);
    match result {
        Ok(result) => result.and(saved),
        Err(panic) => std::panic::resume_unwind(panic),
    }
}

/// The exchange as kindly quits: after the one from the start, if it is still out, then one
/// for what was written here. Waits a bounded time in all; a folder that doesn't answer by
/// then is left for next time (the thread is let go with the process), and a line says so.
fn exchange_on_the_way_out<R: FnOnce(exchange::Report) + Send + 'static>(
    app: &mut App,
    rx: &mpsc::Receiver<Wake>,
    report: &dyn Fn() -> R,
) {
    let deadline = Instant::now() + exchange::QUIT_WAIT;
    let mut sent = false;
    loop {
        if !app.exchanging() {
            if sent || !app.start_exchange(report()) {
                return;
            }
            sent = true;
        }
        match rx.recv_timeout(deadline.saturating_duration_since(Instant::now())) {
            Ok(Wake::Exchanged(done)) => {
                app.exchanged(done);
            }
            // Keys pressed after quitting are not for kindly any more.
            Ok(_) => {}
            Err(_) => {
                app.exchange_left();
                return;
            }
        }
    }
}

/// A screen with nothing on it yet, so the next frame is drawn whole.
fn fresh_screen() -> anyhow::Result<Terminal<CrosstermBackend<Stdout>>> {
    let mut terminal = Terminal::new(CrosstermBackend::new(stdout()))?;
    // Cleared by escape code rather than `Terminal::clear`, which asks the terminal where
    // its cursor is: a terminal that never answers would stall the start by seconds.
    execute!(
        stdout(),
        ratatui::crossterm::terminal::Clear(ratatui::crossterm::terminal::ClearType::All)
    )?;
    terminal.hide_cursor()?;
    Ok(terminal)
}

/// Gives the terminal to the person's editor with the text, and takes it back.
type Lend<'a, B> = dyn FnMut(
        &mut Terminal<B>,
        &str,
        &str,
    ) -> anyhow::Result<Result<String, crate::editor::EditorError>>
    + 'a;

fn event_loop<B: ratatui::backend::Backend, R: FnOnce(exchange::Report) + Send + 'static>(
    terminal: &mut Terminal<B>,
    app: &mut App,
    rx: &mpsc::Receiver<Wake>,
    go: &mpsc::Sender<()>,
    lend: &mut Lend<'_, B>,
    report: &dyn Fn() -> R,
    backup: &mut crate::backups::Backup,
) -> anyhow::Result<()>
where
    B::Error: Send + Sync + 'static,
{
    let mut dirty = true;
    let mut first = true;
    // The input thread may read the first event.
    let _ = go.send(());
    loop {
        if dirty {
            terminal.draw(|f| app.draw(f))?;
        }
        if std::mem::take(&mut first) {
            app.after_first_frame();
            // Whatever the other computers wrote comes in once the screen is up, on its
            // own thread: the loop hears back when it is done.
            app.start_exchange(report());
            // The day's backup, on its own thread and connection.
            backup.start();
        }
        let wake = match app.autosave_due() {
            Some(due) => match rx.recv_timeout(due.saturating_duration_since(Instant::now())) {
                Ok(w) => Some(w),
                Err(RecvTimeoutError::Timeout) => None,
                Err(RecvTimeoutError::Disconnected) => Some(Wake::InputClosed),
            },
            None => Some(rx.recv().unwrap_or(Wake::InputClosed)),
        };
        // Whatever woke the window, what another window saved meanwhile shows first.
        let refreshed = app.look_for_changes();
        dirty = refreshed
            | match wake {
                None => app.autosave(),
                Some(Wake::Term(run)) => {
                    let mut changed = false;
                    for ev in run {
                        changed |= app.handle_event(&ev);
                        // Keys typed before the editor opened are kindly's, after it closes.
                        if let Some((command, text)) = app.take_hand_over() {
                            app.took_back(lend(terminal, &command, &text)?);
                            changed = true;
                        }
                        if app.should_quit {
                            break;
                        }
                    }
                    // Only now may the input thread read again: never while an editor has it.
                    let _ = go.send(());
                    changed
                }
                Some(Wake::Exchanged(done)) => app.exchanged(done),
                Some(Wake::InputClosed | Wake::Signal) => return Ok(()),
            };
        if app.should_quit {
            return Ok(());
        }
    }
}
