//! The schema's history: SQL files from `migrations/`, embedded and applied in order.

/// Each entry raises `PRAGMA user_version` by one. Append only.
pub const MIGRATIONS: &[&str] = &[
    include_str!("../../migrations/0001_init.sql"),
    include_str!("../../migrations/0002_thoughts.sql"),
    include_str!("../../migrations/0003_entries_breaks.sql"),
    include_str!("../../migrations/0004_search.sql"),
    include_str!("../../migrations/0005_trend_index.sql"),
    include_str!("../../migrations/0006_imported.sql"),
    include_str!("../../migrations/0007_sync.sql"),
    include_str!("../../migrations/0008_session.sql"),
    include_str!("../../migrations/0009_practice.sql"),
    include_str!("../../migrations/0010_day_index.sql"),
    include_str!("../../migrations/0011_search_evidence.sql"),
    include_str!("../../migrations/0012_sync_trust.sql"),
    include_str!("../../migrations/0013_window_drafts.sql"),
    include_str!("../../migrations/0014_imported_earlier.sql"),
    include_str!("../../migrations/0015_measures.sql"),
];

/// The schema version this binary writes and understands.
pub fn latest() -> u32 {
    MIGRATIONS.len() as u32
}

/// Marks a database as kindly's (`PRAGMA application_id`), spelling "kInd".
pub const APPLICATION_ID: i32 = 0x6B49_6E64;
