//! One module per widget; `Shell` picks the one the element names.

use yew::prelude::*;

use crate::config::WidgetConfig;
use crate::root::title;

#[derive(Properties, PartialEq)]
pub struct ShellProps {
    pub config: WidgetConfig,
}

/// The card every widget sits in. The widget bodies arrive with their own issues; until
/// then the card shows that the element, the bundle and the collector are wired up.
#[component]
pub fn Shell(props: &ShellProps) -> Html {
    let config = &props.config;
    let t = config.lang.messages();
    html! {
        <section class="mj-card" aria-labelledby="mj-title">
            <h2 id="mj-title" class="mj-title">{ title(config.kind, config.lang) }</h2>
            <p class="mj-muted" data-testid="shell-note">{ t.shell_note }</p>
        </section>
    }
}
