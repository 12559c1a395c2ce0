//! `<mingjing-supervisor>`: the business-environment supervisor's panel (Art. 67). An
//! appointed supervisor signs in with their access code, submits observations with photos,
//! follows each one's timeline and replies, reopens an answer they are not satisfied with,
//! and sees their own figures and a printable year-end report.

mod detail;
mod draft;
mod form;
mod home;
mod letter;
mod photos;
mod report;

use yew::prelude::*;

use self::detail::Detail;
use self::form::ObservationForm;
use self::home::Home;
use self::report::Report;
use crate::config::WidgetConfig;
use crate::shared::session_store;
use crate::shared::sign_in::{self, SignIn, SignInTexts};

/// Where the session is opened (POST) and ended (DELETE).
const SESSION_PATH: &str = "/api/v1/supervisor/session";

#[derive(Properties, PartialEq)]
pub struct SupervisorProps {
    pub config: WidgetConfig,
}

/// Which page of the panel is shown.
#[derive(Debug, Clone, PartialEq)]
pub enum Page {
    Home,
    New,
    Detail(i64),
    Report,
}

#[component]
pub fn SupervisorPanel(props: &SupervisorProps) -> Html {
    let config = &props.config;
    let t = config.lang.messages();
    let m = config.lang.supervision();
    let session = use_state(|| session_store::load("supervisor", &config.site));
    let page = use_state(|| Page::Home);
    // A message to show above the page, such as "submitted, no. 12".
    let notice = use_state(|| None::<String>);
    let on_signed_in = {
        let (session, site) = (session.clone(), config.site.clone());
        Callback::from(move |token: String| {
            session_store::save("supervisor", &site, Some(&token));
            session.set(Some(token));
        })
    };
    let on_signed_out = {
        let (session, page, site) = (session.clone(), page.clone(), config.site.clone());
        Callback::from(move |()| {
            session_store::save("supervisor", &site, None);
            page.set(Page::Home);
            session.set(None);
        })
    };
    // The sign-out button: the collector ends the session, then this tab forgets it.
    let on_sign_out = {
        let (session, on_signed_out, api) = (session.clone(), on_signed_out.clone(), config.api.clone());
        Callback::from(move |_: MouseEvent| {
            if let Some(token) = (*session).clone() {
                sign_in::sign_out(&api, SESSION_PATH, token, on_signed_out.clone());
            }
        })
    };
    let go = {
        let (page, notice) = (page.clone(), notice.clone());
        Callback::from(move |(next, message): (Page, Option<String>)| {
            notice.set(message);
            page.set(next);
        })
    };
    let body = match &*session {
        None => {
            let texts = SignInTexts {
                title: m.sv_sign_in_title,
                label: m.sv_code_label,
                hint: m.sv_code_hint,
                button: m.sv_sign_in,
                bad_code: m.sv_bad_code,
                locked: m.sv_locked,
                unreachable: m.sv_unreachable,
            };
            html! { <SignIn config={config.clone()} path={SESSION_PATH} {texts} {on_signed_in} /> }
        }
        Some(token) => {
            let token = token.clone();
            match &*page {
                Page::Home => {
                    html! { <Home config={config.clone()} {token} go={go.clone()} on_signed_out={on_signed_out.clone()} /> }
                }
                Page::New => {
                    html! { <ObservationForm config={config.clone()} {token} go={go.clone()} on_signed_out={on_signed_out.clone()} /> }
                }
                Page::Detail(id) => {
                    html! { <Detail config={config.clone()} {token} id={*id} go={go.clone()} on_signed_out={on_signed_out.clone()} /> }
                }
                Page::Report => {
                    html! { <Report config={config.clone()} {token} go={go.clone()} on_signed_out={on_signed_out.clone()} /> }
                }
            }
        }
    };
    html! {
        <section class="mj-card mj-supervisor" aria-labelledby="mj-title">
            <div class="mj-toolbar mj-no-print">
                <h2 id="mj-title" class="mj-title">{ t.title_supervisor }</h2>
                if session.is_some() {
                    <button type="button" class="mj-button mj-secondary" onclick={on_sign_out}>{ m.sv_sign_out }</button>
                }
            </div>
            if let Some(message) = &*notice {
                <div class="mj-alert mj-success" role="status" data-testid="notice"><p>{ message }</p></div>
            }
            { body }
        </section>
    }
}

/// A "← back" button to the panel's home.
pub fn back(m: &crate::i18n::SupervisionMessages, go: &Callback<(Page, Option<String>)>) -> Html {
    let go = go.clone();
    html! {
        <button type="button" class="mj-link mj-back mj-no-print" onclick={move |_| go.emit((Page::Home, None))}>
            { format!("← {}", m.sv_back) }
        </button>
    }
}
