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
    let after = use_state(|| None::<String>);
    let cursor = (*after).clone();
    let page = use_session_get(cursor.clone(), async move |c| api::desk::reviews(c, cursor.as_deref()).await);
    let page = match &*page {
        None => return html! { <p class="mj-muted" role="status">{ t.loading }</p> },
        Some(Err(())) => return html! { <p class="mj-alert mj-danger" role="alert">{ d.desk_unreachable }</p> },
        Some(Ok(page)) => page,
    };
    let list = &page.items;
    let next = page.next.clone().map(|next| {
        let after = after.clone();
        Callback::from(move |_: MouseEvent| after.set(Some(next.clone())))
    });
    let first = after.is_some().then(|| {
        let after = after.clone();
        Callback::from(move |_: MouseEvent| after.set(None))
    });
    html! {
        <div class="mj-desk-list">
            <h3 class="mj-subtitle">{ d.desk_list_title }</h3>
            if page.total > 0 {
                <p class="mj-muted" data-testid="desk-total">{ d.desk_total(page.total) }</p>
            }
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
            <div class="mj-actions">
                if let Some(on_first) = first {
                    <button type="button" class="mj-button mj-secondary" onclick={on_first}>{ d.desk_first_page }</button>
                }
                if let Some(on_next) = next {
                    <button type="button" class="mj-button mj-secondary" onclick={on_next}>{ d.desk_next_page }</button>
                }
            </div>
        </div>
    }
}
