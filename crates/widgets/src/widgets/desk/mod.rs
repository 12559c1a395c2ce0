//! `<mingjing-desk>`: department staff sign in with their access code, see the site's poor
//! reviews with their working-day deadlines, and record each follow-up step.

mod detail;
mod list;
mod sign_in;
mod step_form;

use mingjing_domain::follow_up::Stage;
use yew::prelude::*;

use self::detail::Detail;
use self::list::List;
use self::sign_in::SignIn;
use crate::config::WidgetConfig;
use crate::i18n::DeskMessages;

#[derive(Properties, PartialEq)]
pub struct DeskProps {
    pub config: WidgetConfig,
}

/// The session lives for the tab only, so a shared counter PC forgets it when closed.
fn storage_key(site: &str) -> String {
    format!("mingjing.desk.{site}")
}

fn session_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok().flatten()
}

pub fn load_session(site: &str) -> Option<String> {
    session_storage()?.get_item(&storage_key(site)).ok().flatten()
}

pub fn save_session(site: &str, token: Option<&str>) {
    if let Some(s) = session_storage() {
        let _ = match token {
            Some(t) => s.set_item(&storage_key(site), t),
            None => s.remove_item(&storage_key(site)),
        };
    }
}

pub fn stage_label(d: &DeskMessages, stage: Stage) -> &'static str {
    match stage {
        Stage::New => d.stage_new,
        Stage::CalledBack => d.stage_called_back,
        Stage::Verified => d.stage_verified,
        Stage::Rectifying => d.stage_rectifying,
        Stage::AwaitingReply => d.stage_awaiting_reply,
        Stage::Closed => d.stage_closed,
    }
}

#[component]
pub fn Desk(props: &DeskProps) -> Html {
    let config = &props.config;
    let t = config.lang.messages();
    let d = config.lang.desk();
    let session = use_state(|| load_session(&config.site));
    let selected = use_state(|| None::<String>);
    let on_signed_in = {
        let session = session.clone();
        let site = config.site.clone();
        Callback::from(move |token: String| {
            save_session(&site, Some(&token));
            session.set(Some(token));
        })
    };
    // Signing out, or a session the collector no longer accepts.
    let on_signed_out = {
        let session = session.clone();
        let selected = selected.clone();
        let site = config.site.clone();
        Callback::from(move |_| {
            save_session(&site, None);
            selected.set(None);
            session.set(None);
        })
    };
    let body = match (&*session, &*selected) {
        (None, _) => html! { <SignIn config={config.clone()} {on_signed_in} /> },
        (Some(token), None) => {
            let on_open = {
                let selected = selected.clone();
                Callback::from(move |receipt: String| selected.set(Some(receipt)))
            };
            html! { <List config={config.clone()} token={token.clone()} {on_open} on_signed_out={on_signed_out.clone()} /> }
        }
        (Some(token), Some(receipt)) => {
            let on_back = {
                let selected = selected.clone();
                Callback::from(move |_| selected.set(None))
            };
            html! { <Detail config={config.clone()} token={token.clone()} receipt={receipt.clone()} {on_back} on_signed_out={on_signed_out.clone()} /> }
        }
    };
    html! {
        <section class="mj-card mj-desk" aria-labelledby="mj-title">
            <div class="mj-toolbar">
                <h2 id="mj-title" class="mj-title">{ t.title_desk }</h2>
                if session.is_some() {
                    <button type="button" class="mj-button mj-secondary" onclick={on_signed_out.reform(|_: MouseEvent| ())}>{ d.desk_sign_out }</button>
                }
            </div>
            { body }
        </section>
    }
}
