use mingjing_domain::desk::{SignInRequest, SignInResponse};
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::api::{self, ApiFailure};
use crate::config::WidgetConfig;

#[derive(Properties, PartialEq)]
pub struct SignInProps {
    pub config: WidgetConfig,
    pub on_signed_in: Callback<String>,
}

#[component]
pub fn SignIn(props: &SignInProps) -> Html {
    let d = props.config.lang.desk();
    let code = use_state(String::new);
    let problem = use_state(|| None::<String>);
    let busy = use_state(|| false);
    let oninput = {
        let code = code.clone();
        Callback::from(move |e: InputEvent| code.set(e.target_unchecked_into::<HtmlInputElement>().value()))
    };
    let onsubmit = {
        let (code, problem, busy) = (code.clone(), problem.clone(), busy.clone());
        let config = props.config.clone();
        let on_signed_in = props.on_signed_in.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let d = config.lang.desk();
            let request = SignInRequest { site: config.site.clone(), code: code.trim().to_owned() };
            let url = format!("{}/api/v1/staff/session", config.api);
            let (problem, busy, on_signed_in) = (problem.clone(), busy.clone(), on_signed_in.clone());
            busy.set(true);
            wasm_bindgen_futures::spawn_local(async move {
                match api::post::<_, SignInResponse>(&url, &request).await {
                    Ok((_, session)) => on_signed_in.emit(session.token),
                    Err(ApiFailure::Refused(429, _)) => problem.set(Some(d.desk_locked.to_owned())),
                    Err(ApiFailure::Refused(_, _)) => problem.set(Some(d.desk_bad_code.to_owned())),
                    Err(_) => problem.set(Some(d.desk_unreachable.to_owned())),
                }
                busy.set(false);
            });
        })
    };
    html! {
        <form class="mj-sign-in" {onsubmit} novalidate=true>
            <h3 class="mj-subtitle">{ d.desk_sign_in_title }</h3>
            if let Some(message) = &*problem {
                <div class="mj-alert mj-danger" role="alert"><p>{ message }</p></div>
            }
            <div class="mj-field">
                <label for="mj-code">{ d.desk_code_label }</label>
                <input id="mj-code" class="mj-input" type="password" autocomplete="current-password"
                       value={(*code).clone()} {oninput} aria-describedby="mj-code-hint" />
                <p id="mj-code-hint" class="mj-hint">{ d.desk_code_hint }</p>
            </div>
            <button type="submit" class="mj-button" disabled={*busy}>{ d.desk_sign_in }</button>
        </form>
    }
}
