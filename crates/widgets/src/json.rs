//! JSON through the browser's own `JSON.parse`/`JSON.stringify` and serde-wasm-bindgen,
//! instead of a JSON parser compiled into the bundle: the same serde types, fewer bytes.

use serde::Serialize;
use serde::de::DeserializeOwned;
use wasm_bindgen::JsValue;

/// A JavaScript value for `value`, with maps as plain objects (as JSON would have them).
pub fn to_js<T: Serialize + ?Sized>(value: &T) -> Option<JsValue> {
    value.serialize(&serde_wasm_bindgen::Serializer::json_compatible()).ok()
}

pub fn to_text<T: Serialize + ?Sized>(value: &T) -> Option<String> {
    js_sys::JSON::stringify(&to_js(value)?).ok().and_then(|s| s.as_string())
}

pub fn from_js<T: DeserializeOwned>(value: JsValue) -> Option<T> {
    serde_wasm_bindgen::from_value(value).ok()
}

pub fn from_text<T: DeserializeOwned>(text: &str) -> Option<T> {
    from_js(js_sys::JSON::parse(text).ok()?)
}
