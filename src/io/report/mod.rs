//! The summary to bring to a therapy session: a first page a clinician can read in two
//! minutes (the period, days with check-ins, the mood against the period before, and what
//! the person chose to bring up, in their own words), then week by week, emotions, the
//! inner critic, breaks, the mood by weekday and time of day, rituals, and gaps said
//! plainly. Markdown, or one self-contained HTML page that prints (inline SVG, no scripts,
//! no outside requests). Figures only, beyond what the person chose, unless notes are
//! asked for.

mod figures;
mod html;
mod markdown;
mod model;
mod source;

pub use figures::{Figures, figures};
pub use html::html;
pub use markdown::markdown;
pub use source::Source;
