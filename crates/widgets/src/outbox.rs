//! The one outbox: everything a browser must not lose (a citizen's review, a supervisor's
//! observation) waits here until the collector has stored it. Each letter carries its
//! idempotency key, so however often it is sent — from this page, another tab, or after a
//! reload — it is stored once, and it leaves the outbox only when the collector has stored
//! it or refused it for good.
//!
//! Each kind of letter has a queue of its own in `localStorage`, so a bundle that knows only
//! reviews never reads (or drops) the observations another page of the same site queued.

use std::any::Any;
use std::cell::RefCell;
use std::future::Future;
use std::rc::Rc;
use std::time::Duration;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use crate::api::ApiFailure;

const FIRST_RETRY_MS: u32 = 2_000;
const LONGEST_RETRY_MS: u32 = 60_000;

/// Something the outbox can deliver.
pub trait Letter: Serialize + DeserializeOwned + 'static {
    /// Where the letters of this kind wait in `localStorage`.
    const STORAGE_KEY: &'static str;

    /// The idempotency key the collector stores the letter under.
    fn key(&self) -> &str;

    /// Leaves out the personal data the collector can do without, for the copy a shared
    /// device keeps in `localStorage`.
    fn forget_personal_data(&mut self) {}

    /// Sends the letter once; `Ok` once the collector has it (now or from an earlier try).
    fn send(&self, api: &str) -> impl Future<Output = Result<(), ApiFailure>>;

    /// Whether the letter should wait after this failure rather than be given up.
    fn should_wait(failure: &ApiFailure) -> bool {
        failure.is_retryable()
    }
}

/// How the device may keep a letter until it is sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Keeping {
    /// In `localStorage`, so it survives a closed tab: the citizen's or supervisor's own device.
    Stored,
    /// In this page's memory only: a counter tablet keeps no personal data in the browser.
    InMemory,
    /// In full in this page's memory, and in `localStorage` without personal data, so that
    /// it still arrives if the page is closed: a shared terminal in a service hall.
    StoredWithoutPersonalData,
}

/// A waiting letter and the collector to send it to (one page may use several).
#[derive(Debug, Serialize, Deserialize)]
#[serde(bound = "L: Letter")]
pub struct Entry<L> {
    pub api: String,
    pub request: L,
}

/// What one pass through a queue did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    /// Letters the collector now has.
    pub sent: u32,
    /// Letters still waiting.
    pub left: u32,
    /// Letters the collector refused for good, now out of the outbox.
    pub refused: u32,
}

thread_local! {
    /// Letters kept in this page's memory, of every kind.
    static IN_MEMORY: RefCell<Vec<Rc<dyn Any>>> = const { RefCell::new(Vec::new()) };
    /// The queues whose retry loop runs in this page.
    static LOOPING: RefCell<Vec<&'static str>> = const { RefCell::new(Vec::new()) };
}

fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

fn load_stored<L: Letter>() -> Vec<Entry<L>> {
    local_storage()
        .and_then(|s| s.get_item(L::STORAGE_KEY).ok().flatten())
        .and_then(|json| crate::json::from_text(&json))
        .unwrap_or_default()
}

/// Saves the queue; false if `localStorage` refused it (disabled, or full).
fn save_stored<L: Letter>(entries: &[Entry<L>]) -> bool {
    let Some(storage) = local_storage() else {
        return false;
    };
    if entries.is_empty() {
        storage.remove_item(L::STORAGE_KEY).is_ok()
    } else {
        crate::json::to_text(entries).is_some_and(|json| storage.set_item(L::STORAGE_KEY, &json).is_ok())
    }
}

fn in_memory<L: Letter>() -> Vec<Rc<Entry<L>>> {
    IN_MEMORY.with(|m| m.borrow().iter().filter_map(|e| e.clone().downcast::<Entry<L>>().ok()).collect())
}

/// Keeps a letter and starts the retry loop, which first waits a little: the letter has
/// just failed to go. A letter that `localStorage` will not take is kept in memory instead.
pub fn push<L: Letter>(entry: Entry<L>, keeping: Keeping) {
    let mut stored = false;
    if keeping != Keeping::InMemory {
        let mut entries = load_stored::<L>();
        // A copy through JavaScript, since letters need not be `Clone`; as a list of one,
        // so that it reuses the code that loads and saves the queue.
        let copy = crate::json::to_js(std::slice::from_ref(&entry))
            .and_then(crate::json::from_js::<Vec<Entry<L>>>)
            .and_then(|mut list| list.pop());
        if entries.iter().any(|e| e.request.key() == entry.request.key()) {
            stored = true;
        } else if let Some(mut copy) = copy {
            if keeping == Keeping::StoredWithoutPersonalData {
                copy.request.forget_personal_data();
            }
            entries.push(copy);
            stored = save_stored(&entries);
        }
    }
    if !stored || keeping != Keeping::Stored {
        IN_MEMORY.with(|m| m.borrow_mut().push(Rc::new(entry)));
    }
    run_loop::<L>(FIRST_RETRY_MS);
}

/// The letters waiting: this page's own (in full) first, then the stored ones.
pub fn waiting<L: Letter>() -> Vec<Rc<Entry<L>>> {
    let mut all = in_memory::<L>();
    for entry in load_stored::<L>() {
        if !all.iter().any(|e| e.request.key() == entry.request.key()) {
            all.push(Rc::new(entry));
        }
    }
    all
}

fn remove<L: Letter>(key: &str) {
    let mut entries = load_stored::<L>();
    let before = entries.len();
    entries.retain(|e| e.request.key() != key);
    if entries.len() != before {
        save_stored(&entries);
    }
    IN_MEMORY.with(|m| m.borrow_mut().retain(|e| e.downcast_ref::<Entry<L>>().is_none_or(|e| e.request.key() != key)));
}

/// Sends every waiting letter once. Should two passes overlap (the retry loop and the
/// supervisor's home page), a letter may go twice; its idempotency key makes the collector
/// store it once.
pub async fn send_waiting<L: Letter>() -> Tally {
    let mut tally = Tally::default();
    for entry in waiting::<L>() {
        match entry.request.send(&entry.api).await {
            // Stored now, or by an earlier try whose answer never came back.
            Ok(()) => tally.sent += 1,
            Err(failure) if L::should_wait(&failure) => {
                tally.left += 1;
                continue;
            }
            // Refused for good (for example, already reviewed): sending again cannot help.
            Err(_) => tally.refused += 1,
        }
        remove::<L>(entry.request.key());
    }
    tally
}

/// Sends whatever is waiting now, then again while anything is left, backing off while
/// the collector is away. One loop per queue and page.
pub fn start<L: Letter>() {
    run_loop::<L>(0);
}

fn run_loop<L: Letter>(first_wait: u32) {
    if LOOPING.with(|l| l.borrow().contains(&L::STORAGE_KEY)) {
        return;
    }
    LOOPING.with(|l| l.borrow_mut().push(L::STORAGE_KEY));
    wasm_bindgen_futures::spawn_local(async move {
        let mut wait = first_wait;
        loop {
            if wait > 0 {
                gloo_timers::future::sleep(Duration::from_millis(u64::from(wait))).await;
            }
            let tally = send_waiting::<L>().await;
            if waiting::<L>().is_empty() {
                break;
            }
            // Letters pushed during the pass go at once; failed ones wait longer each time.
            wait = if tally.left == 0 { 0 } else { (wait * 2).clamp(FIRST_RETRY_MS, LONGEST_RETRY_MS) };
        }
        LOOPING.with(|l| l.borrow_mut().retain(|q| *q != L::STORAGE_KEY));
    });
}
