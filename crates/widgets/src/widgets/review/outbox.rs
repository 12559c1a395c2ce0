//! Reviews that could not be sent yet. Each keeps its idempotency key, so however often it
//! is retried — from this page, another tab, or after a reload — it is stored once.
//!
//! On a citizen's own device the outbox lives in `localStorage`, so a review survives a
//! closed tab. A counter tablet (kiosk) keeps no personal data in the browser, so there
//! the outbox is held in memory only.

use std::cell::{Cell, RefCell};
use std::time::Duration;

use mingjing_domain::review::{ReviewReceipt, ReviewRequest};
use serde::{Deserialize, Serialize};

use crate::api;

const STORAGE_KEY: &str = "mingjing.outbox.v1";
const FIRST_RETRY_MS: u32 = 2_000;
const LONGEST_RETRY_MS: u32 = 60_000;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    /// The collector to send it to, so one page with several collectors works too.
    pub api: String,
    pub request: ReviewRequest,
}

thread_local! {
    static IN_MEMORY: RefCell<Vec<Entry>> = const { RefCell::new(Vec::new()) };
    static FLUSHING: Cell<bool> = const { Cell::new(false) };
}

fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

fn load_persistent() -> Vec<Entry> {
    local_storage()
        .and_then(|s| s.get_item(STORAGE_KEY).ok().flatten())
        .and_then(|json| crate::json::from_text(&json))
        .unwrap_or_default()
}

fn save_persistent(entries: &[Entry]) {
    let Some(storage) = local_storage() else {
        return;
    };
    if entries.is_empty() {
        let _ = storage.remove_item(STORAGE_KEY);
    } else if let Some(json) = crate::json::to_text(entries) {
        let _ = storage.set_item(STORAGE_KEY, &json);
    }
}

/// Keeps a review for later and starts the retry loop.
pub fn push(entry: Entry, persistent: bool) {
    if persistent {
        let mut entries = load_persistent();
        if !entries.iter().any(|e| e.request.idempotency_key == entry.request.idempotency_key) {
            entries.push(entry);
        }
        save_persistent(&entries);
    } else {
        IN_MEMORY.with(|m| m.borrow_mut().push(entry));
    }
    start();
}

fn remove(key: &str) {
    let mut entries = load_persistent();
    let before = entries.len();
    entries.retain(|e| e.request.idempotency_key != key);
    if entries.len() != before {
        save_persistent(&entries);
    }
    IN_MEMORY.with(|m| m.borrow_mut().retain(|e| e.request.idempotency_key != key));
}

fn pending() -> Vec<Entry> {
    let mut all = load_persistent();
    IN_MEMORY.with(|m| all.extend(m.borrow().iter().cloned()));
    all
}

/// Sends whatever is waiting, once per page, backing off while the collector is away.
pub fn start() {
    if FLUSHING.with(|f| f.replace(true)) {
        return;
    }
    wasm_bindgen_futures::spawn_local(async {
        let mut wait = FIRST_RETRY_MS;
        loop {
            let entries = pending();
            if entries.is_empty() {
                break;
            }
            let mut all_sent = true;
            for entry in entries {
                let url = format!("{}/api/v1/reviews", entry.api);
                match api::post::<_, ReviewReceipt>(&url, &entry.request).await {
                    // Stored now, or stored by an earlier try whose answer we never saw.
                    Ok(_) => remove(&entry.request.idempotency_key),
                    Err(failure) if failure.is_retryable() => all_sent = false,
                    // Refused for good (for example, already reviewed): retrying cannot help.
                    Err(_) => remove(&entry.request.idempotency_key),
                }
            }
            if all_sent {
                wait = FIRST_RETRY_MS;
                continue;
            }
            gloo_timers::future::sleep(Duration::from_millis(u64::from(wait))).await;
            wait = (wait * 2).min(LONGEST_RETRY_MS);
        }
        FLUSHING.with(|f| f.set(false));
    });
}
