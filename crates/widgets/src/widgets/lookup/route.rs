//! The lookup's place in the page's URL hash, so a webmaster can link straight to an item
//! (`#mj-item=<implementation code>`) or a list (`#mj-list=intermediary`), and the browser's
//! back button returns to the search.

use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;

/// What the lookup shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum View {
    Search,
    Item(String),
    Intermediary,
    Certificates,
}

impl View {
    fn from_hash(hash: &str) -> Option<Self> {
        let hash = hash.trim_start_matches('#');
        if let Some(code) = hash.strip_prefix("mj-item=") {
            let code = js_sys::decode_uri_component(code).ok()?.as_string()?;
            return (!code.is_empty()).then_some(View::Item(code));
        }
        match hash {
            "mj-list=intermediary" => Some(View::Intermediary),
            "mj-list=certificates" => Some(View::Certificates),
            _ => None,
        }
    }

    /// The hash that opens this view; empty for the search.
    pub fn hash(&self) -> String {
        match self {
            View::Search => String::new(),
            View::Item(code) => format!("#mj-item={}", String::from(js_sys::encode_uri_component(code))),
            View::Intermediary => "#mj-list=intermediary".to_owned(),
            View::Certificates => "#mj-list=certificates".to_owned(),
        }
    }
}

fn location_hash() -> String {
    web_sys::window().and_then(|w| w.location().hash().ok()).unwrap_or_default()
}

/// The view the page's URL names, if it names one of ours.
pub fn current() -> Option<View> {
    View::from_hash(&location_hash())
}

/// Records `view` in the URL as a new history entry, unless the URL already says so.
pub fn push(view: &View) {
    let Some(window) = web_sys::window() else { return };
    let hash = view.hash();
    let ours = View::from_hash(&location_hash()).is_some();
    if location_hash() == hash || (hash.is_empty() && !ours) {
        return;
    }
    if hash.is_empty() {
        // Back to the search: drop our hash without leaving a bare `#` behind.
        let location = window.location();
        let url = format!("{}{}", location.pathname().unwrap_or_default(), location.search().unwrap_or_default());
        if let Ok(history) = window.history() {
            let _ = history.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
        }
    } else {
        let _ = window.location().set_hash(&hash);
    }
}

/// Calls `changed` with the page's view whenever the hash changes (links, back button);
/// listening stops when the returned guard is dropped.
pub struct HashListener {
    closure: Closure<dyn FnMut()>,
}

impl HashListener {
    pub fn new(mut changed: impl FnMut(View) + 'static) -> Self {
        let closure = Closure::<dyn FnMut()>::new(move || changed(current().unwrap_or(View::Search)));
        for event in ["hashchange", "popstate"] {
            if let Some(window) = web_sys::window() {
                let _ = window.add_event_listener_with_callback(event, closure.as_ref().unchecked_ref());
            }
        }
        Self { closure }
    }
}

impl Drop for HashListener {
    fn drop(&mut self) {
        for event in ["hashchange", "popstate"] {
            if let Some(window) = web_sys::window() {
                let _ = window.remove_event_listener_with_callback(event, self.closure.as_ref().unchecked_ref());
            }
        }
    }
}
