//! The site's audit log, for its administrators: who signed in or failed to, who was locked
//! out, who revealed a contact or exported personal data. One page at a time, newest first.

use mingjing_domain::desk::AuditAction;
use yew::prelude::*;

use crate::api;
use crate::i18n::DeskMessages;
use crate::shared::session::use_session;
use crate::shared::session_fetch::use_session_get;

/// Entries per page.
const PAGE: u32 = 50;

fn action_label(d: &DeskMessages, action: AuditAction) -> &'static str {
    match action {
        AuditAction::SignIn => d.audit_action_sign_in,
        AuditAction::SignInFailed => d.audit_action_sign_in_failed,
        AuditAction::LockedOut => d.audit_action_locked_out,
        AuditAction::RevealContact => d.audit_action_reveal_contact,
        AuditAction::ExportPersonalData => d.audit_action_export_personal_data,
    }
}

#[component]
pub fn AuditLog() -> Html {
    let lang = use_session().config.lang;
    let (t, d) = (lang.messages(), lang.desk());
    let before = use_state(|| None::<i64>);
    let older_than = *before;
    let page = use_session_get(older_than, async move |c| api::desk::audit(c, PAGE, older_than).await);
    let entries = match &*page {
        None => return html! { <p class="mj-muted" role="status">{ t.loading }</p> },
        Some(Err(())) => return html! { <p class="mj-alert mj-danger" role="alert">{ d.desk_unreachable }</p> },
        Some(Ok(entries)) => entries,
    };
    let older = entries.last().filter(|_| entries.len() == PAGE as usize).map(|last| {
        let (before, id) = (before.clone(), last.id);
        Callback::from(move |_: MouseEvent| before.set(Some(id)))
    });
    let newest = before.is_some().then(|| {
        let before = before.clone();
        Callback::from(move |_: MouseEvent| before.set(None))
    });
    html! {
        <div class="mj-desk-audit" data-testid="audit-log">
            <h3 class="mj-subtitle" id="mj-audit-title">{ d.audit_title }</h3>
            <p class="mj-muted">{ d.audit_intro }</p>
            if entries.is_empty() {
                <p class="mj-muted">{ d.audit_empty }</p>
            } else {
                <div class="mj-table-wrap" role="region" aria-labelledby="mj-audit-title" tabindex="0">
                    <table class="mj-table mj-stack">
                        <thead><tr>
                            <th scope="col">{ d.audit_col_time }</th>
                            <th scope="col">{ d.audit_col_actor }</th>
                            <th scope="col">{ d.audit_col_action }</th>
                            <th scope="col">{ d.audit_col_client }</th>
                        </tr></thead>
                        <tbody>
                            { for entries.iter().map(|e| html! {
                                <tr>
                                    <td data-label={d.audit_col_time}>{ e.at.replace('T', " ").get(..19).unwrap_or(&e.at).to_owned() }</td>
                                    <td data-label={d.audit_col_actor} class="mj-mono">{ &e.actor }</td>
                                    <td data-label={d.audit_col_action}>{ action_label(d, e.action) }</td>
                                    <td data-label={d.audit_col_client} class="mj-mono">{ &e.client }</td>
                                </tr>
                            }) }
                        </tbody>
                    </table>
                </div>
            }
            <div class="mj-actions">
                if let Some(on_newest) = newest {
                    <button type="button" class="mj-button mj-secondary" onclick={on_newest}>{ d.audit_newest }</button>
                }
                if let Some(on_older) = older {
                    <button type="button" class="mj-button mj-secondary" onclick={on_older}>{ d.audit_older }</button>
                }
            </div>
        </div>
    }
}
