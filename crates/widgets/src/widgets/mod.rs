//! One module per widget; `Shell` picks the one the element names.

#[cfg(feature = "desk")]
mod desk;
#[cfg(feature = "lookup")]
mod lookup;
#[cfg(any(feature = "desk", feature = "supervisor"))]
mod observation_text;
#[cfg(feature = "review")]
mod review;
#[cfg(feature = "stats")]
mod stats;
#[cfg(feature = "supervisor")]
mod supervisor;

use yew::prelude::*;

use crate::config::{Kind, WidgetConfig};
use crate::i18n::Lang;

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

/// The title a widget's card carries, in the widget's language.
fn title(kind: Kind, lang: Lang) -> &'static str {
    let t = lang.messages();
    match kind {
        Kind::Review => t.title_review,
        Kind::Lookup => t.title_lookup,
        Kind::Supervisor => t.title_supervisor,
        Kind::Stats => t.title_stats,
        Kind::Desk => t.title_desk,
    }
}
