//! The Mingjing widgets. `assets/mingjing.js` defines the custom elements and calls
//! [`mount`] once per element with the element's shadow-root container and attributes.

mod api;
mod config;
mod events;
mod i18n;
mod json;
#[cfg(any(feature = "review", feature = "supervisor"))]
mod outbox;
mod root;
mod shared;
mod widgets;

use wasm_bindgen::prelude::*;
use web_sys::{Element, HtmlElement};
use yew::AppHandle;

use crate::config::WidgetConfig;
use crate::root::{Root, RootProps};

#[cfg(all(not(target_feature = "atomics"), target_family = "wasm"))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

/// One mounted element. The loader keeps it to re-render on attribute changes.
#[wasm_bindgen]
pub struct WidgetHandle {
    host: HtmlElement,
    app: Option<AppHandle<Root>>,
}

/// Renders a widget into `container`, which lives in `host`'s shadow root.
#[wasm_bindgen]
pub fn mount(host: HtmlElement, container: Element, config_json: &str) -> WidgetHandle {
    let props = RootProps { host: host.clone(), config: WidgetConfig::from_json(config_json) };
    let app = yew::Renderer::<Root>::with_root_and_props(container, props).render();
    WidgetHandle { host, app: Some(app) }
}

#[wasm_bindgen]
impl WidgetHandle {
    /// Re-renders with new attributes.
    pub fn update(&mut self, config_json: &str) {
        if let Some(app) = self.app.as_mut() {
            app.update(RootProps { host: self.host.clone(), config: WidgetConfig::from_json(config_json) });
        }
    }

    /// Tears the widget down when its element leaves the page.
    pub fn unmount(&mut self) {
        if let Some(app) = self.app.take() {
            app.destroy();
        }
    }
}
