//! How clap's complaints about the command line reach the person: help as asked, and a
//! mistake as one line with exit code 2.

use std::process::ExitCode;

/// clap explains at length; kindly keeps bad usage to one line with a pointer to help.
pub fn clap_exit(e: clap::Error) -> ExitCode {
    use clap::error::ErrorKind;
    match e.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
            let _ = e.print();
            ExitCode::SUCCESS
        }
        ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            let _ = e.print();
            ExitCode::from(2)
        }
        _ => {
            // The first paragraph of clap's message, folded onto one line.
            let text = e.to_string();
            let first = text
                .trim_start()
                .split("\n\n")
                .next()
                .unwrap_or("that wasn't understood")
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            let first = first.trim_start_matches("error: ");
            // clap's own guess at a misspelt command, flag or value, kept on the one line.
            use clap::error::{ContextKind, ContextValue};
            let guess = [
                ContextKind::SuggestedSubcommand,
                ContextKind::SuggestedArg,
                ContextKind::SuggestedValue,
            ]
            .into_iter()
            .find_map(|k| match e.get(k) {
                Some(ContextValue::String(s)) => Some(s.clone()),
                Some(ContextValue::Strings(v)) => Some(v.join("' or '")),
                _ => None,
            })
            .map(|g| format!("; did you mean '{g}'?"))
            .unwrap_or_default();
            eprintln!("kindly: {first}{guess} (see 'kindly --help')");
            ExitCode::from(2)
        }
    }
}
