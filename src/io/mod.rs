//! Import and export formats. Today: the lossless kindly JSON export.

pub mod json;
