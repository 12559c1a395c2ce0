//! `<mingjing-desk>`: department staff sign in with their access code, see the site's poor
//! reviews with their working-day deadlines, and record each follow-up step.

mod audit;
mod detail;
mod exclusion;
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
use crate::api::session::{Credentials, Role};
use crate::config::WidgetConfig;
use crate::i18n::DeskMessages;
use crate::shared::session::Session;
use crate::shared::session_store;
use crate::shared::sign_in::{self, SignIn, SignInTexts};

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
    let token = use_state(|| session_store::load(Role::Staff, &config.site));
    let view = use_state(|| View::Reviews);
    let on_signed_in = {
        let token = token.clone();
        let site = config.site.clone();
        Callback::from(move |signed_in: String| {
            session_store::save(Role::Staff, &site, Some(&signed_in));
            token.set(Some(signed_in));
        })
    };
    // Signing out, or a session the collector no longer accepts.
    let on_signed_out = {
        let (token, view) = (token.clone(), view.clone());
        let site = config.site.clone();
        Callback::from(move |_| {
            session_store::save(Role::Staff, &site, None);
            view.set(View::Reviews);
            token.set(None);
        })
    };
    let session = (*token).clone().map(|token| Session {
        config: config.clone(),
        credentials: Credentials { api: config.api.clone(), token },
        on_signed_out,
    });
    let (sign_out, body) = match session {
        None => {
            let texts = SignInTexts {
                title: d.desk_sign_in_title,
                label: d.desk_code_label,
                hint: d.desk_code_hint,
                button: d.desk_sign_in,
                bad_code: d.desk_bad_code,
                locked: d.desk_locked,
                unreachable: d.desk_unreachable,
            };
            (html! {}, html! { <SignIn config={config.clone()} role={Role::Staff} {texts} {on_signed_in} /> })
        }
        Some(session) => {
            // The sign-out button: the collector ends the session, then this tab forgets it.
            let on_sign_out = {
                let session = session.clone();
                Callback::from(move |_: MouseEvent| {
                    sign_in::sign_out(session.credentials.clone(), Role::Staff, session.on_signed_out.clone());
                })
            };
            let on_show = {
                let view = view.clone();
                Callback::from(move |next: View| view.set(next))
            };
            (
                html! { <button type="button" class="mj-button mj-secondary" onclick={on_sign_out}>{ d.desk_sign_out }</button> },
                html! {
                    <ContextProvider<Session> context={session}>
                        <DeskNav view={(*view).clone()} {on_show} />
                        { page(&view) }
                    </ContextProvider<Session>>
                },
            )
        }
    };
    html! {
        <section class="mj-card mj-desk" aria-labelledby="mj-title">
            <div class="mj-toolbar">
                <h2 id="mj-title" class="mj-title">{ t.title_desk }</h2>
                { sign_out }
            </div>
            { body }
        </section>
    }
}

/// The page `view` names, each able to move the desk to another.
fn page(view: &UseStateHandle<View>) -> Html {
    let view = view.clone();
    match (*view).clone() {
        View::Reviews => {
            let on_open = Callback::from(move |receipt: String| view.set(View::Review(receipt)));
            html! { <List {on_open} /> }
        }
        View::Review(receipt) => {
            let on_back = Callback::from(move |_| view.set(View::Reviews));
            html! { <Detail {receipt} {on_back} /> }
        }
        View::Observations => {
            let on_open = Callback::from(move |id: i64| view.set(View::Observation(id)));
            html! { <ObservationList {on_open} /> }
        }
        View::Observation(id) => {
            let on_back = Callback::from(move |()| view.set(View::Observations));
            html! { <ObservationDetail {id} {on_back} /> }
        }
        View::Audit => html! { <AuditLog /> },
    }
}
