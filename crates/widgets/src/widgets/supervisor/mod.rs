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
mod state;
#[cfg(test)]
mod state_tests;

use yew::prelude::*;

use self::detail::Detail;
use self::form::ObservationForm;
use self::home::Home;
use self::report::Report;
use crate::api::session::{Credentials, Role};
use crate::config::WidgetConfig;
use crate::shared::session::Session;
use crate::shared::session_store;
use crate::shared::sign_in::{self, SignIn, SignInTexts};

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
    let token = use_state(|| session_store::load(Role::Supervisor, &config.site));
    let page = use_state(|| Page::Home);
    // A message to show above the page, such as "submitted, no. 12".
    let notice = use_state(|| None::<String>);
    let on_signed_in = {
        let (token, site) = (token.clone(), config.site.clone());
        Callback::from(move |signed_in: String| {
            session_store::save(Role::Supervisor, &site, Some(&signed_in));
            token.set(Some(signed_in));
        })
    };
    let on_signed_out = {
        let (token, page, site) = (token.clone(), page.clone(), config.site.clone());
        Callback::from(move |()| {
            session_store::save(Role::Supervisor, &site, None);
            page.set(Page::Home);
            token.set(None);
        })
    };
    let session = (*token).clone().map(|token| Session {
        config: config.clone(),
        credentials: Credentials { api: config.api.clone(), token },
        on_signed_out,
    });
    let go = {
        let (page, notice) = (page.clone(), notice.clone());
        Callback::from(move |(next, message): (Page, Option<String>)| {
            notice.set(message);
            page.set(next);
        })
    };
    let (sign_out, body) = match session {
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
            (html! {}, html! { <SignIn config={config.clone()} role={Role::Supervisor} {texts} {on_signed_in} /> })
        }
        Some(session) => {
            // The sign-out button: the collector ends the session, then this tab forgets it.
            let on_sign_out = {
                let session = session.clone();
                Callback::from(move |_: MouseEvent| {
                    sign_in::sign_out(session.credentials.clone(), Role::Supervisor, session.on_signed_out.clone());
                })
            };
            let page = match &*page {
                Page::Home => html! { <Home go={go.clone()} /> },
                Page::New => html! { <ObservationForm go={go.clone()} /> },
                Page::Detail(id) => html! { <Detail id={*id} go={go.clone()} /> },
                Page::Report => html! { <Report go={go.clone()} /> },
            };
            (
                html! { <button type="button" class="mj-button mj-secondary" onclick={on_sign_out}>{ m.sv_sign_out }</button> },
                html! { <ContextProvider<Session> context={session}>{ page }</ContextProvider<Session>> },
            )
        }
    };
    html! {
        <section class="mj-card mj-supervisor" aria-labelledby="mj-title">
            <div class="mj-toolbar mj-no-print">
                <h2 id="mj-title" class="mj-title">{ t.title_supervisor }</h2>
                { sign_out }
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
