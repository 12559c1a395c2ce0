//! The component every element mounts: it applies language, theme and size, shows a polite
//! error for a bad configuration, and otherwise renders the widget the element names.

use serde::Serialize;
use web_sys::HtmlElement;
use yew::prelude::*;

use crate::config::{ConfigError, Theme, WidgetConfig};
use crate::events;
use crate::widgets::Shell;

#[derive(Properties, PartialEq)]
pub struct RootProps {
    pub host: HtmlElement,
    pub config: Result<WidgetConfig, ConfigError>,
}

#[derive(Serialize)]
struct ReadyDetail {
    widget: &'static str,
    version: &'static str,
    lang: &'static str,
}

#[derive(Serialize)]
struct ErrorDetail<'a> {
    code: &'static str,
    attribute: &'a str,
}

#[component]
pub fn Root(props: &RootProps) -> Html {
    {
        let host = props.host.clone();
        let outcome = props.config.as_ref().map(|c| (c.kind, c.lang)).map_err(|e| e.attribute);
        use_effect_with(outcome, move |outcome| match *outcome {
            Ok((kind, lang)) => events::dispatch(
                &host,
                "mingjing:ready",
                &ReadyDetail { widget: kind.tag(), version: env!("CARGO_PKG_VERSION"), lang: lang.tag() },
            ),
            Err(attribute) => {
                web_sys::console::error_1(
                    &format!(
                        "[mingjing] <{}>: attribute \"{attribute}\" is missing or invalid",
                        host.tag_name().to_ascii_lowercase()
                    )
                    .into(),
                );
                events::dispatch(&host, "mingjing:error", &ErrorDetail { code: "bad_attribute", attribute });
            }
        });
    }
    match &props.config {
        Ok(config) => html! {
            <div class="mj" lang={config.lang.tag()} data-theme={theme_name(config.theme)}
                 data-size={if config.large { "large" } else { "normal" }}>
                <Shell config={config.clone()} host={props.host.clone()} />
            </div>
        },
        Err(error) => config_error(error),
    }
}

fn config_error(error: &ConfigError) -> Html {
    let t = error.lang.messages();
    html! {
        <div class="mj" lang={error.lang.tag()} data-theme="light" data-size="normal">
            <div class="mj-card mj-config-error" role="alert">
                <p>{ t.config_error }</p>
                <p class="mj-muted">{ t.config_error_attribute(error.attribute) }</p>
            </div>
        </div>
    }
}

fn theme_name(theme: Theme) -> &'static str {
    match theme {
        Theme::Light => "light",
        Theme::Dark => "dark",
        Theme::HighContrast => "high-contrast",
    }
}
