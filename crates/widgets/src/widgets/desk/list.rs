use yew::prelude::*;

use super::stage_label;
use crate::api;
use crate::i18n::level_label;
use crate::shared::session::use_session;
use crate::shared::session_fetch::use_session_get;

#[derive(Properties, PartialEq)]
pub struct ListProps {
    pub on_open: Callback<String>,
}

/// The site's open poor reviews, the soonest due first. Overdue ones say so in words and
/// with a marker, never by colour alone.
#[component]
pub fn List(props: &ListProps) -> Html {
    let lang = use_session().config.lang;
    let (t, d) = (lang.messages(), lang.desk());
    let items = use_session_get((), api::desk::reviews);
    let list = match &*items {
        None => return html! { <p class="mj-muted" role="status">{ t.loading }</p> },
        Some(Err(())) => return html! { <p class="mj-alert mj-danger" role="alert">{ d.desk_unreachable }</p> },
        Some(Ok(list)) => list,
    };
    html! {
        <div class="mj-desk-list">
            <h3 class="mj-subtitle">{ d.desk_list_title }</h3>
            if list.is_empty() {
                <p class="mj-muted">{ d.desk_empty }</p>
            } else {
                <div class="mj-table-wrap">
                    <table class="mj-table">
                        <thead><tr>
                            <th scope="col">{ d.desk_col_receipt }</th>
                            <th scope="col">{ d.desk_col_rating }</th>
                            <th scope="col">{ d.desk_col_due }</th>
                            <th scope="col">{ d.desk_col_stage }</th>
                            <th scope="col"><span class="mj-sr-only">{ d.desk_open }</span></th>
                        </tr></thead>
                        <tbody>
                            { for list.iter().map(|item| {
                                let open = {
                                    let on_open = props.on_open.clone();
                                    let receipt = item.receipt.clone();
                                    Callback::from(move |_| on_open.emit(receipt.clone()))
                                };
                                html! {
                                    <tr class={classes!(item.overdue.then_some("mj-overdue"))}>
                                        <td class="mj-mono">{ &item.receipt }</td>
                                        <td>{ level_label(t, item.rating) }</td>
                                        <td>
                                            { &item.due_date }
                                            if item.overdue { { " " }<strong class="mj-flag">{ "⚠ " }{ d.desk_overdue }</strong> }
                                        </td>
                                        <td>{ stage_label(d, item.stage) }</td>
                                        <td><button type="button" class="mj-button mj-secondary" onclick={open}
                                                    aria-label={format!("{} {}", d.desk_open, item.receipt)}>{ d.desk_open }</button></td>
                                    </tr>
                                }
                            }) }
                        </tbody>
                    </table>
                </div>
            }
        </div>
    }
}
