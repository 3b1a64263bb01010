//! The emotions and rituals a person picks from: the config's own, those added from the
//! check-in form (kept in the journal, so every computer it syncs to has them), and any
//! ever used. Each pane that offers them reads it again on refresh, so a choice added in
//! one pane is offered in the others at once.

use crate::store::{LabelKind, Result, Store};

/// The emotions (or rituals) on offer: `own` (the config's) first, then the rest.
pub fn read(own: &[String], kind: LabelKind, store: &Store) -> Result<Vec<String>> {
    let mut list = own.to_vec();
    for name in beyond_config(kind, store)? {
        if !list.iter().any(|l| l.eq_ignore_ascii_case(&name)) {
            list.push(name);
        }
    }
    Ok(list)
}

/// The choices the journal holds beyond the config's: added from the form, then used.
pub fn beyond_config(kind: LabelKind, store: &Store) -> Result<Vec<String>> {
    let mut list = store.added_choices(kind)?;
    list.extend(store.used_labels(kind)?);
    Ok(list)
}
