//! `<mingjing-desk>`: department staff sign in with their access code, see the site's poor
//! reviews with their working-day deadlines, and record each follow-up step.

mod audit;
mod detail;
mod list;
mod nav;
mod observations;
mod step_form;

use mingjing_domain::follow_up::Stage;
use yew::prelude::*;

use self::audit::AuditLog;
use self::detail::Detail;
use self::list::List;
use self::nav::DeskNav;
use self::observations::{ObservationDetail, ObservationList};
use crate::config::WidgetConfig;
use crate::i18n::DeskMessages;
use crate::shared::session_store;
use crate::shared::sign_in::{self, SignIn, SignInTexts};

/// Where the session is opened (POST) and ended (DELETE).
const SESSION_PATH: &str = "/api/v1/staff/session";

#[derive(Properties, PartialEq)]
pub struct DeskProps {
    pub config: WidgetConfig,
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

/// What the desk shows once signed in.
#[derive(Debug, Clone, PartialEq)]
pub enum View {
    Reviews,
    Review(String),
    Observations,
    Observation(i64),
    /// The site's audit log, for its administrators.
    Audit,
}

#[component]
pub fn Desk(props: &DeskProps) -> Html {
    let config = &props.config;
    let t = config.lang.messages();
    let d = config.lang.desk();
    let session = use_state(|| session_store::load("desk", &config.site));
    let view = use_state(|| View::Reviews);
    let on_signed_in = {
        let session = session.clone();
        let site = config.site.clone();
        Callback::from(move |token: String| {
            session_store::save("desk", &site, Some(&token));
            session.set(Some(token));
        })
    };
    // Signing out, or a session the collector no longer accepts.
    let on_signed_out = {
        let (session, view) = (session.clone(), view.clone());
        let site = config.site.clone();
        Callback::from(move |_| {
            session_store::save("desk", &site, None);
            view.set(View::Reviews);
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
    let on_show = {
        let view = view.clone();
        Callback::from(move |next: View| view.set(next))
    };
    let body = match (&*session, &*view) {
        (None, _) => {
            let texts = SignInTexts {
                title: d.desk_sign_in_title,
                label: d.desk_code_label,
                hint: d.desk_code_hint,
                button: d.desk_sign_in,
                bad_code: d.desk_bad_code,
                locked: d.desk_locked,
                unreachable: d.desk_unreachable,
            };
            html! { <SignIn config={config.clone()} path={SESSION_PATH} {texts} {on_signed_in} /> }
        }
        (Some(token), View::Reviews) => {
            let view = view.clone();
            let on_open = Callback::from(move |receipt: String| view.set(View::Review(receipt)));
            html! { <List config={config.clone()} token={token.clone()} {on_open} on_signed_out={on_signed_out.clone()} /> }
        }
        (Some(token), View::Review(receipt)) => {
            let view = view.clone();
            let on_back = Callback::from(move |_| view.set(View::Reviews));
            html! { <Detail config={config.clone()} token={token.clone()} receipt={receipt.clone()} {on_back} on_signed_out={on_signed_out.clone()} /> }
        }
        (Some(token), View::Observations) => {
            let view = view.clone();
            let on_open = Callback::from(move |id: i64| view.set(View::Observation(id)));
            html! { <ObservationList config={config.clone()} token={token.clone()} {on_open} on_signed_out={on_signed_out.clone()} /> }
        }
        (Some(token), View::Observation(id)) => {
            let view = view.clone();
            let on_back = Callback::from(move |()| view.set(View::Observations));
            html! { <ObservationDetail config={config.clone()} token={token.clone()} id={*id} {on_back} on_signed_out={on_signed_out.clone()} /> }
        }
        (Some(token), View::Audit) => {
            html! { <AuditLog config={config.clone()} token={token.clone()} on_signed_out={on_signed_out.clone()} /> }
        }
    };
    html! {
        <section class="mj-card mj-desk" aria-labelledby="mj-title">
            <div class="mj-toolbar">
                <h2 id="mj-title" class="mj-title">{ t.title_desk }</h2>
                if session.is_some() {
                    <button type="button" class="mj-button mj-secondary" onclick={on_sign_out}>{ d.desk_sign_out }</button>
                }
            </div>
            if let Some(token) = &*session {
                <DeskNav config={config.clone()} token={token.clone()} view={(*view).clone()} {on_show} on_signed_out={on_signed_out.clone()} />
            }
            { body }
        </section>
    }
}
