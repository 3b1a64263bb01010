//! Import and export formats: the lossless kindly JSON export and the summary report.

pub mod import;
pub mod json;
pub mod report;
pub mod text;
