//! Import and export formats: kindly's own JSON (one set of types for export, import and
//! anything else that carries whole records), one module per outside format behind one
//! import driver, the readable text exports and the summary report.

pub mod daylio;
pub mod daylio_backup;
pub mod dayone;
pub mod import;
pub mod jrnl;
pub mod json_out;
pub mod kindly_csv;
pub mod kindly_json;
pub mod measures_json;
pub mod measures_text;
pub mod merge;
pub mod newer;
pub mod report;
pub mod source;
pub mod text;
pub mod zipped;
