//! The access-code sign-in that the desk (staff) and the supervisor panel share, and
//! their sign-out.

use mingjing_domain::desk::SignInRequest;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::api::ApiFailure;
use crate::api::session::{self, Credentials, Role};
use crate::config::WidgetConfig;

/// The words of one sign-in form, from the widget's message catalogue.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SignInTexts {
    pub title: &'static str,
    pub label: &'static str,
    pub hint: &'static str,
    pub button: &'static str,
    pub bad_code: &'static str,
    pub locked: &'static str,
    pub unreachable: &'static str,
}

#[derive(Properties, PartialEq)]
pub struct SignInProps {
    pub config: WidgetConfig,
    pub role: Role,
    pub texts: SignInTexts,
    pub on_signed_in: Callback<String>,
}

#[component]
pub fn SignIn(props: &SignInProps) -> Html {
    let texts = props.texts;
    let code = use_state(String::new);
    let problem = use_state(|| None::<&'static str>);
    let busy = use_state(|| false);
    let oninput = {
        let code = code.clone();
        Callback::from(move |e: InputEvent| code.set(e.target_unchecked_into::<HtmlInputElement>().value()))
    };
    let onsubmit = {
        let (code, problem, busy) = (code.clone(), problem.clone(), busy.clone());
        let request = SignInRequest { site: props.config.site.clone(), code: String::new() };
        let (api, role, on_signed_in) = (props.config.api.clone(), props.role, props.on_signed_in.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let request = SignInRequest { code: code.trim().to_owned(), ..request.clone() };
            let (api, problem, busy, on_signed_in) = (api.clone(), problem.clone(), busy.clone(), on_signed_in.clone());
            busy.set(true);
            wasm_bindgen_futures::spawn_local(async move {
                match session::sign_in(&api, role, &request).await {
                    Ok(session) => on_signed_in.emit(session.token),
                    Err(ApiFailure::Refused(429, _)) => problem.set(Some(texts.locked)),
                    Err(ApiFailure::Refused(_, _)) => problem.set(Some(texts.bad_code)),
                    Err(_) => problem.set(Some(texts.unreachable)),
                }
                busy.set(false);
            });
        })
    };
    html! {
        <form class="mj-sign-in" {onsubmit} novalidate=true>
            <h3 class="mj-subtitle">{ texts.title }</h3>
            if let Some(message) = *problem {
                <div class="mj-alert mj-danger" role="alert"><p>{ message }</p></div>
            }
            <div class="mj-field">
                <label for="mj-code">{ texts.label }</label>
                <input id="mj-code" class="mj-input" type="password" autocomplete="current-password"
                       value={(*code).clone()} {oninput} aria-describedby="mj-code-hint" />
                <p id="mj-code-hint" class="mj-hint">{ texts.hint }</p>
            </div>
            <button type="submit" class="mj-button" disabled={*busy}>{ texts.button }</button>
        </form>
    }
}

/// Signs out: ends the session on the collector, then calls `forget`, which drops the
/// token in this tab. The token is forgotten even when the collector cannot be reached;
/// its session then ends when it expires.
pub fn sign_out(credentials: Credentials, role: Role, forget: Callback<()>) {
    wasm_bindgen_futures::spawn_local(async move {
        let _ = session::sign_out(&credentials, role).await;
        forget.emit(());
    });
}
