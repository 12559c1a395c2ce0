//! `<mingjing-lookup>`: the fee-and-timeline lookup (Arts. 16, 27, 28, 35, 36). A citizen
//! searches the catalogue in Chinese, pinyin, initials or by code, opens an item and sees
//! its cost, its legal and promised limits, the date it would be done if applied for today,
//! how long it really takes, and the materials to bring, which print as a checklist.
//!
//! Attributes: `dept` narrows the search to one department, `service` opens one item
//! straight away, and `today` (`YYYY-MM-DD`) fixes the day the dates count from, for
//! appointments and for tests. The URL hash records the open item, so links to it work.

mod detail;
mod fees;
mod materials;
mod registers;
mod route;
mod search;
mod text;
mod timing;

use serde::Deserialize;
use yew::prelude::*;

use self::detail::Detail;
use self::registers::{Register, RegisterList};
use self::route::{HashListener, View};
use self::search::{Query, Search};
use crate::config::WidgetConfig;

/// The part of the site's public settings the lookup reads.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
struct SiteSettings {
    review: ComplaintSettings,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
struct ComplaintSettings {
    complaint_url: Option<String>,
}

#[derive(Properties, PartialEq)]
pub struct LookupProps {
    pub config: WidgetConfig,
}

#[component]
pub fn Lookup(props: &LookupProps) -> Html {
    let config = &props.config;
    let t = config.lang.messages();
    let view = use_state(|| {
        route::current().unwrap_or_else(|| match config.service.as_deref().map(str::trim) {
            Some(code) if !code.is_empty() => View::Item(code.to_owned()),
            _ => View::Search,
        })
    });
    let query = use_state(|| Query { dept: config.dept.clone().unwrap_or_default(), page: 1, ..Query::default() });
    {
        let view = view.clone();
        use_effect_with((), move |()| {
            let listener = HashListener::new(move |next| view.set(next));
            move || drop(listener)
        });
    }
    // Read once for the whole widget, not again for every item opened.
    let complaint_url = use_state(|| None::<String>);
    {
        let complaint_url = complaint_url.clone();
        use_effect_with((config.api.clone(), config.site.clone()), move |(api, site)| {
            let (api, site) = (api.clone(), site.clone());
            wasm_bindgen_futures::spawn_local(async move {
                if let Ok(settings) = crate::api::sites::config::<SiteSettings>(&api, &site).await {
                    let url =
                        settings.review.complaint_url.filter(|u| u.starts_with("https://") || u.starts_with("http://"));
                    complaint_url.set(url);
                }
            });
        });
    }
    let on_open = {
        let view = view.clone();
        Callback::from(move |next: View| {
            route::push(&next);
            view.set(next);
        })
    };
    let on_query = {
        let query = query.clone();
        Callback::from(move |next: Query| query.set(next))
    };
    let body = match &*view {
        View::Search => {
            html! { <Search config={config.clone()} query={(*query).clone()} {on_query} on_open={on_open.clone()} /> }
        }
        View::Item(code) => {
            html! { <Detail config={config.clone()} code={code.clone()} complaint_url={(*complaint_url).clone()} on_open={on_open.clone()} /> }
        }
        View::Intermediary => {
            html! { <RegisterList config={config.clone()} register={Register::Intermediary} on_open={on_open.clone()} /> }
        }
        View::Certificates => {
            html! { <RegisterList config={config.clone()} register={Register::Certificates} on_open={on_open.clone()} /> }
        }
    };
    html! {
        <section class="mj-card mj-lookup-widget" aria-labelledby="mj-title">
            <h2 id="mj-title" class="mj-title">{ t.title_lookup }</h2>
            { body }
        </section>
    }
}
