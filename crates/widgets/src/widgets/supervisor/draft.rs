//! The observation being written, kept in `localStorage` as it is typed so that a closed
//! tab or a flat battery loses nothing. A submission that fails for want of a network goes
//! to the outbox (see `letter.rs`).

use serde::{Deserialize, Serialize};

/// The form's fields, as typed (photos are uploaded at once and kept by id).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Draft {
    pub department: String,
    pub service: Option<(String, String)>,
    pub place: String,
    pub observed_at: String,
    pub method: String,
    pub chapter: String,
    pub article: String,
    pub description: String,
    /// (photo id, file name).
    pub photos: Vec<(i64, String)>,
    pub idempotency_key: String,
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

fn draft_key(site: &str) -> String {
    format!("mingjing.supervisor.draft.{site}")
}

pub(super) fn load<T: serde::de::DeserializeOwned>(key: &str) -> Option<T> {
    crate::json::from_text(&storage()?.get_item(key).ok().flatten()?)
}

pub(super) fn store<T: Serialize>(key: &str, value: Option<&T>) {
    let Some(s) = storage() else { return };
    let _ = match value.and_then(|v| crate::json::to_text(v)) {
        Some(json) => s.set_item(key, &json),
        None => s.remove_item(key),
    };
}

pub fn load_draft(site: &str) -> Option<Draft> {
    load(&draft_key(site))
}

pub fn save_draft(site: &str, draft: &Draft) {
    store(&draft_key(site), Some(draft));
}

pub fn clear_draft(site: &str) {
    store::<Draft>(&draft_key(site), None);
}
