//! Record ids as people give them back: the short form kindly shows, or any start of the
//! whole id long enough to be told apart.

use uuid::Uuid;

use super::InvalidInput;

/// How many characters of an id kindly shows.
pub const SHORT: usize = 8;

/// The fewest characters of an id kindly takes.
pub const LEAST: usize = 6;

/// The short form of an id, as `checkin`, `thought`, `write`, `session` and `search` show it.
pub fn short_id(id: &Uuid) -> String {
    id.to_string().chars().take(SHORT).collect()
}

/// The start of an id as typed: at least six characters of it, in any case. What it
/// names is for the journal to say.
pub fn id_start(field: &str, text: &str) -> Result<String, InvalidInput> {
    let start = text.trim().to_lowercase();
    let hex_or_dash = start.chars().all(|c| c.is_ascii_hexdigit() || c == '-');
    if !hex_or_dash || start.len() > 36 {
        return Err(InvalidInput::new(
            field,
            format!(
                "'{}' isn't an id; `kindly session` and `kindly search` show them",
                text.trim()
            ),
        ));
    }
    if start.chars().filter(|c| *c != '-').count() < LEAST {
        return Err(InvalidInput::new(
            field,
            format!(
                "'{}' is too short to tell records apart; give at least {LEAST} characters of the id",
                text.trim()
            ),
        ));
    }
    Ok(start)
}

/// The shortest starts of `ids` (at least the short form) that tell each from the others:
/// what to show when a start named more than one.
pub fn told_apart(ids: &[Uuid]) -> Vec<String> {
    let whole: Vec<String> = ids.iter().map(Uuid::to_string).collect();
    whole
        .iter()
        .map(|id| {
            (SHORT..=id.len())
                .map(|n| &id[..n])
                .find(|start| whole.iter().filter(|o| o.starts_with(start)).count() == 1)
                .unwrap_or(id)
                .to_string()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_short_form_is_the_first_eight_characters() {
        let id = Uuid::parse_str("15107e2e-1c3a-4b2f-9d7e-2b1f0a9c3d4e").unwrap();
        assert_eq!(short_id(&id), "15107e2e");
    }

    #[test]
    fn a_start_needs_six_characters_of_an_id() {
        assert_eq!(id_start("ID", " 15107E ").unwrap(), "15107e");
        assert!(
            id_start("ID", "15107")
                .unwrap_err()
                .to_string()
                .contains("at least 6")
        );
        assert!(
            id_start("ID", "not-an-id")
                .unwrap_err()
                .to_string()
                .contains("isn't an id")
        );
        assert!(id_start("ID", "15107e2e-1c3a-4b2f-9d7e-2b1f0a9c3d4e").is_ok());
    }

    #[test]
    fn ids_sharing_a_start_are_told_apart_by_as_much_as_needed() {
        let a = Uuid::parse_str("15107e2e-1c3a-4b2f-9d7e-2b1f0a9c3d4e").unwrap();
        let b = Uuid::parse_str("15107e2e-1d00-4b2f-9d7e-2b1f0a9c3d4e").unwrap();
        let c = Uuid::parse_str("15107e91-0000-4000-8000-000000000000").unwrap();
        assert_eq!(
            told_apart(&[a, b, c]),
            ["15107e2e-1c", "15107e2e-1d", "15107e91"]
        );
    }
}
