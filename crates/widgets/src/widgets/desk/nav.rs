//! The desk's tabs once signed in: reviews, observations, and — for the site's
//! administrators — the audit log.

use yew::prelude::*;

use super::View;
use crate::api;
use crate::shared::session::use_session;
use crate::shared::session_fetch::use_session_get;

#[derive(Properties, PartialEq)]
pub struct NavProps {
    pub view: View,
    pub on_show: Callback<View>,
}

#[component]
pub fn DeskNav(props: &NavProps) -> Html {
    let lang = use_session().config.lang;
    let (t, d, m) = (lang.messages(), lang.desk(), lang.supervision());
    let profile = use_session_get((), api::desk::me);
    let site_admin = matches!(&*profile, Some(Ok(p)) if p.site_admin);
    let tab = |label: &'static str, target: View, current: bool, testid: &'static str| {
        let on_show = props.on_show.clone();
        let onclick = Callback::from(move |_: MouseEvent| on_show.emit(target.clone()));
        html! {
            <button type="button" class="mj-tab" data-testid={testid} aria-current={current.then_some("page")} {onclick}>{ label }</button>
        }
    };
    let on_reviews = matches!(props.view, View::Reviews | View::Review(_));
    let on_observations = matches!(props.view, View::Observations | View::Observation(_));
    html! {
        <nav class="mj-tabs" aria-label={t.title_desk}>
            { tab(m.sv_desk_tab_reviews, View::Reviews, on_reviews, "tab-reviews") }
            { tab(m.sv_desk_tab_observations, View::Observations, on_observations, "tab-observations") }
            if site_admin {
                { tab(d.desk_tab_audit, View::Audit, props.view == View::Audit, "tab-audit") }
            }
        </nav>
    }
}
