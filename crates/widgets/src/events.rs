//! DOM events for the host page: `mingjing:ready`, `mingjing:submitted`, `mingjing:error`.
//! They bubble and are `composed`, so they cross the shadow boundary to host analytics.

use serde::Serialize;
use wasm_bindgen::JsValue;
use web_sys::{CustomEvent, CustomEventInit, HtmlElement};

pub fn dispatch(host: &HtmlElement, name: &str, detail: &impl Serialize) {
    let detail = crate::json::to_js(detail).unwrap_or(JsValue::NULL);
    let init = CustomEventInit::new();
    init.set_bubbles(true);
    init.set_composed(true);
    init.set_detail(&detail);
    if let Ok(event) = CustomEvent::new_with_event_init_dict(name, &init) {
        let _ = host.dispatch_event(&event);
    }
}
