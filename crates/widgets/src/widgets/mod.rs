//! One module per widget; `Shell` picks the one the element names.

#[cfg(feature = "desk")]
mod desk;
#[cfg(feature = "lookup")]
mod lookup;
#[cfg(any(feature = "desk", feature = "supervisor"))]
mod observation_text;
#[cfg(feature = "review")]
mod review;
#[cfg(any(feature = "desk", feature = "supervisor"))]
mod session_fetch;
#[cfg(any(feature = "desk", feature = "supervisor"))]
mod session_store;
#[cfg(any(feature = "desk", feature = "supervisor"))]
mod sign_in;
#[cfg(feature = "stats")]
mod stats;
#[cfg(feature = "supervisor")]
mod supervisor;
#[cfg(any(feature = "desk", feature = "supervisor"))]
mod supervisor_photos;

use yew::prelude::*;

use crate::config::{Kind, WidgetConfig};
use crate::root::title;

#[derive(Properties, PartialEq)]
pub struct ShellProps {
    pub config: WidgetConfig,
    pub host: web_sys::HtmlElement,
}

#[component]
pub fn Shell(props: &ShellProps) -> Html {
    let config = &props.config;
    match config.kind {
        #[cfg(feature = "review")]
        Kind::Review => {
            html! { <review::ReviewForm config={config.clone()} host={props.host.clone()} /> }
        }
        #[cfg(feature = "desk")]
        Kind::Desk => html! { <desk::Desk config={config.clone()} /> },
        #[cfg(feature = "lookup")]
        Kind::Lookup => html! { <lookup::Lookup config={config.clone()} /> },
        #[cfg(feature = "supervisor")]
        Kind::Supervisor => html! { <supervisor::SupervisorPanel config={config.clone()} /> },
        #[cfg(feature = "stats")]
        Kind::Stats => html! { <stats::StatsPanel config={config.clone()} /> },
        // A bundle built without a widget's feature (the review-only bundle) shows a
        // plain card for the other elements rather than nothing.
        #[allow(unreachable_patterns)]
        _ => {
            let t = config.lang.messages();
            html! {
                <section class="mj-card" aria-labelledby="mj-title">
                    <h2 id="mj-title" class="mj-title">{ title(config.kind, config.lang) }</h2>
                    <p class="mj-muted" data-testid="shell-note">{ t.shell_note }</p>
                </section>
            }
        }
    }
}

/// The value of the input, select or text area an event came from.
#[cfg(any(feature = "lookup", feature = "supervisor", feature = "desk"))]
pub fn form_value(e: &Event) -> String {
    use wasm_bindgen::JsCast;
    let target = e.target();
    if let Some(input) = target.clone().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) {
        return input.value();
    }
    if let Some(select) = target.clone().and_then(|t| t.dyn_into::<web_sys::HtmlSelectElement>().ok()) {
        return select.value();
    }
    target.and_then(|t| t.dyn_into::<web_sys::HtmlTextAreaElement>().ok()).map(|t| t.value()).unwrap_or_default()
}

#[cfg(any(feature = "lookup", feature = "supervisor", feature = "desk"))]
type Departments = Vec<(String, String)>;

#[cfg(any(feature = "lookup", feature = "supervisor", feature = "desk"))]
thread_local! {
    /// The departments this page last loaded, by URL: a supervisor who writes a second
    /// observation while the collector is away still has them to choose from.
    static DEPARTMENTS: std::cell::RefCell<Vec<(String, Departments)>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// The catalogue's departments as (name, credit code), for the department pickers: those
/// this page loaded last, then the collector's; empty if it never could.
#[cfg(any(feature = "lookup", feature = "supervisor", feature = "desk"))]
#[hook]
pub fn use_departments(api: &str) -> UseStateHandle<Departments> {
    let url = format!("{api}/api/v1/departments");
    let departments = {
        let url = url.clone();
        use_state(move || {
            DEPARTMENTS
                .with(|d| d.borrow().iter().find(|(u, _)| *u == url).map(|(_, list)| list.clone()))
                .unwrap_or_default()
        })
    };
    {
        let departments = departments.clone();
        use_effect_with(url, move |url| {
            let url = url.clone();
            wasm_bindgen_futures::spawn_local(async move {
                if let Ok(list) = crate::api::get::<Departments>(&url).await {
                    DEPARTMENTS.with(|d| {
                        let mut d = d.borrow_mut();
                        d.retain(|(u, _)| *u != url);
                        d.push((url, list.clone()));
                    });
                    departments.set(list);
                }
            });
        });
    }
    departments
}

/// `87.5%`, or `—` when there is nothing to divide by. Integer arithmetic keeps float
/// formatting out of the bundle.
#[cfg(any(feature = "stats", feature = "lookup"))]
pub fn percent(rate: Option<f64>) -> String {
    match rate {
        Some(r) => {
            let permille = (r * 1000.0).round() as u32;
            format!("{}.{}%", permille / 10, permille % 10)
        }
        None => "—".to_owned(),
    }
}
