//! Reading a form control from its event.

use wasm_bindgen::JsCast;
use yew::Event;

/// The value of the input, select or text area an event came from.
pub fn form_value(e: &Event) -> String {
    let target = e.target();
    if let Some(input) = target.clone().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) {
        return input.value();
    }
    if let Some(select) = target.clone().and_then(|t| t.dyn_into::<web_sys::HtmlSelectElement>().ok()) {
        return select.value();
    }
    target.and_then(|t| t.dyn_into::<web_sys::HtmlTextAreaElement>().ok()).map(|t| t.value()).unwrap_or_default()
}
